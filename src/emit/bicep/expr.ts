// Small constructors for the Bicep model, so builders read like the Bicep they produce.

import type { Decorator, Expr, ObjProp } from './ast.js';

export const str = (value: string): Expr => ({ k: 'str', value });
export const num = (value: number): Expr => ({ k: 'num', value });
export const bool = (value: boolean): Expr => ({ k: 'bool', value });
export const nul: Expr = { k: 'null' };
export const arr = (...items: Expr[]): Expr => ({ k: 'arr', items });

/** `sym('stg', 'properties', 'primaryEndpoints', 'blob')` → `stg.properties.primaryEndpoints.blob`. */
export function sym(name: string, ...path: string[]): Expr {
  let e: Expr = { k: 'sym', name };
  for (const p of path) e = { k: 'member', target: e, name: p };
  return e;
}

export const member = (target: Expr, ...path: string[]): Expr =>
  path.reduce<Expr>((t, name) => ({ k: 'member', target: t, name }), target);

export const index = (target: Expr, i: Expr): Expr => ({ k: 'index', target, index: i });

export const call = (fn: string, ...args: Expr[]): Expr => ({ k: 'call', fn, args });

/** Tagged template: interp`func-${sym('token')}` builds a Bicep interpolated string. */
export function interp(strings: TemplateStringsArray, ...exprs: Expr[]): Expr {
  const parts: (string | Expr)[] = [];
  strings.forEach((s, i) => {
    if (s !== '') parts.push(s);
    const e = exprs[i];
    if (e !== undefined) parts.push(e);
  });
  return { k: 'interp', parts };
}

/** Build an object from entries; `undefined` values are dropped so optional properties read naturally. */
export function obj(entries: Record<string, Expr | undefined> | [string, Expr | undefined][]): Expr {
  return { k: 'obj', props: props(entries) };
}

export function props(entries: Record<string, Expr | undefined> | [string, Expr | undefined][]): ObjProp[] {
  const list = Array.isArray(entries) ? entries : Object.entries(entries);
  const out: ObjProp[] = [];
  for (const [key, value] of list) if (value !== undefined) out.push({ key, value });
  return out;
}

export const ternary = (cond: Expr, then: Expr, otherwise: Expr): Expr => ({ k: 'ternary', cond, then, else: otherwise });
export const eq = (left: Expr, right: Expr): Expr => ({ k: 'binary', op: '==', left, right });

export const forEach = (item: string, source: Expr, body: Expr, filter?: Expr): Expr => ({ k: 'for', item, source, body, filter });

export const decorator = (name: string, ...args: Expr[]): Decorator => ({ name, args });
export const description = (text: string): Decorator => decorator('description', str(text));

/** `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '<guid>')` */
export const roleDefinition = (id: string): Expr =>
  call('subscriptionResourceId', str('Microsoft.Authorization/roleDefinitions'), str(id));

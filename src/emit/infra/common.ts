// Pieces every module shares: the location/tags params and a resource declaration shorthand.

import type { Decl, DeclLoop, Decorator, Expr, ObjProp } from '../bicep/ast.js';
import { description, props } from '../bicep/expr.js';

export const locationAndTags: Decl[] = [
  { kind: 'param', name: 'location', type: 'string', decorators: [description('Azure region of the resources')] },
  { kind: 'param', name: 'tags', type: 'object', decorators: [description("Tags for every resource (carries 'azd-env-name')")] },
];

export function param(name: string, type: 'string' | 'int' | 'bool' | 'object' | 'array', text: string, def?: Expr): Decl {
  return { kind: 'param', name, type, default: def, decorators: [description(text)] };
}

export function resource(
  name: string,
  typeAtVersion: [string, string],
  body: Record<string, Expr | undefined> | [string, Expr | undefined][],
  extra: { parent?: string; existing?: boolean; scope?: Expr; dependsOn?: string[]; condition?: Expr; loop?: DeclLoop; description?: string; decorators?: Decorator[] } = {},
): Decl {
  const [type, apiVersion] = typeAtVersion;
  const b: ObjProp[] = props(body);
  return {
    kind: 'resource',
    name,
    type,
    apiVersion,
    body: b,
    parent: extra.parent,
    existing: extra.existing,
    scope: extra.scope,
    dependsOn: extra.dependsOn,
    condition: extra.condition,
    loop: extra.loop,
    decorators: extra.description || extra.decorators ? [...(extra.decorators ?? []), ...(extra.description ? [description(extra.description)] : [])] : undefined,
  };
}

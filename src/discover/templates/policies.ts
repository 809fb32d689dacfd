// IAM policies from templates: inline policy documents, managed policy names/ARNs, and SAM policy templates
// expanded to the actions they grant (table generated from the SAM translator, see policy-templates.generated.ts).

import type { Policy, PolicyStatement, Resolvable } from '../../model/inventory.js';
import { asArray, asRecord } from './context.js';
import { type IntrinsicResolver } from './intrinsics.js';
import { display, Symbolic, toPlain } from './symbolic.js';
import { POLICY_TEMPLATES } from './policy-templates.generated.js';

export function statementsOf(document: unknown, resolver: IntrinsicResolver): PolicyStatement[] {
  const doc = asRecord(resolver.resolve(document));
  const out: PolicyStatement[] = [];
  for (const s of asArray(doc.Statement)) {
    const st = asRecord(s);
    const statement: PolicyStatement = {
      effect: st.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: asArray(st.Action).map((a) => display(a)),
      resources: resolvables(asArray(st.Resource ?? st.NotResource)),
    };
    if (st.NotAction !== undefined) statement.notActions = asArray(st.NotAction).map((a) => display(a));
    if (st.Condition !== undefined) statement.conditions = toPlain(st.Condition);
    out.push(statement);
  }
  return out;
}

function resolvables(values: unknown[]): Resolvable[] {
  return values.map((v) => (v instanceof Symbolic ? { symbol: v.symbol } : typeof v === 'string' ? v : display(v)));
}

/** Replace `Ref: <template parameter>` in a policy template with the value the user gave for it. */
function substituteParameters(v: unknown, params: Record<string, unknown>): unknown {
  if (Array.isArray(v)) return v.map((x) => substituteParameters(x, params));
  if (v === null || typeof v !== 'object') return v;
  const r = v as Record<string, unknown>;
  if (typeof r.Ref === 'string' && Object.keys(r).length === 1 && r.Ref in params) return params[r.Ref];
  return Object.fromEntries(Object.entries(r).map(([k, x]) => [k, substituteParameters(x, params)]));
}

export function isPolicyTemplate(name: string): boolean {
  return Object.hasOwn(POLICY_TEMPLATES, name);
}

export function expandPolicyTemplate(name: string, params: unknown, resolver: IntrinsicResolver): Policy {
  const tpl = POLICY_TEMPLATES[name]!;
  const given = asRecord(params);
  const statements = tpl.statements.map((s) => {
    const resources = resolver.resolve(substituteParameters(s.resources, given));
    const st: PolicyStatement = { effect: s.effect, actions: [...s.actions], resources: resolvables(asArray(resources)) };
    if (s.condition !== undefined) st.conditions = toPlain(resolver.resolve(substituteParameters(s.condition, given)));
    return st;
  });
  return { name, kind: 'sam-template', statements };
}

/** A managed policy given by name or ARN: its statements are not readable offline. */
export function managedPolicy(ref: Resolvable): Policy {
  const name = typeof ref === 'string' ? ref : `{${ref.symbol}}`;
  const awsManaged = typeof ref === 'string' && (/^arn:aws[a-z-]*:iam::aws:policy\//.test(ref) || !ref.startsWith('arn:'));
  return { name, kind: awsManaged ? 'managed-aws' : 'managed-customer', statements: [], opaque: true };
}

/** The AWS managed policy name SAM attaches implicitly, as an ARN. */
export const awsManaged = (name: string) => `arn:aws:iam::aws:policy/${name}`;

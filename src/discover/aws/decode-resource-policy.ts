// A function's resource-based policy (GetPolicy) → the push sources it admits: one per Allow statement,
// by principal and SourceArn (aws-source.md §1c). Enrichers then ask the source service for details.

import { parseSourceArn, type SourceRef } from './arn.js';
import { globToRegExp } from './function-glob.js';

export type PushPrincipal =
  | 'apigateway'
  | 's3'
  | 'sns'
  | 'events'
  | 'logs'
  | 'elb'
  | 'iot'
  | 'cognito'
  | 'function-url'
  | 'account'
  | 'other';

export interface PushSource {
  principal: PushPrincipal;
  /** The raw principal: a service name, an account ARN or `*`. */
  principalName: string;
  sid?: string;
  sourceArn?: string;
  source?: SourceRef;
  sourceAccount?: string;
  /** The alias or version whose policy held the statement. */
  qualifier?: string;
  /** For function URLs: `NONE` or `AWS_IAM` from the `lambda:FunctionUrlAuthType` condition. */
  functionUrlAuthType?: string;
}

const SERVICE_PRINCIPALS: Record<string, PushPrincipal> = {
  'apigateway.amazonaws.com': 'apigateway',
  's3.amazonaws.com': 's3',
  'sns.amazonaws.com': 'sns',
  'events.amazonaws.com': 'events',
  'logs.amazonaws.com': 'logs',
  'elasticloadbalancing.amazonaws.com': 'elb',
  'iot.amazonaws.com': 'iot',
  'cognito-idp.amazonaws.com': 'cognito',
};

type Json = Record<string, unknown>;

function asArray(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Look a condition key up case-insensitively across every operator (ArnLike, ArnEquals, StringEquals, ...). */
function conditionValue(cond: unknown, key: string): string | undefined {
  if (!cond || typeof cond !== 'object') return undefined;
  for (const block of Object.values(cond as Json)) {
    if (!block || typeof block !== 'object') continue;
    for (const [k, v] of Object.entries(block as Json)) {
      if (k.toLowerCase() === key.toLowerCase()) {
        const first = asArray(v)[0];
        if (typeof first === 'string') return first;
      }
    }
  }
  return undefined;
}

function principalsOf(p: unknown): string[] {
  if (typeof p === 'string') return [p];
  if (!p || typeof p !== 'object') return [];
  const o = p as Json;
  return [...asArray(o.Service), ...asArray(o.AWS), ...asArray(o.Federated)].filter((x): x is string => typeof x === 'string');
}

/**
 * Whether a GetPolicy `Policy` string has an Allow statement that could admit `lambda:InvokeFunctionUrl`
 * (named, or through a wildcard): only then can the function have a URL worth a GetFunctionUrlConfig call.
 */
export function grantsFunctionUrl(policyJson: string): boolean {
  let doc: Json;
  try {
    doc = JSON.parse(policyJson) as Json;
  } catch {
    return false;
  }
  return asArray(doc.Statement).some((raw) => {
    if (!raw || typeof raw !== 'object' || (raw as Json).Effect !== 'Allow') return false;
    return asArray((raw as Json).Action).some((a) => typeof a === 'string' && a.length <= 256 && globToRegExp(a.toLowerCase()).test('lambda:invokefunctionurl'));
  });
}

/** Decode a GetPolicy `Policy` string. Deny statements and non-invoke actions admit nothing. */
export function decodeResourcePolicy(policyJson: string, qualifier?: string): PushSource[] {
  let doc: Json;
  try {
    doc = JSON.parse(policyJson) as Json;
  } catch {
    return [];
  }
  const out: PushSource[] = [];
  for (const raw of asArray(doc.Statement)) {
    if (!raw || typeof raw !== 'object') continue;
    const st = raw as Json;
    if (st.Effect !== 'Allow') continue;
    const actions = asArray(st.Action).filter((a): a is string => typeof a === 'string');
    const isUrl = actions.some((a) => a === 'lambda:InvokeFunctionUrl');
    if (!isUrl && !actions.some((a) => a === 'lambda:InvokeFunction' || a === 'lambda:*' || a === '*')) continue;
    const sourceArn = conditionValue(st.Condition, 'AWS:SourceArn');
    const sourceAccount = conditionValue(st.Condition, 'AWS:SourceAccount');
    for (const principalName of principalsOf(st.Principal)) {
      const base: PushSource = { principal: 'other', principalName };
      if (typeof st.Sid === 'string') base.sid = st.Sid;
      if (qualifier) base.qualifier = qualifier;
      if (sourceArn) {
        base.sourceArn = sourceArn;
        base.source = parseSourceArn(sourceArn);
      }
      if (sourceAccount) base.sourceAccount = sourceAccount;
      if (isUrl) {
        base.principal = 'function-url';
        const auth = conditionValue(st.Condition, 'lambda:FunctionUrlAuthType');
        if (auth) base.functionUrlAuthType = auth;
      } else if (SERVICE_PRINCIPALS[principalName]) {
        base.principal = SERVICE_PRINCIPALS[principalName]!;
      } else if (principalName === '*' || /^(arn:[^:]+:iam::)?\d{12}(:root)?$/.test(principalName)) {
        base.principal = 'account';
      }
      out.push(base);
    }
  }
  return out;
}

// IAM policy documents as the API returns them (URL-encoded JSON, RFC 3986; moto encodes some and not others)
// → the Inventory's PolicyStatement list, and the services a trust policy lets assume the role.

import type { PolicyStatement } from '../../model/inventory.js';

type Json = Record<string, unknown>;

/** Decode defensively: URL-decode when the text is encoded, then parse. Undefined when unreadable. */
export function parsePolicyDocument(text: string | undefined): Json | undefined {
  if (!text) return undefined;
  let s = text.trim();
  if (s.startsWith('%')) {
    try {
      s = decodeURIComponent(s);
    } catch {
      return undefined;
    }
  }
  try {
    const doc = JSON.parse(s) as unknown;
    return doc && typeof doc === 'object' ? (doc as Json) : undefined;
  } catch {
    return undefined;
  }
}

function strings(v: unknown): string[] {
  const a = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return a.filter((x): x is string => typeof x === 'string');
}

export function statementsOf(doc: Json | undefined): PolicyStatement[] {
  if (!doc) return [];
  const raw = doc.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const out: PolicyStatement[] = [];
  for (const s of raw) {
    if (!s || typeof s !== 'object') continue;
    const st = s as Json;
    const statement: PolicyStatement = {
      effect: st.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: strings(st.Action),
      resources: strings(st.Resource),
    };
    const notActions = strings(st.NotAction);
    if (notActions.length > 0) statement.notActions = notActions;
    if (st.Condition !== undefined) statement.conditions = st.Condition;
    out.push(statement);
  }
  return out;
}

/** Services allowed to assume the role (Allow statements with sts:AssumeRole*), sorted. */
export function trustedServicesOf(doc: Json | undefined): string[] {
  const services = new Set<string>();
  const raw = doc?.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  for (const s of raw) {
    if (!s || typeof s !== 'object') continue;
    const st = s as Json;
    if (st.Effect !== 'Allow') continue;
    if (!strings(st.Action).some((a) => a.startsWith('sts:AssumeRole') || a === 'sts:*')) continue;
    const p = st.Principal;
    if (p && typeof p === 'object') for (const svc of strings((p as Json).Service)) services.add(svc);
  }
  return [...services].sort();
}

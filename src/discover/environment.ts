// Environment variables: names always, values only when asked, secrets never.
// Shared by template and live discovery so both classify a variable the same way.

import type { EnvVar, Resolvable, SecretSource } from '../model/inventory.js';
import { isSymbolic } from '../model/inventory.js';

const SECRET_NAME = /(PASSW(OR)?D|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH_?KEY|SIGNING_?KEY|CLIENT_?SECRET|CONN(ECTION)?_?STR(ING)?|DSN|WEBHOOK_?URL|SESSION_?KEY|ENCRYPTION_?KEY|SALT)/i;

/** Literal value shapes that are secrets whatever the variable is called. */
const SECRET_VALUE: [RegExp, string][] = [
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/, 'aws-access-key-id'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'private-key'],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/, 'github-token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'slack-token'],
  [/\b(sk|rk)_(live|test)_[A-Za-z0-9]{16,}\b/, 'stripe-key'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'jwt'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i, 'url-with-credentials'],
  [/(^|;)\s*(Password|Pwd|AccountKey|SharedAccessKey|SharedAccessSignature)\s*=/i, 'connection-string-with-credentials'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'google-api-key'],
];

/** References to secret stores: recorded with their source, never resolved. */
const SECRET_REFERENCE: [RegExp, SecretSource][] = [
  [/\{\{resolve:secretsmanager:([^}]+)\}\}/, 'secretsmanager'],
  [/\{\{resolve:ssm-secure:([^}]+)\}\}/, 'ssm-secure'],
  [/\{\{resolve:ssm:([^}]+)\}\}/, 'ssm'],
  [/\$\{ssm:([^}]+)\}/, 'serverless-ssm'],
  [/^(arn:aws[a-z-]*:secretsmanager:[^\s]+)$/, 'secretsmanager'],
  [/^(arn:aws[a-z-]*:ssm:[^:]*:[^:]*:parameter\/[^\s]+)$/, 'ssm'],
];

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** A long, unbroken, mixed-alphabet random-looking string (a key or token with no recognisable prefix). */
export function looksHighEntropy(value: string): boolean {
  if (value.length < 20 || /\s/.test(value)) return false;
  if (/^(arn:|https?:\/\/|\/|s3:\/\/)/.test(value)) return false; // identifiers and paths, not keys
  if (/^[0-9a-f-]{36}$/i.test(value)) return false; // a UUID is an identifier
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+\.[a-z]{2,}(:\d+)?$/i.test(value)) return false; // a host name, e.g. an RDS endpoint
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  return classes >= 3 && entropy(value) >= 4.0;
}

export function secretReferenceIn(text: string): { source: SecretSource; ref: string } | undefined {
  for (const [re, source] of SECRET_REFERENCE) {
    const m = re.exec(text);
    if (m) return { source, ref: m[1]! };
  }
  return undefined;
}

/** Why a literal value must never be written, or undefined when it may be (with --include-values). */
export function secretReason(name: string, value: string): string | undefined {
  for (const [re, reason] of SECRET_VALUE) if (re.test(value)) return reason;
  if (value !== '' && SECRET_NAME.test(name)) return `name:${name}`;
  if (looksHighEntropy(value)) return 'high-entropy';
  return undefined;
}

export interface ClassifyOptions {
  includeValues: boolean;
  /** Template parameters declared `NoEcho: true`; a `Ref` to one is a secret reference. */
  noEchoParameters?: ReadonlySet<string>;
}

export function classifyEnvVar(name: string, value: Resolvable | undefined, opts: ClassifyOptions): EnvVar {
  if (value === undefined) return { name, kind: 'plain' };
  if (isSymbolic(value)) {
    const ref = secretReferenceIn(value.symbol);
    if (ref) return { name, kind: 'secret-reference', secret: ref };
    const param = /^Ref:([A-Za-z0-9]+)$/.exec(value.symbol)?.[1];
    if (param && opts.noEchoParameters?.has(param)) {
      return { name, kind: 'secret-reference', secret: { source: 'noecho-parameter', ref: param } };
    }
    return { name, kind: 'reference', value: value.symbol };
  }
  const ref = secretReferenceIn(value);
  if (ref) return { name, kind: 'secret-reference', secret: ref };
  const reason = secretReason(name, value);
  if (reason) return { name, kind: 'secret-like', reason };
  return opts.includeValues ? { name, kind: 'plain', value } : { name, kind: 'plain' };
}

export function classifyEnvironment(vars: Record<string, Resolvable> | undefined, opts: ClassifyOptions): EnvVar[] {
  if (!vars) return [];
  return Object.keys(vars)
    .sort()
    .map((name) => classifyEnvVar(name, vars[name], opts));
}

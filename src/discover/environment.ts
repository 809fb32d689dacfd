// Environment variables: names always, values only when asked, secrets never.
// Shared by template and live discovery so both classify a variable the same way.

import type { EnvVar, Resolvable, SecretSource } from '../model/inventory.js';
import { isSymbolic } from '../model/inventory.js';

const SECRET_NAME = /(PASSW(OR)?D|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH_?KEY|SIGNING_?KEY|CLIENT_?SECRET|CONN(ECTION)?_?STR(ING)?|DSN|WEBHOOK_?URL|SESSION_?KEY|ENCRYPTION_?KEY|SALT)/i;

/** Literal value shapes that are secrets whatever the variable is called, wherever in the value they sit. */
const SECRET_VALUE: [RegExp, string][] = [
  [/\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/, 'aws-access-key-id'],
  [/-----BEGIN [A-Z0-9 ]*(PRIVATE KEY|PRIVATE KEY BLOCK)-----/, 'private-key'],
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/-]{8,}=*/, 'authorization-header'],
  [/[?&;](api[_-]?key|apikey|key|access[_-]?token|token|auth|secret|client[_-]?secret|password|passwd|pwd|sig|signature|code|sas)=[^&#\s{}$]{6,}/i, 'query-string-secret'],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/, 'github-token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'slack-token'],
  [/\b(sk|rk)_(live|test)_[A-Za-z0-9]{16,}\b/, 'stripe-key'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'jwt'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:[^\s@/]+@/i, 'url-with-credentials'],
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

/** The secret shape found anywhere in `text` (a literal, a symbol's text, a resolved part), if any. */
export function secretValueReason(text: string): string | undefined {
  for (const [re, reason] of SECRET_VALUE) if (re.test(text)) return reason;
  return undefined;
}

/**
 * Variables that name a secret rather than hold one: `SECRET_ID`, `*_SECRET_ARN`, `*_SECRET_NAME`. Their value,
 * when it looks like a secret name or ARN, is a reference to the secret store, not a secret value.
 */
const SECRET_POINTER_NAME = /(^|_)SECRETS?_(ID|ARN|NAME)$|^SECRET_?(ID|ARN|NAME)$/i;
const SECRET_NAME_VALUE = /^(arn:aws[a-z-]*:secretsmanager:[^\s]+|[A-Za-z0-9/_+=.@-]{1,512})$/;

function secretPointer(name: string, value: string): { source: SecretSource; ref: string } | undefined {
  if (!SECRET_POINTER_NAME.test(name) || !SECRET_NAME_VALUE.test(value) || secretValueReason(value)) return undefined;
  if (!value.startsWith('arn:') && looksHighEntropy(value)) return undefined; // a random string is a value, not a name
  return { source: 'secretsmanager', ref: value };
}

/** Why a literal value must never be written, or undefined when it may be (with --include-values). */
export function secretReason(name: string, value: string): string | undefined {
  const shape = secretValueReason(value);
  if (shape) return shape;
  if (value !== '' && SECRET_NAME.test(name)) return `name:${name}`;
  if (looksHighEntropy(value)) return 'high-entropy';
  return undefined;
}

/** What an intrinsic value was built from: every literal string in it (both branches of an If, the parts of a
 * Sub or Join, referenced parameter defaults) and the NoEcho parameters it references. */
export interface ValueParts {
  strings: string[];
  noEcho: string[];
}

export interface ClassifyOptions {
  includeValues: boolean;
  /** Template parameters declared `NoEcho: true`; a `Ref` to one is a secret reference. */
  noEchoParameters?: ReadonlySet<string>;
  /** The parts a variable's value was built from, when it came out of intrinsic functions. */
  partsOf?: (name: string) => ValueParts | undefined;
}

/** NoEcho parameters a symbol mentions (`Ref:P`, `${P}`, `{Ref:P}`). */
function noEchoIn(symbol: string, noEcho: ReadonlySet<string> | undefined): string | undefined {
  if (!noEcho || noEcho.size === 0) return undefined;
  for (const m of symbol.matchAll(/(?:^Ref:|\$\{|\{Ref:)([A-Za-z0-9]+)\}?/g)) if (noEcho.has(m[1]!)) return m[1];
  return undefined;
}

export function classifyEnvVar(name: string, value: Resolvable | undefined, opts: ClassifyOptions): EnvVar {
  if (value === undefined) return { name, kind: 'plain' };
  const parts = opts.partsOf?.(name);
  const text = isSymbolic(value) ? value.symbol : value;
  const ref = secretReferenceIn(text);
  if (ref) return { name, kind: 'secret-reference', secret: ref };
  const noEcho = parts?.noEcho[0] ?? noEchoIn(text, opts.noEchoParameters);
  if (noEcho) return { name, kind: 'secret-reference', secret: { source: 'noecho-parameter', ref: noEcho } };
  // Credentials inside a Sub/Join/If are secrets even when the whole value is not knowable offline.
  for (const t of [text, ...(parts?.strings ?? [])]) {
    const shape = secretValueReason(t);
    if (shape) return { name, kind: 'secret-like', reason: shape };
  }
  const pointer = secretPointer(name, text);
  if (pointer) return { name, kind: 'secret-reference', secret: pointer };
  if (isSymbolic(value)) return { name, kind: 'reference', value: value.symbol };
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

// Deterministic, Azure-legal names derived from AWS names and symbols.

import { displayResolvable, isSymbolic, type Resolvable } from '../model/inventory.js';

/** The last meaningful segment of an ARN, URL or symbol: `arn:aws:sqs:r:1:orders` → `orders`, `{Ref:OrdersQueue}` → `OrdersQueue`. */
export function resourceTail(v: Resolvable | undefined, fallback: string): string {
  if (v === undefined) return fallback;
  let s = isSymbolic(v) ? v.symbol.replace(/^[A-Za-z]+:/, '').replace(/\.(Arn|Name|StreamArn|Url|QueueUrl)$/i, '') : displayResolvable(v);
  s = s.replace(/\/stream\/.*$/, '');
  const parts = s.split(/[:/]/).filter(Boolean);
  return parts[parts.length - 1] ?? fallback;
}

/** The AWS resource a planned one replaces, as the runbook names it: a literal name/ARN/URL, or `Ref:<logical id>`. */
export function awsSource(v: Resolvable): string {
  return isSymbolic(v) ? v.symbol.replace(/^GetAtt:(.+)\.Arn$/, 'Ref:$1') : v;
}

/** lowercase letters, digits and single hyphens; trimmed to max. */
export function slug(s: string, max = 63): string {
  const out = s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return out;
}

/** Like slug, but shortened by whole words (hyphen-separated), never cut mid-word: for names people read. */
export function wordSlug(s: string, max = 40): string {
  const full = slug(s, 1000);
  if (full.length <= max) return full;
  const words = full.split('-');
  let out = words[0]!.slice(0, max);
  for (const w of words.slice(1)) {
    if (out.length + 1 + w.length > max) break;
    out += `-${w}`;
  }
  return out;
}

/** Storage queue / blob container names: 3–63 lowercase, digits, hyphens. */
export function storageName(s: string): string {
  const out = slug(s, 63);
  return out.length >= 3 ? out : `${out}-q`.padEnd(3, 'x');
}

/** Azure function names: letters, digits, `-` and `_`, starting with a letter. */
export function functionName(s: string): string {
  let out = s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[^A-Za-z]+/, '');
  out = out.slice(0, 60).replace(/[-_]+$/, '');
  return out || 'fn';
}

/** Key Vault secret names: 1–127 alphanumerics and hyphens. */
export function secretName(s: string): string {
  return slug(s, 127) || 'secret';
}

/** App setting names: upper snake case. */
export function settingName(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

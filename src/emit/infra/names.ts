// Symbol and name helpers: Bicep identifiers, azd environment variable names, unique symbols per file.

import { createHash } from 'node:crypto';

/** `orders-api` → `ordersApi`; a leading digit gets a prefix so the result is a Bicep identifier. */
export function camel(name: string, prefix = 'r'): string {
  // An all-caps word (an env var like KAFKA_BROKERS) reads better lowered: kafkaBrokers, not kAFKABROKERS.
  const words = name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => (/^[A-Z0-9]+$/.test(w) ? w.toLowerCase() : w));
  const joined = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  if (joined === '') return prefix;
  return /^[0-9]/.test(joined) ? `${prefix}${joined}` : joined;
}

/** `orders-api` → `OrdersApi` (for composing `queueOrdersApi`). */
export function pascal(name: string): string {
  const c = camel(name, 'N');
  return c.charAt(0).toUpperCase() + c.slice(1);
}

/** `orders-api` → `ORDERS_API`: the azd environment variable spelling. */
export function envName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** Hands out unique Bicep symbols within one file, deterministically (first come keeps the plain name). */
export class SymbolTable {
  private readonly used = new Set<string>();

  constructor(reserved: string[] = []) {
    for (const r of reserved) this.used.add(r);
  }

  take(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.used.has(name); n++) name = `${wanted}${n}`;
    this.used.add(name);
    return name;
  }
}

/** An Event Grid topic name from a bus/topic name: `evgt-<name>-<token>` must fit 3–50 of [A-Za-z0-9-]. */
export function topicNamePrefix(name: string): string {
  let clean = name.replace(/[^A-Za-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  // Too long: keep a readable head and a hash of the whole name, so two long names never collide.
  if (clean.length > 31) clean = `${clean.slice(0, 24).replace(/-$/, '')}-${createHash('sha256').update(name).digest('hex').slice(0, 6)}`;
  return `evgt-${clean || 'topic'}-`;
}

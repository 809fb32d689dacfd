// Grouping Lambdas into function apps (mission-anchors 3.8). Every strategy keeps the hard splits a function app
// imposes (one worker runtime, one hosting plan); the default also splits by memory tier, reserved concurrency,
// execution role and timeout band, and groups by stack otherwise. Each app records why its functions are together.

import type { LambdaFunction } from '../model/inventory.js';
import type { AzureRuntime, HostingPlan } from '../model/plan.js';
import { MigrateError } from '../util/errors.js';
import { compareStrings, sortBy } from '../util/json.js';
import type { MemoryTier } from './hosting-policy.js';
import { runtimeKey } from './map-runtime.js';
import { slug, wordSlug } from './names.js';

export interface GroupMember {
  fn: LambdaFunction;
  runtime: AzureRuntime;
  plan: HostingPlan;
  memoryTier: MemoryTier;
  /** The execution role has wildcard permissions: merging it would widen every other function's identity. */
  privilegedRole?: boolean;
}

export interface Group {
  name: string;
  reasons: string[];
  members: GroupMember[];
}

/** Timeout bands: short (≤ 60 s), medium (≤ 300 s), long (> 300 s); host.json functionTimeout is app-wide. */
function timeoutBand(s: number): string {
  return s <= 60 ? 'short' : s <= 300 ? 'medium' : 'long';
}

interface Key {
  base: string;
  parts: { label: string; value: string; reason: string }[];
}

type Keyer = (m: GroupMember, roleName: (id?: string) => string) => Key;

const hardParts = (m: GroupMember): Key['parts'] => [
  { label: 'runtime', value: runtimeKey(m.runtime), reason: `one worker runtime per app: ${runtimeKey(m.runtime)}` },
  { label: 'plan', value: m.plan, reason: `hosting plan ${m.plan}` },
];

const STRATEGIES: Record<string, Keyer> = {
  default: (m, roleName) => {
    const parts = [
      ...hardParts(m),
      { label: 'memory', value: String(m.memoryTier), reason: `instance memory tier ${m.memoryTier} MB` },
      m.privilegedRole
        ? { label: 'role', value: roleName(m.fn.roleRef), reason: `execution role ${roleName(m.fn.roleRef)} has wildcard permissions: kept apart so its identity does not widen other functions` }
        : { label: 'role', value: '', reason: 'execution roles without wildcards share the app identity (review IDN-W006 when several roles merge)' },
      { label: 'timeout', value: timeoutBand(m.fn.timeout), reason: `timeout band ${timeoutBand(m.fn.timeout)} (functionTimeout is app-wide)` },
    ];
    if (m.fn.reservedConcurrency !== undefined) {
      parts.push({ label: 'reserved', value: m.fn.name, reason: `reserved concurrency ${m.fn.reservedConcurrency}: isolated in its own app so maximumInstanceCount can cap it` });
    }
    return { base: m.fn.stack ?? 'functions', parts: [{ label: 'stack', value: m.fn.stack ?? '', reason: m.fn.stack ? `same stack/service ${m.fn.stack}` : 'no stack recorded' }, ...parts] };
  },
  stack: (m) => ({ base: m.fn.stack ?? 'functions', parts: [{ label: 'stack', value: m.fn.stack ?? '', reason: `--group-by stack: ${m.fn.stack ?? '(none)'}` }, ...hardParts(m)] }),
  role: (m, roleName) => ({ base: roleName(m.fn.roleRef), parts: [{ label: 'role', value: roleName(m.fn.roleRef), reason: `--group-by role: ${roleName(m.fn.roleRef)}` }, ...hardParts(m)] }),
  prefix: (m) => {
    const p = /^[A-Za-z0-9]+/.exec(m.fn.name)?.[0] ?? 'functions';
    return { base: p, parts: [{ label: 'prefix', value: p, reason: `--group-by prefix: name prefix ${p}` }, ...hardParts(m)] };
  },
  single: (m) => ({ base: 'functions', parts: [{ label: 'single', value: '', reason: '--group-by single: one app for the estate' }, ...hardParts(m)] }),
};

const byTag =
  (tag: string): Keyer =>
  (m) => {
    const v = m.fn.tags[tag] ?? 'untagged';
    return { base: v, parts: [{ label: 'tag', value: v, reason: `--group-by tag:${tag}: ${v}` }, ...hardParts(m)] };
  };

export function groupFunctions(members: GroupMember[], strategy: string, roleName: (id?: string) => string): Group[] {
  let keyer: Keyer;
  if (strategy.startsWith('tag:') && strategy.length > 4) keyer = byTag(strategy.slice(4));
  else if (Object.hasOwn(STRATEGIES, strategy)) keyer = STRATEGIES[strategy]!;
  else throw new MigrateError('usage', `unknown --group-by strategy '${strategy}'`, { hint: 'use default, stack, role, tag:KEY, prefix or single' });

  const groups = new Map<string, { key: Key; members: GroupMember[] }>();
  for (const m of sortBy(members, (x) => x.fn.id)) {
    const key = keyer(m, roleName);
    const id = key.parts.map((p) => p.value).join('\u0000');
    const g = groups.get(id) ?? { key, members: [] };
    g.members.push(m);
    groups.set(id, g);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, g]) => g);
  // Name: the base, plus the parts that tell apart groups sharing it; then numbered if still equal.
  const byBase = new Map<string, typeof ordered>();
  for (const g of ordered) {
    const b = wordSlug(g.key.base, 40) || 'functions';
    const list = byBase.get(b);
    if (list) list.push(g);
    else byBase.set(b, [g]);
  }
  const used = new Set<string>();
  const out: Group[] = [];
  for (const g of ordered) {
    const base = wordSlug(g.key.base, 40) || 'functions';
    const siblings = byBase.get(base)!;
    // The largest group sharing a base keeps the bare name; the others are named by how they differ from it.
    const primary = siblings.reduce((best, s) => (s.members.length > best.members.length ? s : best), siblings[0]!);
    let name = base;
    if (g !== primary) name = distinguishedName(base, g.key, primary.key);
    if (name.length < 2) name = `${name}-app`;
    let unique = name;
    for (let n = 2; used.has(unique); n++) unique = `${wordSlug(name, 40 - String(n).length - 1)}-${n}`;
    used.add(unique);
    out.push({ name: unique, reasons: g.key.parts.map((p) => p.reason), members: g.members });
  }
  return sortBy(out, (g) => g.name);
}

const TIMEOUT_WORDS: Record<string, string> = { short: 'timeout-1m', medium: 'timeout-5m', long: 'timeout-15m' };

/** The words that say how a key differs from another: `2gb`, `python312`, `premium`, `timeout-5m`, a role or function. */
function partWords(p: Key['parts'][number]): string {
  switch (p.label) {
    case 'memory':
      return Number(p.value) >= 1024 ? `${Number(p.value) / 1024}gb` : `${p.value}mb`;
    case 'runtime':
      return p.value.replace(/[-.]/g, '');
    case 'plan':
      return p.value === 'FlexConsumption' ? 'flex' : p.value.toLowerCase();
    case 'role':
      return slug(p.value.replace(/(Function)?Role$/i, ''));
    case 'timeout':
      return TIMEOUT_WORDS[p.value] ?? p.value;
    default:
      return slug(p.value);
  }
}

/**
 * A group's name beside the primary group of the same base: the base plus whole words for what differs. A group
 * isolated for one function (reserved concurrency) or one role is named by it alone, since that already tells it
 * apart; words the base already has are not repeated; names are shortened by whole words, never mid-word.
 */
function distinguishedName(base: string, key: Key, primary: Key): string {
  const differing = key.parts.filter((p) => primary.parts.find((q) => q.label === p.label)?.value !== p.value);
  const identifying = differing.find((p) => p.label === 'reserved' && p.value) ?? differing.find((p) => p.label === 'role' && p.value);
  const chosen = identifying ? [identifying] : differing;
  const baseWords = new Set(base.split('-'));
  const words = chosen.map(partWords).join('-').split('-').filter((w) => w && !baseWords.has(w));
  if (words.length === 0) return base;
  const suffix = wordSlug(words.join('-'), 28);
  return `${wordSlug(base, 40 - suffix.length - 1)}-${suffix}`;
}

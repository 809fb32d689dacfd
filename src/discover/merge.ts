// `migrate merge`: shard inventories → one. Order-independent by construction: inputs are visited sorted by file
// name, every collection is keyed and sorted, so any argument order gives the same bytes. The same item in two
// inputs collapses when identical and is an error naming both files when not (it was read at different moments).

import { INVENTORY_SCHEMA_VERSION, type Inventory, type InventorySource, type Warning } from '../model/inventory.js';
import { MigrateError } from '../util/errors.js';
import { compareStrings, sortBy, stableStringify } from '../util/json.js';

export interface NamedInventory {
  file: string;
  inventory: Inventory;
}

/** Items of a collection unique by stable JSON, in a fixed order. */
function uniqueByJson<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) seen.set(stableStringify(item), item);
  return [...seen.entries()].sort(([ja, a], [jb, b]) => compareStrings(key(a), key(b)) || compareStrings(ja, jb)).map(([, item]) => item);
}

/** Warnings in source order (template file, line, column), then by code, message, subject and action. */
function warningKey(w: Warning): string {
  const at = w.source;
  return [at?.file ?? '', String(at?.line ?? 0).padStart(8, '0'), String(at?.column ?? 0).padStart(6, '0'), w.code, w.message, w.subject ?? '', w.action ?? ''].join('\u0000');
}

/** The one order every inventory's collections are written in, whoever produced them. */
export function canonicalInventory(inv: Inventory): Inventory {
  const out: Inventory = {
    ...inv,
    functions: sortBy(inv.functions, (f) => f.id),
    roles: sortBy(inv.roles, (r) => r.id),
    layers: sortBy(inv.layers, (l) => l.id),
    apis: sortBy(inv.apis, (a) => a.id),
    warnings: uniqueByJson(inv.warnings, warningKey),
  };
  if (inv.stacks) out.stacks = uniqueByJson(inv.stacks, (s) => `${s.file ?? ''}|${s.name}`);
  if (inv.dataResources) out.dataResources = uniqueByJson(inv.dataResources, (d) => d.id);
  // Drop undefined-valued keys so the written file and the in-memory result compare equal.
  return JSON.parse(stableStringify(out)) as Inventory;
}

type Keyed = 'functions' | 'roles' | 'layers' | 'apis';
const KEYED: Record<Keyed, string> = { functions: 'function', roles: 'role', layers: 'layer', apis: 'API' };

function conflict(kind: string, id: string, a: string, b: string): MigrateError {
  return new MigrateError('input.conflict', `${kind} ${id} differs from the same ${kind} in ${b}`, {
    file: a,
    hint: 'conflicting duplicates: were the shards discovered at different times? rerun them together',
  });
}

function mergeSources(inputs: readonly NamedInventory[]): { source: InventorySource; missingShards: number[] } {
  const first = inputs[0]!;
  const source: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  const shards = new Map<number, Set<number>>();
  let unsharded = false;
  for (const { file, inventory } of inputs) {
    const { shard, ...rest } = inventory.source;
    if (shard) shards.set(shard.count, (shards.get(shard.count) ?? new Set()).add(shard.index));
    else unsharded = true;
    for (const key of new Set([...Object.keys(rest), ...Object.keys(source)])) {
      const value = (rest as Record<string, unknown>)[key];
      if (Array.isArray(value) || (value === undefined && Array.isArray(source[key]))) {
        source[key] = [...new Set([...((source[key] as string[] | undefined) ?? []), ...((value as string[] | undefined) ?? [])])].sort(compareStrings);
      } else if (!(key in source)) {
        source[key] = value;
        origin[key] = file;
      } else if (stableStringify(source[key]) !== stableStringify(value)) {
        throw new MigrateError('input.conflict', `source.${key} is ${JSON.stringify(value) ?? 'absent'} here but ${JSON.stringify(source[key]) ?? 'absent'} in ${origin[key] ?? first.file}`, {
          file,
          hint: 'merge only shards of one discovery (same account, partition and --include-values)',
        });
      }
    }
  }
  if (shards.size > 1) {
    throw new MigrateError('usage', `the inputs are shards of different splits (${[...shards.keys()].sort((a, b) => a - b).map((n) => `/${n}`).join(', ')})`, { hint: 'merge the shards of one matrix run' });
  }
  const [[count, seen] = [0, new Set<number>()]] = [...shards];
  const missingShards = unsharded ? [] : Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  return { source: source as unknown as InventorySource, missingShards };
}

export function mergeInventories(given: readonly NamedInventory[]): Inventory {
  if (given.length === 0) throw new MigrateError('usage', 'nothing to merge: give inventory files');
  const inputs = sortBy(given, (g) => g.file);
  const { source, missingShards } = mergeSources(inputs);
  const merged: Inventory = { schemaVersion: INVENTORY_SCHEMA_VERSION, source, functions: [], roles: [], layers: [], apis: [], warnings: [] };
  for (const key of Object.keys(KEYED) as Keyed[]) {
    const byId = new Map<string, { json: string; file: string; item: Inventory[Keyed][number] }>();
    for (const { file, inventory } of inputs) {
      for (const item of inventory[key]) {
        const json = stableStringify(item);
        const had = byId.get(item.id);
        if (!had) byId.set(item.id, { json, file, item });
        else if (had.json !== json) throw conflict(KEYED[key], item.id, file, had.file);
      }
    }
    (merged[key] as unknown[]) = [...byId.values()].map((v) => v.item);
  }
  merged.warnings = inputs.flatMap((i) => i.inventory.warnings);
  const stacks = inputs.flatMap((i) => i.inventory.stacks ?? []);
  if (stacks.length > 0) merged.stacks = stacks;
  const dataResources = inputs.flatMap((i) => i.inventory.dataResources ?? []);
  if (dataResources.length > 0) merged.dataResources = dataResources;
  if (missingShards.length > 0) {
    const count = inputs.find((i) => i.inventory.source.shard)!.inventory.source.shard!.count;
    merged.warnings.push({ code: 'merge.missing-shards', message: `shard(s) ${missingShards.map((i) => `${i}/${count}`).join(', ')} were not merged: the accounts and regions they cover are missing` });
  }
  return canonicalInventory(merged);
}

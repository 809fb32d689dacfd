// Which data-plane resources a function uses. A resource's `usedBy` can name thousands of functions (one table
// behind a whole estate), so the plan never scans it per function: the index is built once per decision.

import type { DataResource } from '../../model/plan.js';

const indexes = new WeakMap<readonly DataResource[], Map<string, DataResource[]>>();

function indexOf(dataPlane: readonly DataResource[]): Map<string, DataResource[]> {
  let index = indexes.get(dataPlane);
  if (!index) {
    index = new Map();
    for (const r of dataPlane) {
      for (const fn of new Set(r.usedBy)) {
        const list = index.get(fn);
        if (list) list.push(r);
        else index.set(fn, [r]);
      }
    }
    indexes.set(dataPlane, index);
  }
  return index;
}

/** The resources `fnName` uses, in the decision's order. */
export function resourcesUsedBy(dataPlane: readonly DataResource[], fnName: string): readonly DataResource[] {
  return indexOf(dataPlane).get(fnName) ?? [];
}

/** The resources any of `fnNames` uses, in the decision's order. */
export function resourcesUsedByAny(dataPlane: readonly DataResource[], fnNames: Iterable<string>): DataResource[] {
  const used = new Set<DataResource>();
  for (const fn of fnNames) for (const r of resourcesUsedBy(dataPlane, fn)) used.add(r);
  if (used.size === 0) return [];
  return used.size === dataPlane.length ? [...dataPlane] : dataPlane.filter((r) => used.has(r));
}

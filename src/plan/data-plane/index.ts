// The data-plane decision of a plan (Plan.dataPlane): every AWS resource the functions touch, moved to its Azure
// counterpart or kept in AWS. collect.ts finds the resources, decide.ts picks the counterpart and applies
// --keep-in-aws; the function facts here feed the blocker rules of rules/dependencies.yaml.

import type { Inventory } from '../../model/inventory.js';
import type { DataResource, TargetResource } from '../../model/plan.js';
import type { CodeFacts } from '../sdk-scan.js';
import { DataPlaneCollector } from './collect.js';
import { decide, type KeepEntry } from './decide.js';
import { resourcesUsedBy } from './used-by.js';

export type { KeepEntry } from './decide.js';

export function planDataPlane(inv: Inventory, code: Map<string, CodeFacts>, triggerResources: TargetResource[], keep: KeepEntry[]): DataResource[] {
  const collector = new DataPlaneCollector(inv);
  for (const fn of inv.functions) collector.addFunction(fn, code.get(fn.id));
  const stacks = new Map(inv.functions.map((f) => [f.name, f.stack]));
  return decide(collector.touched(), keep, { triggerResources, stackOf: (fn) => stacks.get(fn) });
}

/** Rule facts of one function: what it moves and keeps, the operations on moved resources, DynamoDB conditions. */
export function functionDataFacts(fnName: string, dataPlane: DataResource[] | undefined, code: CodeFacts | undefined): Record<string, string[]> {
  const mine = resourcesUsedBy(dataPlane ?? [], fnName);
  const moved = mine.filter((r) => r.decision === 'move');
  const movedServices = new Set(moved.map((r) => r.service));
  const conditions = (code?.operations ?? []).filter((o) => o.service === 'dynamodb' && movedServices.has('dynamodb')).flatMap((o) => o.conditions);
  return {
    moved: moved.map((r) => r.id),
    kept: mine.filter((r) => r.decision === 'stay').map((r) => r.id),
    // This function's own calls on services it moves (a resource's operations are the union over its users).
    movedOperations: [...new Set((code?.operations ?? []).filter((o) => movedServices.has(o.service)).map((o) => `${o.service}:${o.operation}`))].sort(),
    // `attribute_not_exists(k)` / `attribute_exists(k)` map mechanically (create / conditional replace); others do not.
    conditionExpressions: [...new Set(conditions.filter((c) => !/^\s*attribute_(not_)?exists\s*\(\s*#?[A-Za-z0-9_]+\s*\)\s*$/.test(c)))].sort(),
  };
}

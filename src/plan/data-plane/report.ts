// The data plane in plan.md: the decision table (resource, used by, decision, Azure counterpart, reason, operations)
// and the stores the diagram draws (the plan's data-plane resources plus the resources that only trigger functions).

import type { Inventory } from '../../model/inventory.js';
import type { DataService, Plan } from '../../model/plan.js';
import { compareStrings, sortBy } from '../../util/json.js';
import { azureKindLabel, serviceLabel } from './decide.js';
import { triggerStore } from './resource-names.js';

export interface DataStore {
  service: DataService;
  name: string;
  usedBy: string[];
  /** What it becomes: `Cosmos DB for NoSQL container orders`, or `stays in AWS`. */
  verdict: string;
}

export const dataStoreLabel = (s: Pick<DataStore, 'service' | 'name'>): string => `${serviceLabel(s.service)} ${s.name}`;

export function dataStores(plan: Plan, inv: Inventory): DataStore[] {
  const out = new Map<string, DataStore>();
  for (const r of plan.dataPlane ?? []) {
    out.set(r.id, { service: r.service, name: r.name, usedBy: r.usedBy, verdict: r.decision === 'move' && r.azure ? `→ ${azureKindLabel(r.azure.kind)} ${r.azure.name}` : 'stays in AWS' });
  }
  for (const fn of inv.functions) {
    for (const t of fn.triggers) {
      const s = triggerStore(t);
      if (!s) continue;
      const id = `${s.service}:${s.name}`;
      const cur = out.get(id) ?? { service: s.service, name: s.name, usedBy: [], verdict: '→ trigger' };
      if (!cur.usedBy.includes(fn.name)) cur.usedBy = [...cur.usedBy, fn.name].sort(compareStrings);
      out.set(id, cur);
    }
  }
  return sortBy([...out.values()], (s) => `${s.service}:${s.name}`);
}

/** plan.md's data-plane decision table; empty when the functions touch no data-plane resource. */
export function decisionTable(plan: Plan, cell: (s: string) => string, collapsed: (names: readonly string[], noun: string) => string): string[] {
  const rows = plan.dataPlane ?? [];
  if (rows.length === 0) return [];
  const out = [
    'Data-plane resources the functions use (move: the code is rewritten to the Azure SDK, the Bicep creates the counterpart, MIGRATION.md moves the data; stay: the AWS SDK stays, reached with keyless web-identity federation). Keep one in AWS with `--keep-in-aws <service>[:<resource>]` or `keepInAws` in `.migraterc.yaml`.',
    '',
    '| AWS resource | Used by | Decision | Azure | Reason | Calls |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const azure = r.azure ? `${azureKindLabel(r.azure.kind)} \`${r.azure.name}\`${r.azure.partitionKey ? ` (partition key \`${r.azure.partitionKey}\`)` : ''}` : '—';
    out.push(`| ${cell(`${serviceLabel(r.service)} ${r.name}`)} | ${cell(collapsed(r.usedBy, 'functions'))} | ${r.decision} | ${cell(azure)} | ${cell(r.reason)} | ${cell(r.operations.join(', ') || '—')} |`);
  }
  out.push('');
  return out;
}

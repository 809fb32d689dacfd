// The Mermaid diagram of plan.md: AWS event sources → each Lambda inside the function app it moves to (with its
// Azure trigger) → the data stores it uses and their Azure target. Labels are whole (never cut); node ids are
// sequential, so no two names can collide. Every block this writes is checked by Mermaid's own parser in the tests.

import type { Inventory, Trigger } from '../model/inventory.js';
import type { Plan, PlannedFunction } from '../model/plan.js';
import { dataStoreLabel, dataStores } from './data-plane/report.js';
import { referencedName, triggerStore } from './data-plane/resource-names.js';
import { displayTriggerSource } from '../triggers/registry.js';

const ENTITIES: Record<string, string> = { '"': '#quot;', '<': '#lt;', '>': '#gt;', '{': '#123;', '}': '#125;', '[': '#91;', ']': '#93;', '(': '#40;', ')': '#41;', '|': '#124;', '#': '#35;', ';': '#59;', '`': '#96;' };

/** Text for a quoted Mermaid label: whole, with special characters as Mermaid entity codes. */
export function mermaidLabel(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/["<>{}[\]()|#;`]/g, (c) => ENTITIES[c]!);
}

/** The event source a trigger names, when it is not a data store: one node per API (all its routes), rule or schedule. */
function eventSource(t: Trigger): string {
  const api = 'api' in t && t.api !== undefined ? referencedName(t.api)?.name : undefined;
  return api ? `${t.kind} ${api}` : `${t.kind} ${displayTriggerSource(t)}`;
}

export function mappingDiagram(plan: Plan, inv: Inventory, limit = 60): string[] {
  const ids = new Map<string, string>();
  const id = (key: string) => {
    let v = ids.get(key);
    if (!v) ids.set(key, (v = `n${ids.size + 1}`));
    return v;
  };
  const lines = ['```mermaid', 'flowchart LR'];
  const edges: string[] = [];
  const byName = new Map(inv.functions.map((f) => [f.name, f]));
  const stores = dataStores(plan, inv);
  const storeKey = (service: string, name: string) => `store\u0000${service}\u0000${name}`;
  const shown = new Set<string>();
  const sources = new Map<string, string>();
  let count = 0;
  for (const app of plan.apps) {
    const fns = app.functions.filter(() => count++ < limit);
    if (fns.length === 0) continue;
    lines.push(`  subgraph ${id(`app\u0000${app.name}`)}["${mermaidLabel(`${app.name} · ${app.hosting.sku} · ${app.runtime.name} ${app.runtime.version}`.trim())}"]`);
    for (const f of fns) {
      const triggers = [...new Set(f.entries.map((e) => e.trigger.type))].join(', ');
      lines.push(`    ${id(`fn\u0000${f.lambdaId}`)}["${mermaidLabel(`λ ${f.lambdaName} → ${triggers}`)}"]`);
      shown.add(f.lambdaName);
    }
    lines.push('  end');
    for (const f of fns) {
      const fnId = id(`fn\u0000${f.lambdaId}`);
      for (const t of byName.get(f.lambdaName)?.triggers ?? []) {
        const store = triggerStore(t);
        if (store) {
          edges.push(`  ${id(storeKey(store.service, store.name))} -->|triggers| ${fnId}`);
          continue;
        }
        const label = eventSource(t);
        sources.set(id(`src\u0000${label}`), label);
        edges.push(`  ${id(`src\u0000${label}`)} --> ${fnId}`);
      }
    }
  }
  if (sources.size > 0) {
    lines.push('  subgraph aws_sources["AWS event sources"]');
    for (const [sid, label] of sources) lines.push(`    ${sid}(["${mermaidLabel(label)}"])`);
    lines.push('  end');
  }
  // Data stores sit together on the right; a store a function only uses is linked to its app (dotted), once.
  const appOf = new Map(plan.apps.flatMap((a) => a.functions.map((f) => [f.lambdaName, a.name] as const)));
  const fnByName = new Map<string, PlannedFunction>();
  for (const a of plan.apps) for (const f of a.functions) if (!fnByName.has(f.lambdaName)) fnByName.set(f.lambdaName, f);
  const drawn = stores.filter((s) => s.usedBy.some((u) => shown.has(u)));
  if (drawn.length > 0) {
    lines.push('  subgraph data_stores["Data stores and messaging: AWS → Azure"]');
    for (const s of drawn) {
      lines.push(`    ${id(storeKey(s.service, s.name))}[("${mermaidLabel(dataStoreLabel(s))}<br/>${mermaidLabel(s.verdict)}")]`);
    }
    lines.push('  end');
  }
  for (const s of drawn) {
    const sid = id(storeKey(s.service, s.name));
    const triggered = new Set(edges.filter((e) => e.startsWith(`  ${sid} -->`)).map((e) => e.split(' ').pop()));
    for (const u of s.usedBy.filter((x) => shown.has(x))) {
      const fn = fnByName.get(u);
      if (fn && !triggered.has(id(`fn\u0000${fn.lambdaId}`))) edges.push(`  ${id(`app\u0000${appOf.get(u)!}`)} -.- ${sid}`);
    }
  }
  lines.push(...new Set(edges));
  const total = plan.apps.reduce((n, a) => n + a.functions.length, 0);
  if (total > limit) lines.push(`  more["${mermaidLabel(`… and ${total - limit} more functions (see the tables below)`)}"]`);
  lines.push('```');
  return lines;
}

// The one table of rule facts, in area order (the subject's own fields first), and the subject views built from it.
// A view holds only the facts the loaded rules read (conditions and message placeholders), computed once per
// subject and assigned in table order so every view of a subject kind has the same object shape.

import type { SubjectKind } from '../../model/plan.js';
import { placeholders } from '../../model/findings.js';
import type { Condition } from '../rules/condition.js';
import type { Rule } from '../rules/rule.js';
import { capabilityFacts } from './capabilities.js';
import { dependencyFacts } from './dependencies.js';
import { deploymentFacts } from './deployment.js';
import type { Fact, FactTable, SubjectContexts } from './fact.js';
import { governanceFacts } from './governance.js';
import { identityFacts } from './identity.js';
import { inventoryFacts } from './inventory.js';
import { monitoringFacts } from './monitoring.js';

export const SUBJECTS = ['function', 'trigger', 'role', 'app', 'estate'] as const satisfies readonly SubjectKind[];

/** Where each table comes from: `inventory` or the design area whose rules use its facts. */
export const FACT_SOURCES: [string, FactTable][] = [
  ['inventory', inventoryFacts],
  ['capabilities', capabilityFacts],
  ['identity', identityFacts],
  ['deployment', deploymentFacts],
  ['monitoring', monitoringFacts],
  ['dependencies', dependencyFacts],
  ['governance', governanceFacts],
];

export type Facts = { [S in SubjectKind]: (Fact<S> & { origin: string })[] };

function collect(): Facts {
  const out = { function: [], trigger: [], role: [], app: [], estate: [] } as unknown as Facts;
  for (const s of SUBJECTS) {
    const seen = new Map<string, string>();
    for (const [origin, table] of FACT_SOURCES) {
      for (const f of (table[s] ?? []) as Fact[]) {
        const prev = seen.get(f.name);
        if (prev) throw new Error(`internal: ${s} fact ${f.name} is defined in ${prev} and ${origin}`);
        seen.set(f.name, origin);
        (out[s] as unknown[]).push({ ...f, origin });
      }
    }
  }
  return out;
}

export const FACTS: Facts = collect();

function conditionAttrs(c: Condition, out: Set<string>): void {
  if ('all' in c) c.all.forEach((x) => conditionAttrs(x, out));
  else if ('any' in c) c.any.forEach((x) => conditionAttrs(x, out));
  else if ('not' in c) conditionAttrs(c.not, out);
  else out.add(c.attr.split('.')[0]!);
}

/** `{path}` placeholders of a rule's texts, by their first segment. */
export function placeholderRoots(rule: Rule): string[] {
  const out: string[] = [];
  for (const t of [rule.message, rule.recommendation, rule.day0 ?? '']) for (const p of placeholders(t)) out.push(p.split('.')[0]!);
  return out;
}

/** A view builder per subject that computes only the facts these rules read. */
export type ViewBuilders = { [S in SubjectKind]: (c: SubjectContexts[S]) => Record<string, unknown> };

export function viewBuilders(rules: Rule[]): ViewBuilders {
  const needed = new Map<SubjectKind, Set<string>>(SUBJECTS.map((s) => [s, new Set<string>()]));
  for (const r of rules) {
    const set = needed.get(r.subject)!;
    conditionAttrs(r.condition, set);
    for (const p of placeholderRoots(r)) set.add(p);
  }
  const build = <S extends SubjectKind>(s: S) => {
    const facts = (FACTS[s] as Fact<S>[]).filter((f) => needed.get(s)!.has(f.name));
    const names = facts.map((f) => f.name);
    const computes = facts.map((f) => f.compute);
    // Every view starts as a copy of one object with all its keys: one shape, no map transition per fact.
    const shape = Object.fromEntries(names.map((n) => [n, undefined])) as Record<string, unknown>;
    return (c: SubjectContexts[S]): Record<string, unknown> => {
      const view: Record<string, unknown> = { ...shape };
      for (let i = 0; i < computes.length; i++) view[names[i]!] = computes[i]!(c);
      return view;
    };
  };
  return { function: build('function'), trigger: build('trigger'), role: build('role'), app: build('app'), estate: build('estate') };
}

// The first screen of plan.md: what moves where (Lambda → app → Azure trigger, the data-plane decision table),
// blockers, and the decisions the team must take, with repeated findings grouped by rule and their subjects collapsed.

import type { Plan } from '../model/plan.js';
import { decisionTable } from './data-plane/report.js';
import { findingsByRule, subjectNoun } from './findings-by-rule.js';
import { resolveFindings } from '../model/findings.js';

/** Escape text for a Markdown table cell. */
export function cell(s: string | number | undefined): string {
  return String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A list of names: inline when short, otherwise collapsed behind a count (HTML <details>, one line for tables). */
export function collapsed(names: readonly string[], noun: string, inline = 3): string {
  if (names.length <= inline) return names.join(', ');
  return `<details><summary>${names.length} ${noun}</summary>${escapeHtml(names.join(', '))}</details>`;
}

const countBy = (xs: string[]) => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
};

export function glance(plan: Plan): string[] {
  const out: string[] = ['## At a glance', '', '### What moves where', ''];
  out.push('| Function app | Hosting | Lambda functions → Azure triggers |', '|---|---|---|');
  for (const app of plan.apps) {
    const fns = app.functions.map((f) => `${f.lambdaName} → ${[...new Set(f.entries.map((e) => e.trigger.type))].join('+')}`);
    const triggers = countBy(app.functions.flatMap((f) => f.entries.map((e) => e.trigger.type)));
    const list = fns.length <= 10 ? fns.join('<br>') : `<details><summary>${fns.length} functions: ${escapeHtml(triggers)}</summary>${escapeHtml(fns.join(', '))}</details>`;
    out.push(`| [${app.name}](#${app.name}) | ${app.hosting.sku}, ${app.runtime.name} ${app.runtime.version}, ${app.instanceMemoryMB} MB | ${cell(list)} |`);
  }
  out.push('');
  out.push(...decisionTable(plan, cell, collapsed));
  const blockers = findingsByRule(resolveFindings(plan), (f) => f.severity === 'blocker');
  out.push(`### Blockers (${blockers.reduce((n, g) => n + g.findings.length, 0)})`, '');
  if (blockers.length === 0) out.push('None: every function has an automatic path to Azure.', '');
  for (const g of blockers) out.push(`- **[${g.ruleId}](#${g.ruleId.toLowerCase()})** ${g.first.title}: ${collapsed(g.subjects, subjectNoun(g))}. ${g.subjects.length === 1 ? g.first.recommendation : ''}`.trimEnd());
  if (blockers.length > 0) out.push('');
  const decisions = findingsByRule(resolveFindings(plan), (f) => f.severity === 'warning');
  out.push(`### Decisions needed (${decisions.length} rules, ${decisions.reduce((n, g) => n + g.findings.length, 0)} findings)`, '');
  if (decisions.length === 0) out.push('None.', '');
  const SHOWN = 12;
  for (const g of decisions.slice(0, SHOWN)) out.push(`- **[${g.ruleId}](#${g.ruleId.toLowerCase()})** ${g.first.title}: ${collapsed(g.subjects, subjectNoun(g))}`);
  if (decisions.length > SHOWN) out.push(`- … ${decisions.length - SHOWN} more rules in [Findings by design area](#findings-by-design-area)`);
  out.push('');
  return out;
}

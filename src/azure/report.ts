// preflight.{json,md,sarif} and verify.{json,md,sarif}: the findings in the plan's format, the SARIF through the
// plan's SARIF writer. Deterministic: sorted findings, sorted keys, no timestamps.

import path from 'node:path';
import type { Severity } from '../model/plan.js';
import { renderSarifChunks } from '../plan/report-sarif.js';
import { compactFindings, indexFindings, type ResolvedFinding } from '../model/findings.js';
import { writeFileAtomic } from '../util/file-tree.js';
import { stableStringify } from '../util/json.js';
import type { PlannedName } from './preflight-checks.js';
import type { SmokeResult } from './verify-checks.js';
import { TARGET_RULE_TABLE } from './catalogue.js';

export const TARGET_FORMATS = ['md', 'json', 'sarif'] as const;
export type TargetFormat = (typeof TARGET_FORMATS)[number];
export type FailOn = 'blocker' | 'warning' | 'never';

export interface TargetReport {
  command: 'preflight' | 'verify';
  /** What was checked: cloud, endpoint, subscription, location or resource group. */
  target: Record<string, string>;
  findings: ResolvedFinding[];
  names?: PlannedName[];
  smoke?: SmokeResult[];
}

export function countBySeverity(findings: ResolvedFinding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { blocker: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function exitCodeFor(findings: ResolvedFinding[], failOn: FailOn): 0 | 1 {
  const hit = findings.some((f) => (failOn === 'blocker' ? f.severity === 'blocker' : failOn === 'warning' ? f.severity !== 'info' : false));
  return hit ? 1 : 0;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderTargetMarkdown(r: TargetReport): string {
  const c = countBySeverity(r.findings);
  const lines = [`# migrate ${r.command}`, '', '| | |', '|---|---|'];
  for (const k of Object.keys(r.target).sort()) lines.push(`| ${cell(k)} | ${cell(r.target[k]!)} |`);
  lines.push('', `**${c.blocker} blocker(s), ${c.warning} warning(s), ${c.info} note(s).** Rule ids are explained in docs/azure-target.md.`, '');
  if (r.names?.length) {
    lines.push('## Planned names', '', '| type | name | for |', '|---|---|---|');
    for (const n of r.names) lines.push(`| ${n.type} | \`${cell(n.name)}\` | ${cell(n.owner)} |`);
    lines.push('');
  }
  if (r.smoke?.length) {
    lines.push('## Smoke calls', '', '| app | function | request | result |', '|---|---|---|---|');
    for (const s of r.smoke) lines.push(`| ${cell(s.app)} | ${cell(s.function)} | ${s.method} \`${cell(s.path)}\` | ${s.error ? cell(s.error) : s.status} |`);
    lines.push('');
  }
  lines.push('## Findings', '');
  if (r.findings.length === 0) lines.push('None: the target matches the plan.');
  for (const f of r.findings) {
    lines.push(`- **${f.severity}** \`${f.ruleId}\` ${cell(f.subject.name)}: ${cell(f.message)}`, `  ${cell(f.recommendation)} ([docs](${f.docs}))`);
  }
  return `${lines.join('\n')}\n`;
}

export async function writeTargetReports(outDir: string, r: TargetReport, formats: TargetFormat[], toolVersion: string, exitCode: number): Promise<string[]> {
  const written: string[] = [];
  const base = r.command;
  // On disk, findings reference a rules table as plan.json's do (the rule text once).
  const compact = compactFindings(r.findings, TARGET_RULE_TABLE);
  const { lists, ...tables } = indexFindings(compact.rules, [compact.findings]);
  const doc = { ...tables, findings: lists[0]! };
  if (formats.includes('json')) {
    const json = { schemaVersion: 2, ...r, ...doc, summary: countBySeverity(r.findings), exitCode };
    await writeFileAtomic(path.join(outDir, `${base}.json`), stableStringify(json));
    written.push(`${base}.json`);
  }
  if (formats.includes('md')) {
    await writeFileAtomic(path.join(outDir, `${base}.md`), renderTargetMarkdown(r));
    written.push(`${base}.md`);
  }
  if (formats.includes('sarif')) {
    await writeFileAtomic(path.join(outDir, `${base}.sarif`), renderSarifChunks(doc, toolVersion, `migrate-${base}`));
    written.push(`${base}.sarif`);
  }
  return written;
}

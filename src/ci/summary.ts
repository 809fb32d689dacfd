// The CI job summary (GitHub's $GITHUB_STEP_SUMMARY, or an artifact elsewhere): the verdict, the steps with their
// exit codes, plan.md's own sections about what changed (new and fixed findings, or the blockers without a
// baseline) and its summary table, and the files convert would change. Built from the reports the steps wrote.

import type { Plan } from '../model/plan.js';
import { resolveFindings } from '../model/findings.js';
import { shellLine, type CiStep } from './steps.js';

export interface ConvertOutcome {
  mode: 'check' | 'dry-run';
  drift: boolean;
  entries: { path: string; change: string; added: number; removed: number }[];
}

export interface StepOutcome extends CiStep {
  exitCode: number;
  /** The one-line error of a step that could not run (exit 2 or 3). */
  error?: string;
}

const MAX_FILES = 30;

/** Table rows kept per table: GitHub caps a step's summary at 1 MiB, and plan.md has every row anyway. */
const MAX_ROWS = 100;

/**
 * The `## heading` section of plan.md, its headings one level down, each table cut to MAX_ROWS rows; nothing when
 * plan.md has no such section.
 */
function section(planMd: string, heading: string, level = 2): string[] {
  const lines = planMd.split('\n');
  const hashes = '#'.repeat(level);
  // A heading may carry a count: `### Blockers (2)`.
  const start = lines.findIndex((l) => l === `${hashes} ${heading}` || l.startsWith(`${hashes} ${heading} (`));
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level}} `).test(l));
  const out: string[] = [];
  let rows = 0;
  let dropped = 0;
  const flush = () => {
    if (dropped > 0) out.push('', `… and ${dropped} more row(s) in plan.md.`);
    rows = 0;
    dropped = 0;
  };
  for (const l of lines.slice(start, end < 0 ? undefined : end)) {
    if (!l.startsWith('|')) flush();
    else if (++rows > MAX_ROWS + 2) {
      dropped++;
      continue;
    }
    out.push(/^#{2,5} /.test(l) ? `#${l}` : l);
  }
  flush();
  return out;
}

/** Inline code that survives backticks and pipes in the text (a table cell). */
function code(text: string): string {
  const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

export function renderJobSummary(input: { steps: StepOutcome[]; plan?: Plan; planMd?: string; convert?: ConvertOutcome; exitCode: number }): string {
  const { steps, plan, planMd, convert } = input;
  const out: string[] = ['## Lambda → Azure Functions migration check', ''];
  const gated = plan ? resolveFindings(plan).filter((f) => !plan.baseline || f.baselineState === 'new') : [];
  const count = (s: string) => gated.filter((f) => f.severity === s).length;
  const what = plan?.baseline ? 'new ' : '';
  const reasons: string[] = [];
  if (steps.find((s) => s.name === 'plan')?.exitCode === 1) reasons.push(`${what}findings reach \`--fail-on ${plan?.options.failOn ?? 'blocker'}\``);
  if (convert?.mode === 'check' && convert.drift) reasons.push('the committed output differs from what convert generates');
  const failedStep = steps.find((s) => s.exitCode >= 2);
  if (failedStep) reasons.push(`\`migrate ${failedStep.name}\` could not run (exit ${failedStep.exitCode}${failedStep.error ? `: ${failedStep.error}` : ''})`);
  out.push(input.exitCode === 0 ? '**Result: passed.**' : `**Result: failed**: ${reasons.join('; ')}.`, '');
  if (plan) out.push(`${count('blocker')} ${what}blocker(s), ${count('warning')} ${what}warning(s), ${count('info')} ${what}note(s) across ${plan.summary.functions} function(s).`, '');

  out.push('| Step | Command | Exit |', '|---|---|---:|');
  for (const s of steps) out.push(`| ${s.name} | ${code(shellLine(s.argv))} | ${s.exitCode} |`);
  out.push('');

  if (planMd) {
    out.push(...(plan?.baseline ? section(planMd, 'Changes since the baseline') : section(planMd, 'Blockers', 3)), '');
    // plan.md's table of findings per design area (the first table of that section), without its links into plan.md.
    const areas = section(planMd, 'Findings by design area');
    const table = areas.slice(2, areas.findIndex((l, i) => i > 2 && !l.startsWith('|')));
    out.push(...areas.slice(0, 2), ...table.map((l) => l.replace(/\[([^\]]+)\]\(#[^)]*\)/g, '$1')), '');
  }
  if (convert) {
    const changed = convert.entries.filter((e) => e.change !== 'unchanged');
    out.push('### Convert', '');
    if (convert.mode === 'dry-run') out.push(`Dry run (no committed output to check): a conversion would write ${changed.length} file(s).`, '');
    else if (changed.length === 0) out.push('The committed output is up to date.', '');
    else {
      out.push(`The committed output is out of date: ${changed.length} file(s) would change. Run \`migrate convert\` and commit the result.`, '');
      for (const e of changed.slice(0, MAX_FILES)) out.push(`- \`${e.path}\` ${e.change} (+${e.added} −${e.removed})`);
      if (changed.length > MAX_FILES) out.push(`- … and ${changed.length - MAX_FILES} more`);
      out.push('');
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

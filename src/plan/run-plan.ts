// The plan stage as the CLI runs it: config → rules → inventory → code scan → buildPlan → reports on disk.

import path from 'node:path';
import { readInventory, readPlan, writePlanJson } from '../model/io.js';
import type { Inventory } from '../model/inventory.js';
import type { DisabledRule, Plan } from '../model/plan.js';
import { MigrateError } from '../util/errors.js';
import { writeFileAtomic } from '../util/file-tree.js';
import { noProgress, type StartProgress } from '../util/progress.js';
import { applyBaseline, gatedFindings } from './baseline.js';
import { buildPlan } from './build-plan.js';
import { CONFIG_FILE, loadConfig } from './config.js';
import { renderMarkdown } from './report-md.js';
import { renderSarifChunks } from './report-sarif.js';
import { loadRules } from './rules/load-rules.js';
import { scanHandlerCode } from './sdk-scan.js';

export const PLAN_FORMATS = ['md', 'json', 'sarif'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface PlanRunOptions {
  inventory: string;
  outDir: string;
  rules?: string[];
  disable?: string[];
  config?: string;
  formats?: PlanFormat[];
  failOn?: Plan['options']['failOn'];
  groupBy?: string;
  invocations?: number;
  durationMs?: number;
  /** A committed plan.json: --fail-on then counts only findings it does not have. */
  baseline?: string;
  /** `--keep-in-aws <service>[:<resource>]` entries (added to the config's `keepInAws`). */
  keepInAws?: string[];
  cwd: string;
  toolVersion: string;
  /** Progress display (the CLI's, on a terminal); none by default. */
  progress?: StartProgress;
}

export interface PlanRunResult {
  plan: Plan;
  inventory: Inventory;
  written: string[];
  exitCode: 0 | 1;
}

const posix = (p: string) => p.split(path.sep).join('/');

export async function runPlan(o: PlanRunOptions): Promise<PlanRunResult> {
  const config = await loadConfig(o.cwd, o.config);
  const ruleDirs = [...config.rules, ...(o.rules ?? []).map((d) => path.resolve(o.cwd, d))];
  const rules = await loadRules(ruleDirs, o.cwd);
  const known = new Set(rules.map((r) => r.id));
  const disabled: DisabledRule[] = [];
  for (const d of config.disable) {
    if (!known.has(d.id)) throw new MigrateError('usage', `config disables unknown rule ${d.id}`, { file: config.file });
    disabled.push({ id: d.id, reason: d.reason, by: config.file ?? '.migraterc.yaml' });
  }
  for (const id of o.disable ?? []) {
    if (!known.has(id)) throw new MigrateError('usage', `--disable ${id}: no such rule`, { hint: 'see docs/rules.md for rule ids' });
    if (!disabled.some((d) => d.id === id)) disabled.push({ id, reason: 'disabled on the command line', by: 'cli' });
  }

  const inventoryFile = path.resolve(o.cwd, o.inventory);
  const inventory = await readInventory(inventoryFile);
  const outDir = path.resolve(o.cwd, o.outDir);
  const root = path.resolve(path.dirname(inventoryFile), inventory.source.root ?? '.');
  // Progress: one tick per function scanned, one for the rules and grouping, one per report written.
  const progress = (o.progress ?? noProgress)('plan', inventory.functions.length + 4);
  const code = scanHandlerCode(inventory, root, () => progress.tick());

  // Read the baseline before planning so a bad baseline fails fast, before anything is written.
  const baseline = o.baseline === undefined ? undefined : await readPlan(path.resolve(o.cwd, o.baseline));
  const built = buildPlan(inventory, rules, {
    groupBy: o.groupBy ?? config.groupBy ?? 'default',
    failOn: o.failOn ?? 'blocker',
    rulesets: ['builtin', ...ruleDirs.map((d) => posix(path.relative(o.cwd, d)) || '.')],
    disabled,
    code,
    cost: {
      ...config.cost,
      ...(o.invocations !== undefined ? { invocationsPerMonthPerFunction: o.invocations } : {}),
      ...(o.durationMs !== undefined ? { averageDurationMs: o.durationMs } : {}),
    },
    sourceRoot: posix(path.relative(outDir, root)) || '.',
    keepInAws: [...config.keepInAws.map((spec) => ({ spec, by: config.file ?? CONFIG_FILE })), ...(o.keepInAws ?? []).map((spec) => ({ spec, by: '--keep-in-aws' }))],
  });
  const plan = baseline ? applyBaseline(built, baseline, posix(o.baseline!)) : built;

  progress.tick();
  const formats = o.formats ?? [...PLAN_FORMATS];
  const written: string[] = [];
  await writePlanJson(path.join(outDir, 'plan.json'), plan);
  written.push('plan.json');
  progress.tick();
  if (formats.includes('md')) {
    await writeFileAtomic(path.join(outDir, 'plan.md'), renderMarkdown(plan, inventory));
    written.push('plan.md');
    progress.tick();
  }
  if (formats.includes('sarif')) {
    await writeFileAtomic(path.join(outDir, 'plan.sarif'), renderSarifChunks(plan, o.toolVersion));
    written.push('plan.sarif');
  }
  progress.done();
  const failOn = plan.options.failOn;
  const reached = gatedFindings(plan).some((f) => (failOn === 'blocker' ? f.severity === 'blocker' : failOn === 'warning' ? f.severity !== 'info' : false));
  return { plan, inventory, written, exitCode: reached ? 1 : 0 };
}

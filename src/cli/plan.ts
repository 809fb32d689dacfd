// `migrate plan`: inventory.json → plan.json (always), plan.md, plan.sarif. Exit 1 when findings reach --fail-on.

import { Command, Option } from 'commander';
import { MigrateError } from '../util/errors.js';
import { Reporter, type CliIO } from './io.js';
import type { CommandFactory } from './run.js';

interface PlanFlags {
  inventory: string;
  outDir: string;
  rules?: string[];
  disable?: string[];
  config?: string;
  format: string;
  failOn: 'blocker' | 'warning' | 'never';
  groupBy?: string;
  invocations?: string;
  durationMs?: string;
  baseline?: string;
  json?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

function nonNegative(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new MigrateError('usage', `${flag} must be a non-negative number, got '${v}'`);
  return n;
}

export const planCommand: CommandFactory = (io, setExit) =>
  new Command('plan')
    .description('Run the design-area rules over an inventory and propose the Azure target')
    .requiredOption('--inventory <file>', 'inventory.json from migrate discover')
    .requiredOption('--out-dir <dir>', 'where to write plan.json, plan.md, plan.sarif')
    .option('--rules <dir>', 'additional rule directory (repeatable)', collect)
    .option('--disable <rule-id>', 'turn a rule off (repeatable; recorded in the plan)', collect)
    .option('--config <file>', 'config file (default: .migraterc.yaml in the current directory, if present)')
    .addOption(new Option('--format <list>', 'reports to write besides plan.json: md,json,sarif').default('md,json,sarif'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when findings reach this severity').choices(['blocker', 'warning', 'never']).default('blocker'))
    .option('--group-by <strategy>', 'default | stack | role | tag:KEY | prefix | single')
    .option('--invocations <n>', 'cost assumption: invocations per function per month')
    .option('--duration-ms <n>', 'cost assumption: average duration in ms')
    .option('--baseline <plan.json>', 'a committed plan: --fail-on counts only findings it does not have; reports mark new and fixed ones')
    .option('--json', 'print a machine-readable summary on stdout and nothing on stderr')
    .action(async (flags: PlanFlags) => setExit(await runPlanCommand(flags, io)));

async function runPlanCommand(flags: PlanFlags, io: CliIO): Promise<number> {
  const reporter = await new Reporter(io, { json: flags.json }).init();
  const { runPlan, PLAN_FORMATS } = await import('../plan/run-plan.js');
  const formats = flags.format.split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of formats) {
    if (!(PLAN_FORMATS as readonly string[]).includes(f)) throw new MigrateError('usage', `--format ${f}: expected md, json or sarif`);
  }
  const { VERSION } = await import('./run.js');
  const result = await runPlan({
    inventory: flags.inventory,
    outDir: flags.outDir,
    rules: flags.rules,
    disable: flags.disable,
    config: flags.config,
    formats: formats as ('md' | 'json' | 'sarif')[],
    failOn: flags.failOn,
    groupBy: flags.groupBy,
    invocations: nonNegative('--invocations', flags.invocations),
    durationMs: nonNegative('--duration-ms', flags.durationMs),
    baseline: flags.baseline,
    cwd: io.cwd,
    toolVersion: VERSION,
  });
  const { plan } = result;
  const count = (s: string) => plan.findings.filter((f) => f.severity === s).length;
  if (flags.json) {
    io.stdout(
      `${JSON.stringify({
        outDir: flags.outDir,
        written: result.written,
        functions: plan.summary.functions,
        apps: plan.apps.map((a) => ({ name: a.name, functions: a.functions.length, plan: a.hosting.plan })),
        findings: { blocker: count('blocker'), warning: count('warning'), info: count('info') },
        areas: plan.summary.areas,
        cutover: plan.cutover.strategy,
        failOn: plan.options.failOn,
        ...(plan.baseline ? { baseline: { file: plan.baseline.file, new: plan.baseline.new, unchanged: plan.baseline.unchanged, absent: plan.baseline.absent.length } } : {}),
        exitCode: result.exitCode,
      })}\n`,
    );
  } else {
    reporter.success(`Planned ${plan.summary.functions} function(s) into ${plan.summary.apps} app(s) → ${flags.outDir}/{${result.written.join(',')}}`);
    reporter.info('');
    reporter.table(
      ['area', 'blockers', 'warnings', 'notes'],
      plan.summary.areas.map((a) => [a.area, String(a.blockers), String(a.warnings), String(a.infos)]),
    );
    reporter.info('');
    reporter.table(
      ['app', 'plan', 'runtime', 'functions'],
      plan.apps.map((a) => [a.name, a.hosting.sku, `${a.runtime.name} ${a.runtime.version}`.trim(), String(a.functions.length)]),
    );
    if (plan.baseline) reporter.info(`against ${plan.baseline.file}: ${plan.baseline.new} new, ${plan.baseline.absent.length} fixed, ${plan.baseline.unchanged} unchanged finding(s)\n`);
    for (const f of plan.findings.filter((x) => x.severity === 'blocker' && x.baselineState !== 'unchanged').slice(0, 10)) {
      reporter.info(`${reporter.red('blocker')} ${f.ruleId} ${f.subject.name}: ${f.message}`);
    }
    if (result.exitCode !== 0) reporter.warn(`${plan.baseline ? 'new ' : ''}findings reach --fail-on ${plan.options.failOn}: exit 1`);
  }
  return result.exitCode;
}

// `migrate plan`: inventory.json → plan.json (always), plan.md, plan.sarif. Exit 1 when findings reach --fail-on.

import { Option } from 'commander';
import { collect, MigrateCommand } from './command.js';
import { Reporter, type CliIO } from './io.js';
import { groupFindings, printJson, warningDetail } from './json-output.js';
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
  keepInAws?: string[];
  json?: boolean;
}

export const planCommand: CommandFactory = (io, setExit) => {
  const cmd = new MigrateCommand<PlanFlags>('plan', 'Run the design-area rules over an inventory and propose the Azure target');
  return cmd
    .required('--inventory <file>', 'inventory.json from migrate discover')
    .required('--out-dir <dir>', 'where to write plan.json, plan.md, plan.sarif')
    .option('--rules <dir>', 'additional rule directory (repeatable)', collect)
    .option('--disable <rule-id>', 'turn a rule off (repeatable; recorded in the plan)', collect)
    .option('--config <file>', 'config file (default: .migraterc.yaml in the current directory, if present)')
    .addOption(new Option('--format <list>', 'reports to write besides plan.json: md,json,sarif').default('md,json,sarif'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when findings reach this severity').choices(['blocker', 'warning', 'never']).default('blocker'))
    .option('--group-by <strategy>', 'default | stack | role | tag:KEY | prefix | single')
    .option('--invocations <n>', 'cost assumption: invocations per function per month')
    .option('--duration-ms <n>', 'cost assumption: average duration in ms')
    .option('--baseline <plan.json>', 'a committed plan: --fail-on counts only findings it does not have; reports mark new and fixed ones')
    .option('--keep-in-aws <service[:resource]>', 'keep a data-plane resource (or every resource of a service) in AWS, reached keylessly (repeatable; e.g. dynamodb:OrdersTable)', collect)
    .option('--json', 'print one JSON summary on stdout (schema in docs/cli.md) and nothing on stderr')
    .examples([
      { what: 'plan an inventory; read plan/plan.md next', command: 'plan --inventory inventory.json --out-dir plan' },
      { what: 'in CI: fail on warnings too, upload plan/plan.sarif to code scanning', command: 'plan --inventory inventory.json --out-dir plan --fail-on warning' },
      { what: 'your own rules, one built-in rule off, one app per stack', command: 'plan --inventory inventory.json --out-dir plan --rules ./rules --disable MON-W004 --group-by stack' },
      { what: 'in CI on a pull request: fail only on findings the committed plan does not have', command: 'plan --inventory inventory.json --out-dir plan --baseline main-plan.json' },
      { what: 'keep one DynamoDB table and every secret in AWS (keyless federation), move the rest', command: 'plan --inventory inventory.json --out-dir plan --keep-in-aws dynamodb:OrdersTable --keep-in-aws secretsmanager' },
      { what: 'machine-readable summary (findings grouped by rule)', command: 'plan --inventory inventory.json --out-dir plan --json | jq .findings' },
    ])
    .exitCodes({ 1: 'findings reach --fail-on (default: any blocker)' })
    .action(async (flags: PlanFlags) => setExit(await runPlanCommand(flags, io, cmd)));
};

function nonNegative(cmd: MigrateCommand<PlanFlags>, flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw cmd.usageError(`${flag} must be a non-negative number, got '${v}'`);
  return n;
}

async function runPlanCommand(flags: PlanFlags, io: CliIO, cmd: MigrateCommand<PlanFlags>): Promise<number> {
  const reporter = await new Reporter(io, { json: flags.json }).init();
  const { runPlan, PLAN_FORMATS } = await import('../plan/run-plan.js');
  const { resolveFindings } = await import('../model/findings.js');
  const formats = flags.format.split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of formats) {
    if (!(PLAN_FORMATS as readonly string[]).includes(f)) throw cmd.usageError(`--format ${f}: expected md, json or sarif`);
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
    invocations: nonNegative(cmd, '--invocations', flags.invocations),
    durationMs: nonNegative(cmd, '--duration-ms', flags.durationMs),
    baseline: flags.baseline,
    keepInAws: flags.keepInAws,
    cwd: io.cwd,
    toolVersion: VERSION,
    progress: reporter.progress,
  });
  const { plan } = result;
  const findings = resolveFindings(plan);
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const groups = groupFindings(findings);
  if (flags.json) {
    printJson(io, 'plan', {
      outDir: flags.outDir,
      written: result.written,
      functions: plan.summary.functions,
      apps: plan.apps.map((a) => ({ name: a.name, functions: a.functions.length, plan: a.hosting.plan, sku: a.hosting.sku })),
      findings: { blocker: count('blocker'), warning: count('warning'), info: count('info'), byRule: groups },
      areas: plan.summary.areas,
      cutover: plan.cutover.strategy,
      warnings: result.inventory.warnings.map(warningDetail),
      failOn: plan.options.failOn,
      ...(plan.baseline ? { baseline: { file: plan.baseline.file, new: plan.baseline.new, unchanged: plan.baseline.unchanged, absent: plan.baseline.absent.length } } : {}),
      exitCode: result.exitCode,
    });
    return result.exitCode;
  }
  const out = flags.outDir.replace(/\/+$/, '');
  reporter.success(`Planned ${plan.summary.functions} function(s) into ${plan.summary.apps} app(s) → ${out}/{${result.written.join(',')}}`);
  reporter.result('');
  reporter.table(
    ['area', 'blockers', 'warnings', 'notes'],
    plan.summary.areas.map((a) => [a.area, String(a.blockers), String(a.warnings), String(a.infos)]),
  );
  reporter.result('');
  reporter.table(
    ['app', 'plan', 'runtime', 'functions'],
    plan.apps.map((a) => [a.name, a.hosting.sku, `${a.runtime.name} ${a.runtime.version}`.trim(), String(a.functions.length)]),
  );
  if (plan.baseline) reporter.result(`against ${plan.baseline.file}: ${plan.baseline.new} new, ${plan.baseline.absent.length} fixed, ${plan.baseline.unchanged} unchanged finding(s)`);
  // Against a baseline, only blockers it does not already have are listed.
  const blockers = groupFindings(findings, (f) => f.severity === 'blocker' && f.baselineState !== 'unchanged');
  if (blockers.length > 0) reporter.result('');
  for (const g of blockers) reporter.result(`${reporter.red('blocker')} ${g.ruleId} ${g.title} (${g.count}: ${g.subjects.slice(0, 3).join(', ')}${g.subjects.length > 3 ? ', …' : ''})`);
  reporter.result('');
  reporter.result(`Next: read ${result.written.includes('plan.md') ? `${out}/plan.md` : `${out}/plan.json`}, then migrate convert --plan ${out}/plan.json --out-dir azure`);
  if (result.exitCode !== 0) reporter.warn(`${plan.baseline ? 'new ' : ''}findings reach --fail-on ${plan.options.failOn}: exit 1`);
  return result.exitCode;
}

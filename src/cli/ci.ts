// `migrate ci`: the pull-request dry run that action.yml runs (and any CI system can): discover → plan against the
// committed baseline → convert --check (or --dry-run), then a job summary. Each step is the ordinary command, run
// in-process with the same arguments docs/ci.md shows; the exit code is the worst of the steps.

import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Option } from 'commander';
import type { Plan } from '../model/plan.js';
import { EXIT, MigrateError } from '../util/errors.js';
import { writeFileAtomic } from '../util/file-tree.js';
import type { ConvertOutcome, StepOutcome } from '../ci/summary.js';
import { collect, MigrateCommand } from './command.js';
import { Reporter, type CliIO } from './io.js';
import { printJson } from './json-output.js';
import type { CommandFactory } from './run.js';

interface CiFlags {
  template?: string[];
  inventory?: string;
  baseline?: string;
  failOn: 'blocker' | 'warning' | 'never';
  rules?: string[];
  config?: string;
  output?: string;
  outDir: string;
  summary?: string;
  outputs?: string;
  json?: boolean;
}


export const ciCommand: CommandFactory = (io, setExit) =>
  new MigrateCommand<CiFlags>('ci', 'Pull-request dry run: discover, plan against a baseline, check the committed conversion, write a job summary')
    .option('--template <file|dir>', 'templates to discover (repeatable)', collect)
    .option('--inventory <file>', 'plan this inventory instead of discovering templates')
    .option('--baseline <plan.json>', 'the committed plan: only findings it lacks count for --fail-on')
    .addOption(new Option('--fail-on <severity>', 'fail when new findings reach this severity').choices(['blocker', 'warning', 'never']).default('blocker'))
    .option('--rules <dir>', 'additional rule directory (repeatable)', collect)
    .option('--config <file>', 'config file for plan')
    .option('--output <dir>', 'committed convert output to check (convert --check); without it, convert runs as a dry run')
    .addOption(new Option('--out-dir <dir>', 'where inventory.json, plan.json/md/sarif and summary.md go').default('migrate-ci'))
    .option('--summary <file>', 'also append the job summary Markdown here (e.g. $GITHUB_STEP_SUMMARY)')
    .option('--outputs <file>', 'append name=value results here (e.g. $GITHUB_OUTPUT): exit-code, new-findings, new-blockers, drift, sarif, summary')
    .option('--json', 'print one JSON result on stdout (schema in docs/cli.md) and nothing on stderr')
    .examples([
      { what: 'a pull request: templates against the committed plan and output, summary for GitHub', command: 'ci --template template.yaml --baseline migration/plan.json --output migration/azure --summary "$GITHUB_STEP_SUMMARY"' },
      { what: 'an inventory from discover --aws, gate on warnings too', command: 'ci --inventory inventory.json --fail-on warning --json' },
    ])
    .exitCodes({ 1: 'new findings reach --fail-on, or the committed output differs from what convert generates', 2: 'bad input or usage, or a step could not run (its one-line error is in the summary)' })
    .action(async (flags: CiFlags) => setExit(await runCi(flags, io)));

/** Run one `migrate` command in-process: its human output goes to our stderr (unless --json), its stdout is returned. */
async function step(argv: string[], io: CliIO, quiet: boolean): Promise<{ code: number; stdout: string; error?: string }> {
  const { run } = await import('./run.js');
  let stdout = '';
  let error: string | undefined;
  const stderr = (t: string) => {
    // The one line a failing command prints, kept for the summary and --json.
    const line = t.split('\n').find((l) => l.startsWith('migrate: '));
    if (line) error = line.slice('migrate: '.length);
    if (!quiet) io.stderr(t);
  };
  // A step's human results (stdout) are progress for ci: shown on stderr; a --json step's document is kept.
  const json = argv.includes('--json');
  const out = (t: string) => {
    if (json) stdout += t;
    else if (!quiet) io.stderr(t);
  };
  const code = await run(argv, { ...io, stdout: out, stderr });
  return { code, stdout, error: code >= EXIT.input ? error : undefined };
}

async function runCi(flags: CiFlags, io: CliIO): Promise<number> {
  const reporter = await new Reporter(io, { json: flags.json }).init();
  if (Boolean(flags.template?.length) === Boolean(flags.inventory)) throw new MigrateError('usage', 'give either --template <file|dir>... or --inventory <file>');
  const { ciSteps, shellLine } = await import('../ci/steps.js');
  const { renderJobSummary } = await import('../ci/summary.js');
  const steps = ciSteps({
    templates: flags.template ?? [],
    inventory: flags.inventory,
    baseline: flags.baseline,
    failOn: flags.failOn,
    rules: flags.rules ?? [],
    config: flags.config,
    output: flags.output,
    outDir: flags.outDir,
  });
  const done: StepOutcome[] = [];
  let convert: ConvertOutcome | undefined;
  for (const s of steps) {
    reporter.info(reporter.dim(`$ ${shellLine(s.argv)}`));
    const r = await step(s.argv, io, Boolean(flags.json));
    done.push({ ...s, exitCode: r.code, ...(r.error ? { error: r.error } : {}) });
    if (s.name === 'convert' && r.code <= 1) {
      // The disk not matching the plan is what CI reports as drift, including output never generated.
      const j = JSON.parse(r.stdout) as { upToDate: boolean; entries?: ConvertOutcome['entries'] };
      convert = { mode: flags.output ? 'check' : 'dry-run', drift: !j.upToDate, entries: j.entries ?? [] };
    }
    if (r.code >= EXIT.input) break; // later steps need this one's output
  }
  const outDir = path.resolve(io.cwd, flags.outDir);
  const readIf = async (f: string) => readFile(path.join(outDir, f), 'utf8').catch(() => undefined);
  const planText = done.some((s) => s.name === 'plan' && s.exitCode <= 1) ? await readIf('plan.json') : undefined;
  const plan = planText ? (JSON.parse(planText) as Plan) : undefined;
  const worst = Math.max(...done.map((s) => s.exitCode));
  const drift = convert?.mode === 'check' && convert.drift;
  const exitCode = worst >= EXIT.input ? worst : done.some((s) => s.name === 'plan' && s.exitCode === EXIT.findings) || drift ? EXIT.findings : EXIT.ok;

  const summary = renderJobSummary({ steps: done, plan, planMd: plan ? await readIf('plan.md') : undefined, convert, exitCode });
  await writeFileAtomic(path.join(outDir, 'summary.md'), summary);
  if (flags.summary) await appendFile(path.resolve(io.cwd, flags.summary), summary);
  const { resolveFindings } = await import('../model/findings.js');
  const newFindings = plan ? resolveFindings(plan).filter((f) => !plan.baseline || f.baselineState === 'new') : [];
  const results: Record<string, string | number | boolean> = {
    'exit-code': exitCode,
    'new-findings': newFindings.length,
    'new-blockers': newFindings.filter((f) => f.severity === 'blocker').length,
    drift: Boolean(drift),
    // Absolute, so later CI steps find them whatever their working directory.
    sarif: plan ? path.join(outDir, 'plan.sarif') : '',
    summary: path.join(outDir, 'summary.md'),
  };
  if (flags.outputs) await appendFile(path.resolve(io.cwd, flags.outputs), Object.entries(results).map(([k, v]) => `${k}=${String(v).replace(/[\r\n]/g, ' ')}\n`).join(''));
  if (flags.json) printJson(io, 'ci', { ...results, steps: done.map((s) => ({ name: s.name, exitCode: s.exitCode, error: s.error })) });
  else if (exitCode === EXIT.ok) reporter.success(`migration check passed → ${path.join(flags.outDir, 'summary.md')}`);
  else reporter.warn(`migration check failed (exit ${exitCode}) → ${path.join(flags.outDir, 'summary.md')}`);
  return exitCode;
}

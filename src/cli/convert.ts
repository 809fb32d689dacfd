// `migrate convert`: plan.json → Azure Functions projects, infrastructure and the Day-0 manual.

import path from 'node:path';
import { Option } from 'commander';
import type { WriteResult } from '../util/file-tree.js';
import { EXIT, MigrateError } from '../util/errors.js';
import { MigrateCommand } from './command.js';
import { Reporter, type CliIO } from './io.js';
import { printJson } from './json-output.js';
import type { CommandFactory } from './run.js';

interface ConvertFlags {
  plan: string;
  outDir: string;
  dryRun?: boolean;
  check?: boolean;
  force?: boolean;
  mode: 'auto' | 'rewrite' | 'adapter';
  json?: boolean;
}

export const convertCommand: CommandFactory = (io, setExit) => {
  const cmd = new MigrateCommand<ConvertFlags>('convert', 'Generate Azure Functions projects, Bicep, azd layout and the migration manual from a plan');
  return cmd
    .required('--plan <file>', 'plan.json from migrate plan')
    .required('--out-dir <dir>', 'output directory (an azd repository)')
    .option('--dry-run', 'print the files that would change (with +/- line counts) and write nothing')
    .option('--check', 'exit 1 when the output on disk differs from what convert would generate')
    .option('--force', 'overwrite files edited since the last convert')
    .addOption(new Option('--mode <mode>', 'rewrite handlers with codemods, or keep them byte-identical behind adapters').choices(['auto', 'rewrite', 'adapter']).default('auto'))
    .option('--json', 'print one JSON summary on stdout (schema in docs/cli.md) and nothing on stderr')
    .examples([
      { what: 'generate the azd repository; read azure/MIGRATION.md next', command: 'convert --plan plan/plan.json --out-dir azure' },
      { what: 'see what a plan edit would change, write nothing', command: 'convert --plan plan/plan.json --out-dir azure --dry-run' },
      { what: 'in CI: fail when the committed output is stale', command: 'convert --plan plan/plan.json --out-dir azure --check' },
      { what: 'keep every handler byte-identical behind an adapter', command: 'convert --plan plan/plan.json --out-dir azure --mode adapter' },
    ])
    .exitCodes({ 1: 'with --check: the output differs from the plan; otherwise: files edited since the last convert were left alone' })
    .action(async (flags: ConvertFlags) => setExit(await runConvert(flags, io)));
};

/**
 * Drift is a difference between output that already exists and what convert generates. Writing into an empty
 * directory is not drift; `upToDate` says whether the disk matches the plan at all.
 */
/** The output's generated .gitignore as a path predicate (gitignore semantics, the `ignore` package). */
async function ignoredByGitignore(text: string | undefined): Promise<((rel: string) => boolean) | undefined> {
  if (text === undefined) return undefined;
  // A CommonJS package: its module.exports (the factory) carries itself as `default`.
  const { default: ignore } = await import('ignore');
  const matcher = ignore.default().add(text);
  return (rel) => matcher.ignores(rel);
}

export function driftOf(write: WriteResult): { drift: boolean; upToDate: boolean } {
  const upToDate = write.entries.every((e) => e.change === 'unchanged');
  const firstWrite = write.entries.every((e) => e.change === 'create');
  return { drift: !upToDate && !firstWrite, upToDate };
}

async function runConvert(flags: ConvertFlags, io: CliIO): Promise<number> {
  const reporter = await new Reporter(io, { json: flags.json }).init();
  const planFile = path.resolve(io.cwd, flags.plan);
  const outDir = path.resolve(io.cwd, flags.outDir);
  const { readPlan } = await import('../model/io.js');
  const plan = await readPlan(planFile);
  const sourceRoot = path.resolve(path.dirname(planFile), plan.source.root ?? '.');
  const { convertPlan } = await import('../convert/index.js');
  const { fsSourceReader } = await import('../convert/fs-source.js');
  let result;
  try {
    result = await convertPlan(plan, fsSourceReader(sourceRoot), { mode: flags.mode, progress: reporter.progress });
  } catch (e) {
    if (e instanceof MigrateError && !e.file) {
      throw new MigrateError(e.code, e.message, { file: flags.plan, hint: e.hint, cause: e });
    }
    throw e;
  }
  const { tree, report } = result;
  const { writeFileTree } = await import('../util/file-tree.js');
  const { isUserOwned } = await import('../convert/ownership.js');
  const write = await writeFileTree(tree, outDir, {
    dryRun: flags.dryRun,
    check: flags.check,
    force: flags.force,
    userOwned: isUserOwned,
    ignored: await ignoredByGitignore(tree.get('.gitignore')),
  });
  const { drift, upToDate } = driftOf(write);
  const counts = { create: 0, update: 0, unchanged: 0, conflict: 0, delete: 0 };
  for (const e of write.entries) counts[e.change]++;
  const strategies = { rewrite: 0, adapter: 0, manual: 0 };
  for (const f of report.functions) strategies[f.strategy]++;
  let exit: number = EXIT.ok;
  if (flags.check && !upToDate) exit = EXIT.findings;
  if (!flags.dryRun && !flags.check && write.conflicts.length + write.mergeConflicts.length > 0) exit = EXIT.findings;
  if (flags.json) {
    printJson(io, 'convert', {
      outDir: flags.outDir,
      written: write.written,
      upToDate,
      drift,
      files: counts,
      conflicts: write.conflicts,
      mergeConflicts: write.mergeConflicts,
      functions: strategies,
      todos: report.todos.map((t) => ({ file: t.file, line: t.line, ruleId: t.ruleId, app: t.app, function: t.function, message: t.message })),
      warnings: report.warnings.map((w) => ({ code: w.code, message: w.message, ...(w.file ? { file: w.file } : {}) })),
      ...(flags.dryRun || flags.check ? { entries: write.entries.filter((e) => e.change !== 'unchanged') } : {}),
      exitCode: exit,
    });
    return exit;
  }
  if (flags.dryRun || flags.check) {
    // Unchanged files are counted in the summary line, not listed: the list is what a reviewer acts on.
    for (const e of write.entries) if (e.change !== 'unchanged') reporter.result(`${e.change.padEnd(9)} ${e.path}  ${reporter.dim(`+${e.added} -${e.removed}`)}`);
  }
  for (const w of report.warnings) reporter.warn(`${w.file ? `${w.file}: ` : ''}${w.message} [${w.code}]`);
  for (const c of write.conflicts) reporter.warn(`${c}: edited since the last convert; left alone (use --force to overwrite)`);
  for (const c of write.mergeConflicts) {
    reporter.warn(`${c}: your edits and the new generation change the same lines; ${flags.dryRun ? 'the merge would have' : 'merged with'} conflict markers (<<<<<<< yours … >>>>>>> migrate convert) to resolve`);
  }
  const summary = `${report.functions.length} functions (${strategies.rewrite} rewritten, ${strategies.adapter} adapters, ${strategies.manual} manual), ${report.todos.length} TODOs; files: ${counts.create} new, ${counts.update} updated, ${counts.unchanged} unchanged, ${counts.delete} deleted, ${counts.conflict} conflicts`;
  const out = flags.outDir.replace(/\/+$/, '');
  if (flags.check) reporter.result(upToDate ? `up to date (${summary})` : `${drift ? 'drift: the output differs from the plan' : 'not generated yet'} (${summary})`);
  else if (flags.dryRun) reporter.result(`dry run, nothing written: ${summary}`);
  else if (write.written) {
    reporter.success(`Converted → ${out}: ${summary}`);
    reporter.result(`Next: follow ${out}/MIGRATION.md (prerequisites, then the numbered steps)`);
  } else reporter.warn(`nothing written: ${write.conflicts.length} conflicting file(s)`);
  return exit;
}

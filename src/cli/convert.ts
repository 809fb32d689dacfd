// `migrate convert`: plan.json → Azure Functions projects, infrastructure and the Day-0 manual.

import path from 'node:path';
import { Command, Option } from 'commander';
import { EXIT, MigrateError } from '../util/errors.js';
import { Reporter, type CliIO } from './io.js';
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

export const convertCommand: CommandFactory = (io, setExit) =>
  new Command('convert')
    .description('Generate Azure Functions projects, Bicep, azd layout and the migration manual from a plan')
    .requiredOption('--plan <file>', 'plan.json from migrate plan')
    .requiredOption('--out-dir <dir>', 'output directory')
    .option('--dry-run', 'print the files that would change (with +/- line counts) and write nothing')
    .option('--check', 'exit 1 when the output on disk differs from what convert would generate')
    .option('--force', 'overwrite files edited since the last convert')
    .addOption(new Option('--mode <mode>', 'rewrite handlers with codemods, or keep them byte-identical behind adapters').choices(['auto', 'rewrite', 'adapter']).default('auto'))
    .option('--json', 'print a machine-readable summary on stdout and nothing on stderr')
    .action(async (flags: ConvertFlags) => setExit(await runConvert(flags, io)));

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
    result = await convertPlan(plan, fsSourceReader(sourceRoot), { mode: flags.mode });
  } catch (e) {
    if (e instanceof MigrateError && !e.file) {
      throw new MigrateError(e.code, e.message, { file: flags.plan, hint: e.hint, cause: e });
    }
    throw e;
  }
  const { tree, report } = result;
  const { writeFileTree } = await import('../util/file-tree.js');
  const write = await writeFileTree(tree, outDir, { dryRun: flags.dryRun, check: flags.check, force: flags.force });
  const counts = { create: 0, update: 0, unchanged: 0, conflict: 0, delete: 0 };
  for (const e of write.entries) counts[e.change]++;
  const strategies = { rewrite: 0, adapter: 0, manual: 0 };
  for (const f of report.functions) strategies[f.strategy]++;
  let exit: number = EXIT.ok;
  if (flags.check && write.drift) exit = EXIT.findings;
  if (!flags.dryRun && !flags.check && write.conflicts.length > 0) exit = EXIT.findings;
  if (flags.json) {
    io.stdout(
      `${JSON.stringify({
        outDir: flags.outDir,
        written: write.written,
        drift: write.drift,
        files: counts,
        conflicts: write.conflicts,
        functions: strategies,
        todos: report.todos.length,
        warnings: report.warnings.length,
        ...(flags.dryRun || flags.check ? { entries: write.entries.filter((e) => e.change !== 'unchanged') } : {}),
      })}\n`,
    );
    return exit;
  }
  if (flags.dryRun || flags.check) {
    // Unchanged files are counted in the summary line, not listed: the list is what a reviewer acts on.
    for (const e of write.entries) if (e.change !== 'unchanged') reporter.info(`${e.change.padEnd(9)} ${e.path}  ${reporter.dim(`+${e.added} -${e.removed}`)}`);
  }
  for (const w of report.warnings) reporter.warn(`${w.file ? `${w.file}: ` : ''}${w.message} [${w.code}]`);
  for (const c of write.conflicts) reporter.warn(`${c}: edited since the last convert; left alone (use --force to overwrite)`);
  const summary = `${report.functions.length} functions (${strategies.rewrite} rewritten, ${strategies.adapter} adapters, ${strategies.manual} manual), ${report.todos.length} TODOs; files: ${counts.create} new, ${counts.update} updated, ${counts.unchanged} unchanged, ${counts.delete} deleted, ${counts.conflict} conflicts`;
  if (flags.check) reporter.info(write.drift ? `drift: the output differs from the plan (${summary})` : `up to date (${summary})`);
  else if (flags.dryRun) reporter.info(`dry run, nothing written: ${summary}`);
  else if (write.written) reporter.success(`Converted → ${flags.outDir}: ${summary}`);
  else reporter.warn(`nothing written: ${write.conflicts.length} conflicting file(s)`);
  return exit;
}

// `migrate merge`: the inventories of `discover --aws --org --shard i/n` matrix jobs → one inventory.json.

import path from 'node:path';
import { Option } from 'commander';
import { EXIT, MigrateError } from '../util/errors.js';
import { MigrateCommand } from './command.js';
import { Reporter, type CliIO } from './io.js';
import { printJson, warningDetail } from './json-output.js';
import type { CommandFactory } from './run.js';

interface MergeFlags {
  out: string;
  json?: boolean;
}

export const mergeCommand: CommandFactory = (io, setExit) =>
  new MigrateCommand<MergeFlags>('merge', 'Merge shard inventories into one (any order gives the same bytes; conflicting duplicates are an error)')
    .argument('<inventory...>', 'inventory files, e.g. inv-*.json')
    .addOption(new Option('--out <file>', 'where to write the merged inventory').default('inventory.json'))
    .option('--json', 'print one JSON summary on stdout (schema in docs/cli.md) and nothing on stderr')
    .examples([
      { what: 'after a CI matrix of discover --aws --org --shard i/n jobs', command: 'merge inv-*.json --out inventory.json' },
      { what: 'machine-readable summary', command: 'merge inv-1.json inv-2.json --out inventory.json --json' },
    ])
    .exitCodes({ 1: 'the merged inventory is incomplete (a shard could not read everything, or an account was skipped)', 2: 'bad input or usage: an unreadable inventory, or conflicting duplicates (both files named)' })
    .action(async (files: string[], flags: MergeFlags) => setExit(await runMerge(files, flags, io)));

async function runMerge(files: string[], flags: MergeFlags, io: CliIO): Promise<number> {
  const reporter = await new Reporter(io, { json: flags.json }).init();
  const outFile = path.resolve(io.cwd, flags.out);
  if (files.some((f) => path.resolve(io.cwd, f) === outFile)) throw new MigrateError('usage', `--out ${flags.out} is also an input`, { hint: 'write the merged inventory to a new file' });
  const { readInventory, writeInventory } = await import('../model/io.js');
  const { mergeInventories } = await import('../discover/merge.js');
  // Each input is named as given, so errors point at the file the user typed.
  const inputs = [];
  for (const file of files) {
    try {
      inputs.push({ file, inventory: await readInventory(path.resolve(io.cwd, file)) });
    } catch (e) {
      if (e instanceof MigrateError) throw new MigrateError(e.code, e.message, { file, line: e.line, column: e.column, hint: e.hint });
      throw e;
    }
  }
  const merged = mergeInventories(inputs);
  await writeInventory(outFile, merged);
  const incomplete = merged.warnings.some((w) => w.code.startsWith('aws.') || w.code.startsWith('merge.'));
  if (flags.json) {
    printJson(io, 'merge', { out: flags.out, inputs: new Set(files).size, functions: merged.functions.length, accounts: merged.source.accounts?.length, warnings: merged.warnings.map(warningDetail), exitCode: incomplete ? EXIT.findings : EXIT.ok });
  } else {
    reporter.success(`Merged ${new Set(files).size} inventories: ${merged.functions.length} function(s), ${merged.roles.length} role(s)${merged.source.accounts ? ` in ${merged.source.accounts.length} account(s)` : ''} → ${flags.out}`);
    for (const w of merged.warnings.filter((x) => x.code.startsWith('merge.') || x.code === 'aws.account-skipped')) reporter.warn(`${w.message} [${w.code}]`);
  }
  // Like discover: exit 1 when the merged inventory is known to be incomplete.
  return incomplete ? EXIT.findings : EXIT.ok;
}

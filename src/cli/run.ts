// The `migrate` program: builds the commander tree, runs one command, prints any error once, returns an exit code.
// Only src/cli/main.ts calls process.exit, so this stays testable in-process.

import { Command, CommanderError } from 'commander';
import { EXIT, isMigrateError } from '../util/errors.js';
import { commanderMessage, GLOBAL_OPTIONS } from './command.js';
import { discoverCommand } from './discover.js';
import { planCommand } from './plan.js';
import { convertCommand } from './convert.js';
import { mergeCommand } from './merge.js';
import { ciCommand } from './ci.js';
import { preflightCommand } from './preflight.js';
import { verifyCommand } from './verify.js';
import type { CliIO } from './io.js';

export const VERSION = '0.1.0';

/** Each command file exports one of these: it adds its subcommand and reports its exit code through `setExit`. */
export type CommandFactory = (io: CliIO, setExit: (code: number) => void) => Command;

/** The subcommands, in the order --help lists them. A new command adds its factory here. */
const COMMANDS: CommandFactory[] = [discoverCommand, mergeCommand, planCommand, convertCommand, ciCommand, preflightCommand, verifyCommand];

const GLOBAL_FLAGS = new Set(['--debug', '--color', '--no-color']);

export async function run(argv: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  // Global flags are accepted anywhere on the line, so strip them before commander sees the subcommand's options.
  const debug = argv.includes('--debug');
  // --debug also checks every plan written against its schema (src/model/io.ts).
  if (debug) (await import('../model/io.js')).enableSelfCheck();
  const colorFlag = argv.filter((a) => a === '--color' || a === '--no-color').pop();
  if (colorFlag) io = { ...io, color: colorFlag === '--color' };
  argv = argv.filter((a) => !GLOBAL_FLAGS.has(a));
  const output = { writeOut: (s: string) => io.stdout(s), writeErr: (s: string) => io.stderr(s), outputError: () => {} };
  const program = new Command('migrate')
    .description('Deterministic AWS Lambda → Azure Functions migration: discover, plan, convert.')
    .version(VERSION)
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput(output)
    .addHelpText(
      'after',
      [
        '',
        'Global options (anywhere on the line):',
        ...GLOBAL_OPTIONS.map((g) => `  ${g.flag.padEnd(22)}${g.what}`),
        '',
        'Example: the whole pipeline on one estate',
        '  $ migrate discover --template ./template.yaml --out inventory.json',
        '  $ migrate plan --inventory inventory.json --out-dir plan',
        '  $ migrate convert --plan plan/plan.json --out-dir azure',
        '',
        'Run `migrate <command> --help` for its options, examples and exit codes. Docs: docs/cli.md',
      ].join('\n'),
    );
  for (const factory of COMMANDS) program.addCommand(factory(io, setExit).exitOverride().configureOutput(output));
  const sub = program.commands.find((c) => c.name() === argv[0]);
  const helpHint = `see migrate ${sub ? `${sub.name()} ` : ''}--help`;
  // Every error is one line starting `migrate: `; usage errors end with the help of the command that was run.
  const prefix = 'migrate: ';
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      io.stderr(`${prefix}${commanderMessage(e.message)}; ${helpHint}\n`);
      return EXIT.input;
    }
    if (isMigrateError(e)) {
      io.stderr(`${prefix}${e.toOneLine()}\n`);
      if (debug && e.stack) io.stderr(`${e.stack}\n`);
      return EXIT.input;
    }
    const err = e as Error;
    io.stderr(`${prefix}internal error: ${err?.message ?? String(e)}${debug ? '' : ' (rerun with --debug for the stack trace)'}\n`);
    if (debug && err?.stack) io.stderr(`${err.stack}\n`);
    return EXIT.internal;
  }
}

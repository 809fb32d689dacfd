// The `migrate` program: builds the commander tree, runs one command, prints any error once, returns an exit code.
// Only src/cli/main.ts calls process.exit, so this stays testable in-process.

import { Command, CommanderError } from 'commander';
import { EXIT, isMigrateError } from '../util/errors.js';
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

export async function run(argv: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  // --debug is accepted anywhere on the line, so strip it before commander sees the subcommand's options.
  const debug = argv.includes('--debug');
  argv = argv.filter((a) => a !== '--debug');
  const program = new Command('migrate')
    .description('Deterministic AWS Lambda → Azure Functions migration: discover, plan, convert.')
    .version(VERSION)
    .option('--debug', 'print stack traces for internal errors')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: () => {
        /* printed below as one line */
      },
    });
  for (const factory of [discoverCommand, mergeCommand, planCommand, convertCommand, ciCommand, preflightCommand, verifyCommand]) {
    program.addCommand(factory(io, setExit).exitOverride().configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: () => {} }));
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      io.stderr(`migrate: ${e.message.replace(/^error: /, '')} (see migrate --help)\n`);
      return EXIT.input;
    }
    if (isMigrateError(e)) {
      io.stderr(`migrate: ${e.toOneLine()}\n`);
      if (debug && e.stack) io.stderr(`${e.stack}\n`);
      return EXIT.input;
    }
    const err = e as Error;
    io.stderr(`migrate: internal error: ${err?.message ?? String(e)}${debug ? '' : ' (rerun with --debug for the stack trace)'}\n`);
    if (debug && err?.stack) io.stderr(`${err.stack}\n`);
    return EXIT.internal;
  }
}

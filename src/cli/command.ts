// The one way a `migrate` subcommand is declared, so every command gets the same conventions (docs/cli.md):
// examples and exit codes in --help, required options marked and checked after unknown options (so a typo reads
// "unknown option '--inventroy' (did you mean --inventory?)"), options that do not apply to the chosen source
// rejected, the global options listed, and errors that name the subcommand's help.

import { Command, Option } from 'commander';
import { MigrateError } from '../util/errors.js';

export interface Example {
  /** The command line after `migrate `. */
  command: string;
  /** One line: what it does or when to use it. */
  what: string;
}

/** Exit codes every command shares; a command adds its own meaning of 1. */
const EXIT_CODES: Record<0 | 1 | 2 | 3, string> = {
  0: 'success',
  1: 'findings or drift at or above the threshold',
  2: 'bad input or usage (one line naming the file and line:column where there is one)',
  3: 'internal error (stack trace with --debug)',
};

/** Options the `migrate` program accepts anywhere on the line; run.ts strips them before commander parses. */
export const GLOBAL_OPTIONS: readonly { flag: string; what: string }[] = [
  { flag: '--color / --no-color', what: 'force colour on or off (default: on a terminal, off with NO_COLOR, on with FORCE_COLOR)' },
  { flag: '--debug', what: 'print stack traces for errors' },
];

export interface SourceRule<F> {
  /** Which source the parsed flags chose (e.g. 'templates' or 'aws'). */
  source: (flags: F) => string;
  /** Per option (its attribute name, e.g. `region`), the sources it applies to. */
  appliesTo: Record<string, readonly string[]>;
}

/**
 * A subcommand with the shared conventions. Declare options with `.option`, `.required` and `.addOption`,
 * then call `.examples`, `.exitCodes` and, where a command has several sources, `.sources`.
 */
export class MigrateCommand<F extends object = Record<string, unknown>> extends Command {
  private readonly requiredFlags: { attr: string; flag: string }[] = [];
  private exampleList: Example[] = [];
  private exitList: Record<number, string> = { ...EXIT_CODES };
  private sourceRule: SourceRule<F> | undefined;

  constructor(name: string, description: string) {
    super(name);
    this.description(description);
    this.showHelpAfterError(false);
    this.showSuggestionAfterError(true);
    this.addHelpText('after', () => this.helpFooter());
    this.hook('preAction', (cmd) => this.validate(cmd.opts<F>()));
  }

  /** The help hint every usage error of this command ends with. */
  get helpHint(): string {
    return `see migrate ${this.name()} --help`;
  }

  /** An option the command cannot run without: marked "(required)" in --help, checked after unknown options. */
  required(flags: string, description: string): this {
    const option = new Option(flags, `${description} (required)`);
    this.addOption(option);
    this.requiredFlags.push({ attr: option.attributeName(), flag: option.long ?? flags });
    return this;
  }

  examples(list: Example[]): this {
    this.exampleList = list;
    return this;
  }

  /** Overrides the meaning of exit codes for this command (usually 1). */
  exitCodes(codes: Partial<Record<0 | 1 | 2 | 3, string>>): this {
    this.exitList = { ...this.exitList, ...(codes as Record<number, string>) };
    return this;
  }

  sources(rule: SourceRule<F>): this {
    this.sourceRule = rule;
    return this;
  }

  /** Usage error for this command, naming its help. */
  usageError(message: string): MigrateError {
    return new MigrateError('usage', message, { hint: this.helpHint });
  }

  private validate(flags: F): void {
    const values = flags as Record<string, unknown>;
    const missing = this.requiredFlags.filter((r) => values[r.attr] === undefined);
    if (missing.length > 0) {
      throw this.usageError(`missing required option${missing.length > 1 ? 's' : ''} ${missing.map((m) => m.flag).join(', ')}`);
    }
    if (!this.sourceRule) return;
    const source = this.sourceRule.source(flags);
    for (const [attr, allowed] of Object.entries(this.sourceRule.appliesTo)) {
      if (values[attr] === undefined || allowed.includes(source)) continue;
      const flag = this.options.find((o) => o.attributeName() === attr)?.long ?? attr;
      throw this.usageError(`${flag} does not apply to ${source} discovery (it applies to: ${allowed.join(', ')})`);
    }
  }

  private helpFooter(): string {
    const lines: string[] = [];
    if (this.exampleList.length > 0) {
      lines.push('', 'Examples:');
      for (const e of this.exampleList) lines.push(`  # ${e.what}`, `  $ migrate ${e.command}`, '');
      lines.pop();
    }
    lines.push('', 'Global options:');
    for (const g of GLOBAL_OPTIONS) lines.push(`  ${g.flag.padEnd(22)}${g.what}`);
    lines.push('', 'Exit codes:');
    for (const [code, what] of Object.entries(this.exitList)) lines.push(`  ${code}  ${what}`);
    lines.push('', `Streams: results on stdout, diagnostics and progress on stderr; --json prints one JSON document on stdout and nothing on stderr. Docs: docs/cli.md`);
    return lines.join('\n');
  }
}

/** For repeatable options: `--rules a --rules b` → ['a', 'b']. */
export const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** A CommanderError message as one line: "unknown option '--x' (did you mean --y?)". */
export function commanderMessage(message: string): string {
  return message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*\(Did you mean (.*)\)\s*$/s, ' (did you mean $1)')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

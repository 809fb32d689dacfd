// What a command may touch of the outside world: streams, environment, cwd. Tests pass their own.
// Results go to stdout, diagnostics and progress to stderr (docs/cli.md, "Streams").

import type { ChalkInstance } from 'chalk';
import type { MultiBar } from 'cli-progress';
import type { Progress } from '../util/progress.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars, colour of diagnostics). */
  isTTY: boolean;
  /** Whether stdout is a terminal (colour of results); defaults to `isTTY`. */
  stdoutIsTTY?: boolean;
  /** The stream progress bars draw on; without it there is no progress display. */
  progressStream?: NodeJS.WritableStream;
  /** --color (true) or --no-color (false) from the command line; undefined when neither was given. */
  color?: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    progressStream: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * Colour for one stream, by the usual conventions in this order: --color/--no-color, NO_COLOR (any non-empty
 * value turns colour off), FORCE_COLOR ('0' or 'false' off, anything else on), then whether the stream is a terminal.
 */
export function colorEnabled(io: Pick<CliIO, 'color' | 'env'>, streamIsTTY: boolean): boolean {
  if (io.color !== undefined) return io.color;
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return streamIsTTY;
}

type Style = 'red' | 'yellow' | 'green' | 'dim' | 'bold' | 'cyan';

/** Human output: results on stdout, warnings and progress on stderr; with --json only the JSON document. */
export class Reporter {
  readonly quiet: boolean;
  private readonly colorOut: boolean;
  private readonly colorErr: boolean;
  private chalk: ChalkInstance | undefined;
  private progressLib: typeof import('cli-progress') | undefined;
  private multibar: MultiBar | undefined;
  private activeBars = 0;

  constructor(
    private readonly io: CliIO,
    opts: { json?: boolean } = {},
  ) {
    this.quiet = Boolean(opts.json);
    this.colorOut = !this.quiet && colorEnabled(io, io.stdoutIsTTY ?? io.isTTY);
    this.colorErr = !this.quiet && colorEnabled(io, io.isTTY);
  }

  /** True when progress bars will be drawn: stderr is a terminal, a stream was given, and not --json. */
  get showsProgress(): boolean {
    return !this.quiet && this.io.isTTY && this.io.progressStream !== undefined;
  }

  /** chalk and cli-progress are loaded only when they will be used, so `migrate --help` stays light. */
  async init(): Promise<this> {
    if (this.colorOut || this.colorErr) {
      const { Chalk } = await import('chalk');
      this.chalk = new Chalk({ level: 1 });
    }
    if (this.showsProgress) this.progressLib = (await import('cli-progress')).default;
    return this;
  }

  private paint(style: Style, text: string, on: boolean): string {
    return this.chalk && on ? this.chalk[style](text) : text;
  }

  /** A result line on stdout. */
  result(text: string): void {
    if (!this.quiet) this.io.stdout(`${text}\n`);
  }
  /** A result headline on stdout, in green. */
  success(text: string): void {
    if (!this.quiet) this.io.stdout(`${this.paint('green', text, this.colorOut)}\n`);
  }
  /** A diagnostic on stderr. */
  info(text: string): void {
    if (!this.quiet) this.io.stderr(`${text}\n`);
  }
  warn(text: string): void {
    if (!this.quiet) this.io.stderr(`${this.paint('yellow', 'warning', this.colorErr)} ${text}\n`);
  }
  /** Styles for result text (stdout). */
  dim(text: string): string {
    return this.paint('dim', text, this.colorOut);
  }
  bold(text: string): string {
    return this.paint('bold', text, this.colorOut);
  }
  red(text: string): string {
    return this.paint('red', text, this.colorOut);
  }
  yellow(text: string): string {
    return this.paint('yellow', text, this.colorOut);
  }

  /** A plain aligned table on stdout; callers pass strings already formatted. */
  table(headers: string[], rows: string[][]): void {
    if (this.quiet) return;
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
    this.io.stdout(`${this.bold(line(headers))}\n`);
    for (const r of rows) this.io.stdout(`${line(r)}\n`);
  }

  /**
   * Progress on a terminal (cli-progress, one bar per call, several at once share the display); silent when
   * stderr is not a terminal or with --json. Returns an update function and a done function.
   */
  readonly progress = (label: string, total: number): Progress => {
    const lib = this.progressLib;
    if (!lib || !this.io.progressStream || total <= 0) return { tick: () => {}, done: () => {} };
    this.multibar ??= new lib.MultiBar(
      {
        stream: this.io.progressStream,
        format: '{label} [{bar}] {value}/{total} {eta_formatted}',
        barCompleteChar: '#',
        barIncompleteChar: '.',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      },
      lib.Presets.legacy,
    );
    const bar = this.multibar.create(total, 0, { label });
    this.activeBars++;
    let finished = false;
    return {
      tick: (n = 1) => bar.increment(n),
      done: () => {
        if (finished) return;
        finished = true;
        bar.update(total);
        if (--this.activeBars === 0) {
          this.multibar?.stop();
          this.multibar = undefined;
        }
      },
    };
  };
}

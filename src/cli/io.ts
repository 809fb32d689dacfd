// What a command may touch of the outside world: streams, environment, cwd. Tests pass their own.

import type { ChalkInstance } from 'chalk';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars and colour). */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Human output on stderr: colour only on a TTY without NO_COLOR; nothing at all with --json. */
export class Reporter {
  readonly color: boolean;
  readonly quiet: boolean;
  private chalk: ChalkInstance | undefined;

  constructor(
    private readonly io: CliIO,
    opts: { json?: boolean } = {},
  ) {
    this.quiet = Boolean(opts.json);
    this.color = io.isTTY && !io.env.NO_COLOR && !this.quiet;
  }

  /** chalk is loaded only when colour is on, so `migrate --help` stays light. */
  async init(): Promise<this> {
    if (this.color) {
      const { Chalk } = await import('chalk');
      this.chalk = new Chalk({ level: 1 });
    }
    return this;
  }

  private paint(style: 'red' | 'yellow' | 'green' | 'dim' | 'bold' | 'cyan', text: string): string {
    return this.chalk ? this.chalk[style](text) : text;
  }

  info(text: string): void {
    if (!this.quiet) this.io.stderr(`${text}\n`);
  }
  success(text: string): void {
    if (!this.quiet) this.io.stderr(`${this.paint('green', text)}\n`);
  }
  warn(text: string): void {
    if (!this.quiet) this.io.stderr(`${this.paint('yellow', 'warning')} ${text}\n`);
  }
  dim(text: string): string {
    return this.paint('dim', text);
  }
  bold(text: string): string {
    return this.paint('bold', text);
  }
  red(text: string): string {
    return this.paint('red', text);
  }
  yellow(text: string): string {
    return this.paint('yellow', text);
  }

  /** A plain aligned table; callers pass strings already formatted. */
  table(headers: string[], rows: string[][]): void {
    if (this.quiet) return;
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
    this.io.stderr(`${this.bold(line(headers))}\n`);
    for (const r of rows) this.io.stderr(`${line(r)}\n`);
  }

  /**
   * Progress: a redrawn line on a TTY, a plain line at most every `everyMs` otherwise, nothing with --json.
   * Returns an update function and a done function.
   */
  progress(label: string, total: number, everyMs = 2000): { tick: (n?: number) => void; done: () => void } {
    let count = 0;
    let last = 0;
    const render = (final: boolean) => {
      if (this.quiet) return;
      const pct = total > 0 ? Math.floor((count / total) * 100) : 100;
      if (this.io.isTTY) {
        const width = 24;
        const filled = Math.round((pct / 100) * width);
        this.io.stderr(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${count}/${total}${final ? '\n' : ''}`);
      } else {
        const now = Date.now();
        if (final || now - last >= everyMs) {
          last = now;
          this.io.stderr(`${label}: ${count}/${total}\n`);
        }
      }
    };
    return {
      tick: (n = 1) => {
        count += n;
        render(false);
      },
      done: () => render(true),
    };
  }
}

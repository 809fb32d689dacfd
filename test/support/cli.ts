// Runs the `migrate` program in-process with captured streams: what a user would see, without a subprocess.
import { run } from '../../src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** stderr is a terminal (progress, colour of diagnostics). */
  isTTY?: boolean;
  /** stdout is a terminal (colour of results); defaults to isTTY. */
  stdoutIsTTY?: boolean;
  /** Where progress bars draw (a fake terminal stream in tests). */
  progressStream?: NodeJS.WritableStream;
}

export async function runCli(argv: string[], opts: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: opts.isTTY ?? false,
    stdoutIsTTY: opts.stdoutIsTTY,
    progressStream: opts.progressStream,
    env: opts.env ?? { NO_COLOR: '1' },
    cwd: opts.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}

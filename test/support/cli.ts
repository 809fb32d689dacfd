// Runs the `migrate` program in-process with captured streams: what a user would see, without a subprocess.
import { run } from '../../src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; isTTY?: boolean } = {}): Promise<CliResult> {
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
    env: opts.env ?? { NO_COLOR: '1' },
    cwd: opts.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}

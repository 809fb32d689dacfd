// The README's test command as a user meets it, timed by the wall clock (issue 15: < 8 min on a clean clone, < 4 min
// warm). Clean: `git clone` of the committed HEAD into a temporary directory, `npm ci`, then `npm test` (build,
// Python environments, vitest) there. Warm: `npm test` again in that clone, with everything installed and built.
// Python environments come from this machine's cache (scripts/ensure-python.mjs); BENCH_EMPTY_VENV_CACHE=1 points
// the clean run at an empty cache so they are created from scratch. Takes 10-15 minutes; BENCH_SKIP_TEST_SUITE=1
// prints a line that says it was skipped (the goals table then shows no value). Prints one JSON line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targets = { cleanMinutes: 8, warmMinutes: 4 };
const log = (s) => process.stderr.write(`[test-suite] ${s}\n`);

if (process.env.BENCH_SKIP_TEST_SUITE === '1') {
  process.stdout.write(`${JSON.stringify({ benchmark: 'test-suite', skipped: 'BENCH_SKIP_TEST_SUITE=1', targets })}\n`);
  process.exit(0);
}

/** Runs a command in `cwd`; minutes of wall time and the exit status. A failed step's last output goes to stderr. */
function timed(what, command, args, cwd, env) {
  log(`${what}: ${command} ${args.join(' ')}`);
  const start = performance.now();
  const r = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28, timeout: 30 * 60_000 });
  const minutes = Math.round(((performance.now() - start) / 60_000) * 100) / 100;
  log(`${what}: exit ${r.status} after ${minutes} min`);
  if (r.status !== 0) process.stderr.write(`${`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n')}\n`);
  return { minutes, status: r.status };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-test-suite-'));
try {
  const clone = path.join(tmp, 'clone');
  const venvEnv = process.env.BENCH_EMPTY_VENV_CACHE === '1' ? { MIGRATE_VENV_CACHE: path.join(tmp, 'venvs') } : {};
  const steps = [
    timed('clone', 'git', ['clone', '--quiet', ROOT, clone], tmp, {}),
    timed('npm ci', 'npm', ['ci', '--no-audit', '--no-fund'], clone, {}),
    timed('npm test (clean)', 'npm', ['test'], clone, venvEnv),
  ];
  const warm = timed('npm test (warm)', 'npm', ['test'], clone, venvEnv);
  const clean = Math.round(steps.reduce((s, x) => s + x.minutes, 0) * 100) / 100;
  const ok = [...steps, warm].every((s) => s.status === 0);
  process.stdout.write(
    `${JSON.stringify({
      benchmark: 'test-suite',
      cleanMinutes: clean,
      warmMinutes: warm.minutes,
      emptyVenvCache: process.env.BENCH_EMPTY_VENV_CACHE === '1',
      testsPassed: ok,
      loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
      targets,
      pass: ok && clean < targets.cleanMinutes && warm.minutes < targets.warmMinutes,
    })}\n`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

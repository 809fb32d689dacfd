// Runs the Python runtime's and harness's pytest suites (runtime/python/test_*.py) against the real azure-functions in .venv/py,
// as part of the project's vitest run (so `npm test` and .ci/run fail when a Python runtime test fails).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const HERE = import.meta.dirname;
const PYTHON = path.resolve(HERE, '../../.venv/py/bin/python');

describe('runtime/python (pytest)', () => {
  it('passes every pytest test of migrate_runtime.py', () => {
    expect(existsSync(PYTHON), `${PYTHON} missing: run node scripts/ensure-python.mjs`).toBe(true);
    const r = spawnSync(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-rA', HERE], {
      cwd: HERE,
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      timeout: 120_000,
    });
    const summary = r.stdout.trim().split('\n').pop() ?? '';
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(summary).toMatch(/^\d+ passed in /);
    expect(Number(/^(\d+) passed/.exec(summary)?.[1])).toBeGreaterThanOrEqual(17);
  }, 150_000);
});

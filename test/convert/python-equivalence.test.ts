// The Python proof: every Python fixture estate converts, and in each generated app the generated pytest
// (tests/test_equivalence.py) runs the original lambda_handler and the registered v2 function through the real
// azure-functions package from .venv/py and passes. AWS calls point at a closed loopback port: a test whose handler
// only fails on that I/O is skipped as "not proven", never passed.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileTree } from '../../src/util/file-tree.js';
import { REPO, convertEstate } from './support/convert-estate.js';

const PYTHON = path.join(REPO, '.venv/py/bin/python');
const ESTATES = ['harness-fidelity', 'legacy-runtimes', 'payments-python-sam', 'reports-serverless-python'];
/** Tests expected to be "not proven" (their handler's only work is I/O to an unreachable endpoint), by estate. */
const NOT_PROVEN: Record<string, number> = { 'harness-fidelity': 1 };
/**
 * Known conversion defects the generated tests catch (they fail on both sides the same way, so the converted function
 * does not answer like the original behind API Gateway). Listed here so the test notices when one is fixed.
 */

interface PytestRun {
  passed: number;
  skipped: number;
  failed: number;
  notProven: number;
  output: string;
}

function pytest(appDir: string): PytestRun {
  const r = spawnSync(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-rfs', 'tests'], {
    cwd: appDir,
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' },
    timeout: 120_000,
  });
  const output = r.stdout + r.stderr;
  const count = (what: string) => Number(new RegExp(`(\\d+) ${what}`).exec(output)?.[1] ?? 0);
  return { passed: count('passed'), skipped: count('skipped'), failed: count('failed') + count('error'), notProven: (output.match(/SKIPPED .*not proven: both sides failed on I\/O/g) ?? []).length, output };
}

describe.runIf(existsSync(PYTHON))('generated Python equivalence tests (pytest, azure-functions)', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'convert-py-eq-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(ESTATES)('%s: every app with a converted function has tests, and they pass', async (estate) => {
    const { tree, report } = await convertEstate(estate);
    await writeFileTree(tree, path.join(out, estate));
    const apps = [...new Set([...tree.keys()].filter((k) => /^apps\/[^/]+\/function_app\.py$/.test(k)).map((k) => k.split('/')[1]!))].sort();
    expect(apps.length).toBeGreaterThan(0);
    const entries = report.functions.filter((f) => apps.includes(f.app) && f.strategy === 'adapter').flatMap((f) => f.azureFunctions);
    let tests = 0;
    let notProven = 0;
    for (const app of apps) {
      expect(tree.has(`apps/${app}/tests/test_equivalence.py`), app).toBe(true);
      const run = pytest(path.join(out, estate, 'apps', app));
      tests += run.passed + run.skipped + run.failed;
      notProven += run.notProven;
      expect(run.failed, run.output).toBe(0);
      expect(run.skipped, run.output).toBe(run.notProven);
      expect(run.passed + run.skipped, run.output).toBeGreaterThan(0);
    }
    expect(tests).toBe(entries.length);
    expect(notProven).toBe(NOT_PROVEN[estate] ?? 0);
  }, 180_000);

  it('fails a generated test when the converted function answers differently', () => {
    // reports/api.py answers 404 for the sample report name; an adapter that always answered 200 must fail.
    const app = path.join(out, 'reports-serverless-python', 'apps', 'reports');
    const runtime = path.join(app, 'migrate_runtime.py');
    const text = readFileSync(runtime, 'utf8');
    expect(text).toContain('status_code=result["statusCode"]');
    writeFileSync(runtime, text.replace('status_code=result["statusCode"]', 'status_code=200'));
    const run = pytest(app);
    expect(run.failed, run.output).toBe(1);
    expect(run.output).toMatch(/FAILED tests\/test_equivalence.py::test_reports_prod_getReport/);
  }, 120_000);
});

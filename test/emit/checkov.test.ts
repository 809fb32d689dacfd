// checkov (PyPI) over the generated infra/ of every fixture, in one directory and one run per configuration:
// with the emitted infra/.checkov.yaml nothing fails; without it, only the documented skips fail.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { emitEstate } from '../../src/emit/index.js';
import { CHECKOV_SKIPS } from '../../src/emit/infra/checkov-config.js';
import { writeFileTree } from '../../src/util/file-tree.js';
import { ROOT, loadFixtures } from './support.js';

const run = promisify(execFile);
const CHECKOV = path.join(ROOT, '.venv/checkov/bin/checkov');
let dir = '';

interface CheckovReport {
  summary: { passed: number; failed: number; parsing_errors: number; resource_count: number };
  results: { failed_checks?: { check_id: string; file_path: string; resource: string }[]; passed_checks?: { check_id: string }[] };
}

async function checkov(args: string[]): Promise<CheckovReport> {
  // Exit code 1 means "failed checks", which the assertions report better than the exit code.
  const out = await run(CHECKOV, ['-d', dir, '--framework', 'bicep', '-o', 'json', '--skip-download', ...args], {
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, BC_SKIP_MAPPING: 'TRUE' },
  }).catch((e: { stdout?: string; code?: number }) => {
    if (e.code === 1 && e.stdout) return { stdout: e.stdout };
    throw e;
  });
  const parsed = JSON.parse(out.stdout) as CheckovReport | CheckovReport[];
  return Array.isArray(parsed) ? parsed[0]! : parsed;
}

beforeAll(async () => {
  if (!existsSync(CHECKOV)) throw new Error(`checkov is not installed at ${CHECKOV}: run node scripts/ensure-python.mjs`);
  dir = mkdtempSync(path.join(os.tmpdir(), 'emit-checkov-'));
  for (const fx of await loadFixtures()) {
    const tree = emitEstate(fx.plan, fx.report);
    const infra = new Map([...tree].filter(([p]) => p.startsWith('infra/')));
    await writeFileTree(infra, path.join(dir, fx.name));
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('checkov passes over all generated infra with the emitted config, and evaluates the function-app, storage and Key Vault checks', async () => {
  const report = await checkov(['--config-file', path.join(dir, 'retail/infra/.checkov.yaml')]);
  expect(report.summary.parsing_errors).toBe(0);
  expect(report.results.failed_checks ?? []).toEqual([]);
  const passed = new Set((report.results.passed_checks ?? []).map((c) => c.check_id));
  for (const id of ['CKV_AZURE_14', 'CKV_AZURE_70', 'CKV_AZURE_145', 'CKV_AZURE_16', 'CKV_AZURE_71', 'CKV_AZURE_18', 'CKV_AZURE_67', 'CKV_AZURE_62', 'CKV_AZURE_72', 'CKV_AZURE_3', 'CKV_AZURE_44', 'CKV_AZURE_36', 'CKV_AZURE_42', 'CKV_AZURE_110', 'CKV_AZURE_111']) {
    expect(passed, id).toContain(id);
  }
}, 120_000);

test('without the config, every failure is one of the documented skips, and every skip is needed', async () => {
  const report = await checkov([]);
  const failed = new Set((report.results.failed_checks ?? []).map((c) => c.check_id));
  const skipped = CHECKOV_SKIPS.map((s) => s.id);
  for (const id of failed) expect(skipped, `${id} fails but is not a documented skip`).toContain(id);
  for (const id of skipped) expect([...failed], `${id} is skipped but never fails`).toContain(id);
}, 120_000);

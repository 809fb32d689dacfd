// `npm run corpus`: every estate under a directory through discover → plan → convert (tests skipped here with
// --no-tests: installing and testing every app is the slow part the runner does by default), one table and a JSON
// summary, failures recorded by class while the run goes on, nothing written outside --out. Needs dist/ (npm run build).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { REPO } from './support/convert-estate.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('runs every fixture estate, keeps going past a failing one, and summarises by class', () => {
  const before = readdirSync(path.join(REPO, 'fixtures/defects')).sort();
  const r = spawnSync(process.execPath, [path.join(REPO, 'scripts/corpus.mjs'), path.join(REPO, 'fixtures/defects'), '--out', out, '--no-tests', '--timeout', '120', '--json'], { encoding: 'utf8', cwd: out });
  expect(r.status, r.stderr).toBe(0);
  const json = JSON.parse(r.stdout) as { summary: Record<string, unknown>; estates: { estate: string; failures: { class: string }[]; functions: number }[] };
  expect(json.estates.map((e) => e.estate)).toEqual(before);
  expect(json.summary).toMatchObject({ estates: before.length, estatesWithoutFailures: before.length - 1, failuresByClass: { 'discover:input': 1 } });
  expect(json.estates.find((e) => e.estate === 'cookiecutter-unrendered')!.failures[0]!.class).toBe('discover:input');
  expect(json.summary.functions).toBeGreaterThanOrEqual(15);
  expect(JSON.parse(readFileSync(path.join(out, 'corpus.json'), 'utf8'))).toEqual(json);
  // Everything the run wrote is under --out: the fixtures are untouched.
  expect(readdirSync(path.join(REPO, 'fixtures/defects')).sort()).toEqual(before);
  const table = spawnSync(process.execPath, [path.join(REPO, 'scripts/corpus.mjs'), path.join(REPO, 'fixtures/defects/inline-code'), '--out', path.join(out, 'one'), '--no-tests'], { encoding: 'utf8', cwd: out });
  expect(table.stdout).toMatch(/^estate\s+functions\s+apps\s+converted\s+manual\s+green\s+not proven\s+failed\s+failures$/m);
  expect(table.stdout).toMatch(/^TOTAL\s+3\s+2\s+3\s+0\s/m);
}, 300_000);

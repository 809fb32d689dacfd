// plan --baseline: stable fingerprints, --fail-on on new findings only, SARIF baselineState, plan.md new/fixed first.

import { mkdtempSync, readFileSync, writeFileSync, existsSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedFinding as Finding } from '../../src/model/findings.js';
import type { Plan } from '../../src/model/plan.js';
import { fingerprints } from '../../src/plan/baseline.js';
import { resolveFindings } from '../../src/model/findings.js';
import { runCli } from '../support/cli.js';
import { makeInventory, type FixtureSpec } from './support/inventory.js';

const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: 'CAP-B001',
  area: 'capabilities',
  severity: 'blocker',
  confidence: 'documented',
  title: 't',
  subject: { kind: 'function', id: 'template.yaml#Big', name: 'big' },
  message: 'm',
  recommendation: 'r',
  docs: 'https://example.com',
  location: { file: 'template.yaml', line: 3, column: 3, logicalId: 'Big' },
  ...over,
});

describe('finding fingerprints', () => {
  it('ignore message text, recommendation and line, and change with rule, subject and location', () => {
    const [base] = fingerprints([finding()]);
    expect(base).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprints([finding({ message: 'reworded', recommendation: 'other', title: 'x' })])).toEqual([base]);
    expect(fingerprints([finding({ location: { file: 'template.yaml', line: 90, column: 1, logicalId: 'Big' } })])).toEqual([base]);
    for (const other of [
      finding({ ruleId: 'CAP-B002' }),
      finding({ subject: { kind: 'function', id: 'template.yaml#Other', name: 'big' } }),
      finding({ location: { file: 'other.yaml', line: 3, logicalId: 'Big' } }),
      finding({ location: { file: 'template.yaml', line: 3, logicalId: 'Renamed' } }),
    ]) {
      expect(fingerprints([other])[0]).not.toBe(base);
    }
  });

  it('tell apart findings that share rule, subject and file by their order in the file', () => {
    const a = finding({ location: { file: 'src/index.js', line: 1 } });
    const b = finding({ location: { file: 'src/index.js', line: 9 } });
    const [fa, fb] = fingerprints([a, b]);
    expect(fa).not.toBe(fb);
    expect(fingerprints([b, a])).toEqual([fb, fa]);
  });
});

function workspace(spec: FixtureSpec): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-baseline-'));
  writeFileSync(path.join(dir, 'inventory.json'), JSON.stringify(makeInventory(spec).inventory));
  return dir;
}

function setInventory(dir: string, spec: FixtureSpec) {
  writeFileSync(path.join(dir, 'inventory.json'), JSON.stringify(makeInventory(spec).inventory));
}

const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');
interface SarifResult { ruleId: string; baselineState?: string; partialFingerprints: Record<string, string>; properties: { subject: string } }
const results = (dir: string, f = 'out/plan.sarif') => (JSON.parse(read(dir, f)) as { runs: { results: SarifResult[] }[] }).runs[0]!.results;

const accepted: FixtureSpec = { functions: [{ name: 'big', memorySize: 8192 }, { name: 'small' }] };
const plusBlocker: FixtureSpec = { functions: [{ name: 'big', memorySize: 8192 }, { name: 'huge', memorySize: 9000 }, { name: 'small' }] };
const bigGone: FixtureSpec = { functions: [{ name: 'small' }] };

async function baselineIn(dir: string): Promise<void> {
  const first = await runCli(['plan', '--inventory', 'inventory.json', '--out-dir', 'base'], { cwd: dir });
  expect(first.code).toBe(1); // the accepted blocker fails a plan without a baseline
  copyFileSync(path.join(dir, 'base/plan.json'), path.join(dir, 'plan.baseline.json'));
}

describe('migrate plan --baseline', () => {
  it('passes when the only blockers are already in the baseline, and marks every result unchanged', async () => {
    const dir = workspace(accepted);
    await baselineIn(dir);
    const r = await runCli(['plan', '--inventory', 'inventory.json', '--out-dir', 'out', '--baseline', 'plan.baseline.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const plan = JSON.parse(read(dir, 'out/plan.json')) as Plan;
    expect(plan.baseline).toMatchObject({ file: 'plan.baseline.json', new: 0, absent: [] });
    expect(plan.baseline!.unchanged).toBe(plan.findings.length);
    expect(results(dir).every((x) => x.baselineState === 'unchanged')).toBe(true);
    expect(read(dir, 'out/plan.md')).toContain('**0 new**, **0 fixed**');
  });

  it('fails on a new blocker only, marks it new in SARIF and lists it first in plan.md', async () => {
    const dir = workspace(accepted);
    await baselineIn(dir);
    setInventory(dir, plusBlocker);
    const r = await runCli(['plan', '--inventory', 'inventory.json', '--out-dir', 'out', '--baseline', 'plan.baseline.json', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const news = results(dir).filter((x) => x.baselineState === 'new');
    expect(news.map((x) => x.properties.subject)).toContain('huge');
    expect(news.every((x) => x.properties.subject === 'huge')).toBe(true);
    expect((JSON.parse(r.stdout) as { baseline: unknown }).baseline).toMatchObject({ file: 'plan.baseline.json', absent: 0 });
    const md = read(dir, 'out/plan.md');
    const newSection = md.indexOf('### New findings');
    expect(newSection).toBeGreaterThan(0);
    expect(newSection).toBeLessThan(md.indexOf('## At a glance'));
    expect(md.slice(newSection, md.indexOf('### Fixed findings'))).toMatch(/\| blocker \| \[CAP-B001\]\([^)]*\) \| huge \|/);
    // --fail-on never still exits 0 with new blockers.
    expect((await runCli(['plan', '--inventory', 'inventory.json', '--out-dir', 'out2', '--baseline', 'plan.baseline.json', '--fail-on', 'never'], { cwd: dir })).code).toBe(0);
  });

  it('reports findings the change fixed as absent SARIF results and under Fixed findings', async () => {
    const dir = workspace(accepted);
    await baselineIn(dir);
    const before = results(dir, 'base/plan.sarif').filter((x) => x.properties.subject === 'big');
    setInventory(dir, bigGone);
    const r = await runCli(['plan', '--inventory', 'inventory.json', '--out-dir', 'out', '--baseline', 'plan.baseline.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const absent = results(dir).filter((x) => x.baselineState === 'absent');
    expect(absent.map((x) => x.partialFingerprints).sort()).toEqual(before.map((x) => x.partialFingerprints).sort());
    expect(absent.length).toBeGreaterThan(0);
    const md = read(dir, 'out/plan.md');
    expect(md.slice(md.indexOf('### Fixed findings'), md.indexOf('## At a glance'))).toMatch(/\[CAP-B001\]\([^)]*\) \| big \|/);
  });

  it('writes no baselineState without a baseline, but always a fingerprint', async () => {
    const dir = workspace(accepted);
    await runCli(['plan', '--inventory', 'inventory.json', '--out-dir', 'out', '--fail-on', 'never'], { cwd: dir });
    const rs = results(dir);
    expect(rs.every((x) => x.baselineState === undefined && /^[0-9a-f]{32}$/.test(x.partialFingerprints['migrateFinding/v1']!))).toBe(true);
    expect(read(dir, 'out/plan.md')).not.toContain('Changes since the baseline');
  });

  it('accepts a version-1 plan (rule text in every finding) as the baseline, with the same fingerprints', async () => {
    const dir = workspace(accepted);
    await baselineIn(dir);
    // Rewrite the v2 baseline as version 1 wrote it: each finding resolved, no rules table.
    const v2 = JSON.parse(read(dir, 'plan.baseline.json')) as Plan;
    const { rules, ...rest } = v2;
    const v1 = { ...rest, schemaVersion: 1, findings: resolveFindings(v2) };
    expect(rules.length).toBeGreaterThan(0);
    writeFileSync(path.join(dir, 'plan.v1.json'), JSON.stringify(v1));
    const r = await runCli(['plan', '--inventory', 'inventory.json', '--out-dir', 'out', '--baseline', 'plan.v1.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(results(dir).every((x) => x.baselineState === 'unchanged')).toBe(true);
    expect(results(dir).map((x) => x.partialFingerprints)).toEqual(results(dir, 'base/plan.sarif').map((x) => x.partialFingerprints));
  });

  it('refuses a plan with a ruleIndex that names another rule, and a plan from a newer version', async () => {
    const dir = workspace(accepted);
    await baselineIn(dir);
    const plan = JSON.parse(read(dir, 'plan.baseline.json')) as Plan;
    writeFileSync(path.join(dir, 'skewed.json'), JSON.stringify({ ...plan, findings: plan.findings.map((f) => ({ ...f, ruleIndex: plan.rules.length - 1 - f.ruleIndex })) }));
    const skewed = await runCli(['plan', '--inventory', 'inventory.json', '--out-dir', 'out', '--baseline', 'skewed.json'], { cwd: dir });
    expect(skewed.code).toBe(2);
    expect(skewed.stderr).toMatch(/skewed\.json: plan: \/findings\/\d+ has ruleIndex/);
    writeFileSync(path.join(dir, 'future.json'), JSON.stringify({ ...plan, schemaVersion: 9 }));
    const future = await runCli(['plan', '--inventory', 'inventory.json', '--out-dir', 'out', '--baseline', 'future.json'], { cwd: dir });
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/plan schema version 9 is newer/);
  });

  it('exits 2 naming the baseline file when it is not a plan, and writes nothing', async () => {
    const dir = workspace(accepted);
    writeFileSync(path.join(dir, 'bad.json'), '{"schemaVersion": 1,\n "findings": 3}');
    const r = await runCli(['plan', '--inventory', 'inventory.json', '--out-dir', 'out', '--baseline', 'bad.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: plan does not match/);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

// Golden estates, stage by stage: golden inventory → plan → output tree, checked through reviewable digests.
// Per estate: expected-findings.yaml (rule id → subjects) and apps.yaml (grouping, hosting, triggers). For all
// estates: outputs.sha256, one line per output file. Kept in full: plan.md, plan.sarif and MIGRATION.md of the
// estates in FULL_REPORTS, the infra of FULL_INFRA, and one generated entry file per kind of trigger binding (the
// first estate that has it). UPDATE_GOLDEN=1 rewrites them all; reviewers read the diff.

import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { compareStrings } from '../../src/util/json.js';
import { runCli } from '../support/cli.js';
import { appsYaml, findingsYaml, manifestLines } from './support/digest.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const GOLDEN = path.join(ROOT, 'fixtures/golden');
const MANIFEST = path.join(GOLDEN, 'outputs.sha256');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** Small estates whose reports are kept whole. */
const FULL_REPORTS = new Set(['streams-sam']);
/** Estates whose generated Bicep is kept whole. */
const FULL_INFRA = new Set(['streams-sam']);

const estates = existsSync(GOLDEN)
  ? (await readdir(GOLDEN)).filter((e) => existsSync(path.join(GOLDEN, e, 'inventory.json'))).sort(compareStrings)
  : [];

async function listFiles(dir: string, base = dir): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(p, base)));
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out.sort(compareStrings);
}

async function readTree(dir: string): Promise<Map<string, string>> {
  const tree = new Map<string, string>();
  for (const f of await listFiles(dir)) tree.set(f, await readFile(path.join(dir, f), 'utf8'));
  return tree;
}

interface EstateRun {
  plan: Plan;
  reports: Map<string, string>;
  output: Map<string, string>;
}

/** The entry file that shows how one kind of trigger binding is generated: Node entries and Python apps. */
function bindingExamples(plan: Plan, seen: Set<string>): string[] {
  const files: string[] = [];
  for (const app of [...plan.apps].sort((a, b) => compareStrings(a.name, b.name))) {
    for (const fn of [...app.functions].sort((a, b) => compareStrings(a.lambdaName, b.lambdaName))) {
      for (const e of [...fn.entries].sort((a, b) => compareStrings(a.name, b.name))) {
        const key = `${fn.language} ${e.lambdaEvent} ${e.payloadFormat ?? ''} ${e.trigger.type}`;
        if (seen.has(key) || !fn.handler) continue;
        seen.add(key);
        if (fn.language === 'nodejs') files.push(`apps/${app.name}/src/functions/${e.name}.ts`);
        else if (fn.language === 'python') files.push(`apps/${app.name}/function_app.py`);
      }
    }
  }
  return [...new Set(files)];
}

const runs = new Map<string, EstateRun>();
const examples = new Map<string, string[]>();
let work: string;

beforeAll(async () => {
  // Mirror fixtures/{estates,golden} so paths relative to the outputs match the checked-in ones.
  work = await mkdtemp(path.join(tmpdir(), 'golden-'));
  await mkdir(path.join(work, 'fixtures/golden'), { recursive: true });
  await symlink(path.join(ROOT, 'fixtures/estates'), path.join(work, 'fixtures/estates'));
  const seen = new Set<string>();
  for (const estate of estates) {
    const outDir = path.join(work, 'fixtures/golden', estate);
    await mkdir(outDir, { recursive: true });
    // Read the inventory from inside the mirror, so its root resolves through the mirror and stays `../../estates/<e>`.
    await cp(path.join(GOLDEN, estate, 'inventory.json'), path.join(outDir, 'inventory.json'));
    const planned = await runCli(['plan', '--inventory', path.join(outDir, 'inventory.json'), '--out-dir', outDir, '--fail-on', 'never']);
    if (planned.code !== 0) throw new Error(`plan ${estate} exited ${planned.code}: ${planned.stderr}`);
    const plan = JSON.parse(await readFile(path.join(outDir, 'plan.json'), 'utf8')) as Plan;
    const reports = new Map<string, string>();
    for (const name of ['plan.md', 'plan.sarif']) reports.set(name, await readFile(path.join(outDir, name), 'utf8'));
    const converted = await runCli(['convert', '--plan', path.join(outDir, 'plan.json'), '--out-dir', path.join(outDir, 'azure')]);
    if (converted.code !== 0) throw new Error(`convert ${estate} exited ${converted.code}: ${converted.stderr}`);
    runs.set(estate, { plan, reports, output: await readTree(path.join(outDir, 'azure')) });
    examples.set(estate, bindingExamples(plan, seen));
  }
  if (UPDATE) {
    const lines = estates.flatMap((e) => manifestLines(e, runs.get(e)!.output));
    await writeFile(MANIFEST, `${lines.join('\n')}\n`);
  }
}, 600_000);
afterAll(async () => rm(work, { recursive: true, force: true }));

/** The golden files of an estate, by path under fixtures/golden/<estate>/, with their expected content. */
function goldenFiles(estate: string): Map<string, string> {
  const run = runs.get(estate)!;
  const files = new Map<string, string>([
    ['expected-findings.yaml', findingsYaml(run.plan)],
    ['apps.yaml', appsYaml(run.plan)],
  ]);
  if (FULL_REPORTS.has(estate)) {
    for (const [name, text] of run.reports) files.set(name, text);
    files.set('azure/MIGRATION.md', run.output.get('MIGRATION.md')!);
  }
  for (const [p, text] of run.output) {
    if ((FULL_INFRA.has(estate) && p.startsWith('infra/')) || examples.get(estate)!.includes(p)) files.set(`azure/${p}`, text);
  }
  return files;
}

describe.each(estates)('golden estate %s', (estate) => {
  const golden = path.join(GOLDEN, estate);

  it('plans the findings, apps and (for small estates) reports in the golden files', async () => {
    const run = runs.get(estate)!;
    expect(run.plan.source.root, 'handler root stays inside the repository').toBe(`../../estates/${estate}`);
    const expected = goldenFiles(estate);
    if (UPDATE) {
      for (const f of await readdir(golden)) if (f !== 'inventory.json') await rm(path.join(golden, f), { recursive: true, force: true });
      for (const [f, text] of expected) {
        await mkdir(path.dirname(path.join(golden, f)), { recursive: true });
        await writeFile(path.join(golden, f), text);
      }
    }
    expect((await listFiles(golden)).filter((f) => f !== 'inventory.json')).toEqual([...expected.keys()].sort(compareStrings));
    for (const [f, text] of expected) expect(text, `${estate}/${f}`).toBe(await readFile(path.join(golden, f), 'utf8'));
  });

  it('converts to the output tree recorded in outputs.sha256', async () => {
    const actual = manifestLines(estate, runs.get(estate)!.output);
    const recorded = (await readFile(MANIFEST, 'utf8')).split('\n').filter((l) => l.slice(18).startsWith(`${estate}/`));
    expect(actual).toEqual(recorded);
  });
});

it('outputs.sha256 lists exactly the golden estates', async () => {
  const listed = new Set((await readFile(MANIFEST, 'utf8')).split('\n').filter(Boolean).map((l) => l.slice(18).split('/')[0] ?? ''));
  expect([...listed].sort(compareStrings)).toEqual(estates);
});

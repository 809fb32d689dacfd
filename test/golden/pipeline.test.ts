// Golden estates, stage by stage: golden inventory → plan (json, md, sarif); golden plan → output tree.
// Each stage starts from the previous stage's checked-in golden, so a diff points at one stage.
// UPDATE_GOLDEN=1 rewrites the goldens; reviewers read the diff.

import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const GOLDEN = path.join(ROOT, 'fixtures/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const estates = existsSync(GOLDEN)
  ? (await readdir(GOLDEN)).filter((e) => existsSync(path.join(GOLDEN, e, 'inventory.json'))).sort()
  : [];

async function listFiles(dir: string, base = dir): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(p, base)));
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out.sort();
}

let work: string;
beforeAll(async () => {
  // Mirror fixtures/{estates,golden} so paths relative to the outputs match the checked-in ones.
  work = await mkdtemp(path.join(tmpdir(), 'golden-'));
  await mkdir(path.join(work, 'fixtures/golden'), { recursive: true });
  await symlink(path.join(ROOT, 'fixtures/estates'), path.join(work, 'fixtures/estates'));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

describe.each(estates)('golden estate %s', (estate) => {
  const golden = path.join(GOLDEN, estate);

  it('plans to the golden plan.json, plan.md and plan.sarif', async () => {
    const outDir = path.join(work, 'fixtures/golden', estate);
    await mkdir(outDir, { recursive: true });
    // Read the inventory from inside the mirror, so its root resolves through the mirror and stays `../../estates/<e>`.
    await cp(path.join(golden, 'inventory.json'), path.join(outDir, 'inventory.json'));
    const r = await runCli(['plan', '--inventory', path.join(outDir, 'inventory.json'), '--out-dir', outDir, '--fail-on', 'never']);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const plan = JSON.parse(await readFile(path.join(outDir, 'plan.json'), 'utf8')) as { source: { root?: string } };
    expect(plan.source.root, 'handler root stays inside the repository').toBe(`../../estates/${estate}`);
    for (const name of ['plan.json', 'plan.md', 'plan.sarif']) {
      const actual = await readFile(path.join(outDir, name), 'utf8');
      if (UPDATE) await cp(path.join(outDir, name), path.join(golden, name));
      else expect(actual, `${estate}/${name}`).toBe(await readFile(path.join(golden, name), 'utf8'));
    }
  });

  it('converts the golden plan to the golden output tree', async () => {
    if (!existsSync(path.join(golden, 'plan.json'))) throw new Error(`no golden plan for ${estate}: run UPDATE_GOLDEN=1`);
    const outDir = path.join(work, 'fixtures/golden', estate, 'azure');
    await rm(outDir, { recursive: true, force: true });
    const planFile = path.join(work, 'fixtures/golden', estate, 'plan.json');
    await mkdir(path.dirname(planFile), { recursive: true });
    await cp(path.join(golden, 'plan.json'), planFile);
    const r = await runCli(['convert', '--plan', planFile, '--out-dir', outDir]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const expectedDir = path.join(golden, 'azure');
    if (UPDATE) {
      await rm(expectedDir, { recursive: true, force: true });
      await cp(outDir, expectedDir, { recursive: true });
      return;
    }
    const actualFiles = await listFiles(outDir);
    expect(actualFiles).toEqual(await listFiles(expectedDir));
    for (const f of actualFiles) {
      expect(await readFile(path.join(outDir, f), 'utf8'), `${estate}/azure/${f}`).toBe(await readFile(path.join(expectedDir, f), 'utf8'));
    }
  });
});

// Golden output of the emitters for the emit fixtures: every file's sha256 in golden/outputs.sha256, and the whole
// tree of FULL (one small fixture) for reviewers to read. Refresh with UPDATE_GOLDEN=1.

import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { emitEstate } from '../../src/emit/index.js';
import { compareStrings } from '../../src/util/json.js';
import { manifestLines } from '../golden/support/digest.js';
import { FIXTURES, loadFixtures } from './support.js';

const GOLDEN = path.join(FIXTURES, '..', 'golden');
const MANIFEST = path.join(GOLDEN, 'outputs.sha256');
/** The fixture whose emitted tree is kept whole. */
const FULL = 'legacy';
const update = process.env.UPDATE_GOLDEN === '1';
const fixtures = (await loadFixtures()).filter((f) => f.source === 'fixture');
const manifest: string[] = [];

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((n) => {
      const full = path.join(dir, n);
      return statSync(full).isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
    })
    .sort(compareStrings);
}

describe.each(fixtures.map((f) => [f.name, f] as const))('golden output of %s', (name, fx) => {
  test('matches outputs.sha256 and, for the full fixture, the checked-in tree', () => {
    const tree = emitEstate(fx.plan, fx.report);
    const lines = manifestLines(name, tree);
    manifest.push(...lines);
    if (!update) expect(lines).toEqual(readFileSync(MANIFEST, 'utf8').split('\n').filter((l) => l.slice(18).startsWith(`${name}/`)));
    if (name !== FULL) return;
    const dir = path.join(GOLDEN, name);
    if (update) {
      rmSync(dir, { recursive: true, force: true });
      for (const [p, c] of tree) {
        mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
        writeFileSync(path.join(dir, p), c);
      }
    }
    expect(listFiles(dir)).toEqual([...tree.keys()].sort(compareStrings));
    for (const [p, c] of tree) expect(readFileSync(path.join(dir, p), 'utf8'), p).toBe(c);
  });
});

test('outputs.sha256 lists exactly the emit fixtures', () => {
  if (update) return;
  const listed = new Set(readFileSync(MANIFEST, 'utf8').split('\n').filter(Boolean).map((l) => l.slice(18).split('/')[0] ?? ''));
  expect([...listed].sort(compareStrings)).toEqual(fixtures.map((f) => f.name).sort(compareStrings));
});

afterAll(() => {
  if (!update) return;
  for (const name of readdirSync(GOLDEN)) if (name !== FULL && statSync(path.join(GOLDEN, name)).isDirectory()) rmSync(path.join(GOLDEN, name), { recursive: true });
  writeFileSync(MANIFEST, `${manifest.sort((a, b) => compareStrings(a.slice(18), b.slice(18))).join('\n')}\n`);
});

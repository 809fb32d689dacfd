// Golden output trees for the emit fixtures: reviewers read the diff. Refresh with UPDATE_GOLDEN=1.

import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { emitEstate } from '../../src/emit/index.js';
import { compareStrings } from '../../src/util/json.js';
import { FIXTURES, loadFixtures } from './support.js';

const GOLDEN = path.join(FIXTURES, '..', 'golden');
const update = process.env.UPDATE_GOLDEN === '1';
const fixtures = (await loadFixtures()).filter((f) => f.source === 'fixture');

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
  test('matches the checked-in tree', () => {
    const tree = emitEstate(fx.plan, fx.report);
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

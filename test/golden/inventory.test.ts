// Golden inventories: every estate under fixtures/estates is discovered through the CLI code path
// (discoverTemplates + writeInventory) and compared byte for byte with fixtures/golden/<estate>/inventory.json.
// Refresh with: UPDATE_GOLDEN=1 npx vitest run test/golden/inventory.test.ts

import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverTemplates } from '../../src/discover/templates/index.js';
import { writeInventory } from '../../src/model/io.js';
import { secretReason } from '../../src/discover/environment.js';
import { parseTemplateText } from '../../src/discover/templates/parse-template.js';
import { stableStringify } from '../../src/util/json.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ESTATES = path.join(ROOT, 'fixtures/estates');
const GOLDEN = path.join(ROOT, 'fixtures/golden');
const update = process.env.UPDATE_GOLDEN === '1';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'golden-inv-'));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

const estates = (await readdir(ESTATES, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();

async function generate(estate: string, includeValues: boolean, outFile: string): Promise<string> {
  const inv = await discoverTemplates([`fixtures/estates/${estate}`], {
    cwd: ROOT,
    outDir: path.join(GOLDEN, estate),
    includeValues,
  });
  await writeInventory(outFile, inv);
  return readFile(outFile, 'utf8');
}

/** Every literal in the fixtures' templates and config files that the classifier calls a secret. */
async function secretLiterals(): Promise<string[]> {
  const found = new Set<string>();
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) await walk(abs);
      else if (/\.(ya?ml|json)$/.test(e.name)) {
        // Environment maps: SAM/CFN `Environment.Variables`, Serverless `environment`, and `${file()}` configs.
        const visit = (v: unknown, key: string, inEnv: boolean): void => {
          if (typeof v === 'string') {
            if ((inEnv || !/template|serverless/.test(e.name)) && v.length >= 8 && secretReason(key, v) && !v.includes('{{resolve:') && !v.includes('${')) found.add(v);
          } else if (Array.isArray(v)) v.forEach((x) => visit(x, key, false));
          else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k, key === 'Variables' || key === 'environment');
        };
        visit(parseTemplateText(await readFile(abs, 'utf8'), e.name).body, '', false);
      }
    }
  };
  await walk(ESTATES);
  return [...found].sort();
}

describe('golden inventories', () => {
  it('covers at least 11 estates', () => {
    expect(estates.length).toBeGreaterThanOrEqual(11);
  });

  for (const estate of estates) {
    it(`${estate} matches its golden inventory`, async () => {
      const golden = path.join(GOLDEN, estate, 'inventory.json');
      if (update) {
        await generate(estate, false, golden);
        return;
      }
      const actual = await generate(estate, false, path.join(tmp, `${estate}.json`));
      const expected = await readFile(golden, 'utf8');
      expect(actual).toBe(expected);
      expect(JSON.parse(actual).source.root).toBe(`../../estates/${estate}`);
    });
  }

  it('is byte-identical whatever the working directory', async () => {
    const a = await discoverTemplates(['fixtures/estates/retail-sam'], { cwd: ROOT, outDir: path.join(GOLDEN, 'retail-sam'), includeValues: false });
    const b = await discoverTemplates(['retail-sam'], { cwd: ESTATES, outDir: path.join(GOLDEN, 'retail-sam'), includeValues: false });
    expect(stableStringify(b)).toBe(stableStringify(a));
  });

  it('never writes a secret-like literal, not in goldens and not with --include-values', async () => {
    const secrets = await secretLiterals();
    // The fixtures do hold such literals (a Stripe-like key, a DSN with a password); the test must be able to fail.
    expect(secrets.some((s) => s.startsWith('sk_test_'))).toBe(true);
    expect(secrets.some((s) => s.startsWith('postgres://'))).toBe(true);
    for (const estate of estates) {
      const withValues = await generate(estate, true, path.join(tmp, `${estate}-values.json`));
      const golden = await readFile(path.join(GOLDEN, estate, 'inventory.json'), 'utf8');
      for (const s of secrets) {
        expect(withValues, `${estate} --include-values leaks ${s.slice(0, 6)}…`).not.toContain(s);
        expect(golden, `${estate} golden leaks ${s.slice(0, 6)}…`).not.toContain(s);
      }
    }
  });
});

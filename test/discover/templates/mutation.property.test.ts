// Property: whatever is done to a fixture template (keys deleted, types swapped, weird intrinsics and
// variables injected, text truncated), discovery either returns a schema-valid inventory or throws a
// MigrateError. Never a TypeError, never an invalid inventory.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverTemplates } from '../../../src/discover/templates/index.js';
import { parseTemplateText } from '../../../src/discover/templates/parse-template.js';
import { validateContract } from '../../../src/model/io.js';
import { isMigrateError } from '../../../src/util/errors.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TEMPLATE = /^(template\.ya?ml|.*\.template\.json|serverless\.yml)$/;

interface Fixture {
  name: string;
  text: string;
  body: unknown;
}

const fixtures: Fixture[] = [];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mutate-'));
  for (const estate of (await readdir(path.join(ROOT, 'fixtures/estates'))).sort()) {
    for (const f of (await readdir(path.join(ROOT, 'fixtures/estates', estate))).sort()) {
      if (!TEMPLATE.test(f)) continue;
      const text = await readFile(path.join(ROOT, 'fixtures/estates', estate, f), 'utf8');
      fixtures.push({ name: f, text, body: parseTemplateText(text, f).body });
    }
  }
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const WEIRD: unknown[] = [
  null,
  42,
  true,
  '',
  [],
  {},
  { Ref: 123 },
  { Ref: 'AWS::NoValue' },
  { Ref: 'NoSuchThing' },
  { 'Fn::Sub': [1, 2, 3] },
  { 'Fn::Sub': '${' },
  { 'Fn::GetAtt': null },
  { 'Fn::If': 'x' },
  { 'Fn::If': ['NoSuchCondition', 1, 2] },
  { 'Fn::Select': [-1, []] },
  { 'Fn::Select': ['x', { Ref: 'AWS::Region' }] },
  { 'Fn::FindInMap': [] },
  { 'Fn::Join': [',', { 'Fn::Split': [null, 5] }] },
  { Condition: {} },
  { 'Fn::Unknown': { deep: [{ Ref: 'x' }] } },
  { 'Fn::Transform': { Name: 'AWS::Include' } },
  '${self:}',
  '${self:custom.nope}',
  '${file(../../../../etc/passwd):x}',
  '${opt:stage, ${self:provider.stage}}',
  '${env:HOME, }',
  '${ssm:/x/${sls:stage}}',
  '{{resolve:secretsmanager:x}}',
  'AKIAABCDEFGHIJKLMNOP',
  { a: { b: { c: { d: { e: { f: { g: { h: { i: 'deep' } } } } } } } } },
];

type Op = { kind: 'delete' | 'swap' | 'inject'; at: number; pick: number };

function slots(v: unknown, out: [Record<string, unknown> | unknown[], string | number][] = [], depth = 0): typeof out {
  if (depth > 12) return out;
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([v, i]);
      slots(x, out, depth + 1);
    });
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push([v as Record<string, unknown>, k]);
      slots(x, out, depth + 1);
    }
  }
  return out;
}

function mutate(body: unknown, ops: Op[]): unknown {
  const copy = structuredClone(body);
  for (const op of ops) {
    const all = slots(copy);
    if (all.length === 0) break;
    const [parent, key] = all[op.at % all.length]!;
    const current = (parent as Record<string | number, unknown>)[key];
    if (op.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (op.kind === 'swap') {
      const swapped = Array.isArray(current) ? { swapped: current } : current && typeof current === 'object' ? Object.values(current) : typeof current === 'string' ? [current] : String(current);
      (parent as Record<string | number, unknown>)[key] = swapped;
    } else {
      (parent as Record<string | number, unknown>)[key] = structuredClone(WEIRD[op.pick % WEIRD.length]);
    }
  }
  return copy;
}

async function runOn(fileName: string, text: string, n: number): Promise<void> {
  const sub = path.join(dir, String(n));
  await mkdir(sub, { recursive: true });
  await writeFile(path.join(sub, fileName), text);
  try {
    const inv = await discoverTemplates([fileName], { cwd: sub, outDir: sub, includeValues: n % 2 === 0 });
    await validateContract('inventory', JSON.parse(JSON.stringify(inv)), fileName, true);
  } catch (e) {
    if (!isMigrateError(e)) throw e;
  } finally {
    await rm(sub, { recursive: true, force: true });
  }
}

const op = fc.record({ kind: fc.constantFrom<Op['kind']>('delete', 'swap', 'inject'), at: fc.nat(), pick: fc.nat() });

describe('template discovery under mutation', () => {
  it('has fixtures to mutate', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(11);
  });

  it('never crashes on structurally mutated templates', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(op, { minLength: 1, maxLength: 6 }), async (which, ops) => {
        const f = fixtures[which % fixtures.length]!;
        const mutated = mutate(f.body, ops);
        // JSON text is valid YAML, so every flavour can be written this way; keep serverless.yml's name.
        const name = f.name === 'serverless.yml' ? 'serverless.yml' : 'mutated.template.json';
        await runOn(name, JSON.stringify(mutated, null, 1), n++);
      }),
      { numRuns: 150, seed: 20261123 },
    );
  });

  it('never crashes on truncated or spliced template text', async () => {
    let n = 10_000;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), async (which, cut, junk) => {
        const f = fixtures[which % fixtures.length]!;
        const at = cut % (f.text.length + 1);
        await runOn(f.name, f.text.slice(0, at) + junk, n++);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});

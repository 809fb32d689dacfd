// Sharding covers every (account, region) pair exactly once for n = 1..7; merge is commutative and idempotent, and
// conflicting duplicates are an error naming both files whatever the order. Property tests with fast-check.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardOf } from '../../src/discover/aws/shard.js';
import { canonicalInventory, mergeInventories, type NamedInventory } from '../../src/discover/merge.js';
import type { Inventory, LambdaFunction, Role, Warning } from '../../src/model/inventory.js';
import { MigrateError } from '../../src/util/errors.js';
import { stableStringify } from '../../src/util/json.js';
import { makeFunction } from '../plan/support/inventory.js';
import { runCli } from '../support/cli.js';

const account = fc.stringMatching(/^\d{12}$/);
const region = fc.constantFrom('us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'sa-east-1', 'ca-central-1');
const pairs = fc.uniqueArray(fc.record({ account, region }), { selector: (p) => `${p.account}/${p.region}`, minLength: 1, maxLength: 60 });

describe('--shard i/n', () => {
  it('puts every pair in exactly one of the n shards, for n = 1..7', () => {
    fc.assert(
      fc.property(pairs, (ps) => {
        for (let n = 1; n <= 7; n++) {
          for (const p of ps) {
            const owners = Array.from({ length: n }, (_, i) => i + 1).filter((index) => inShard(p, { index, count: n }));
            expect(owners).toEqual([shardOf(p, n)]);
          }
        }
      }),
    );
  });

  it('spreads a realistic organisation over the shards', () => {
    const ps = Array.from({ length: 40 }, (_, a) => ['us-east-1', 'eu-west-1', 'ap-southeast-2'].map((r) => ({ account: String(100000000000 + a * 7919), region: r }))).flat();
    for (let n = 2; n <= 7; n++) {
      const sizes = Array.from({ length: n }, (_, i) => ps.filter((p) => inShard(p, { index: i + 1, count: n })).length);
      expect(sizes.reduce((a, b) => a + b)).toBe(ps.length);
      for (const s of sizes) expect(s).toBeGreaterThan(ps.length / n / 2);
    }
  });

  it('parses i/n and rejects anything else', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/3/5', '-1/3', '1/1001']) expect(() => parseShard(bad), bad).toThrow(MigrateError);
  });
});

const fn = (id: string, memorySize: number): LambdaFunction => ({ id, name: id.split(':').pop()!, memorySize }) as unknown as LambdaFunction;
const role = (id: string): Role => ({ id, trustedServices: ['lambda.amazonaws.com'], policies: [] });

/** A universe of items split into overlapping shards: every item lands in at least one shard. */
const split = fc
  .record({
    functions: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 12 }),
    roles: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,4}$/), { maxLength: 5 }),
    warnings: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 4 }),
    shardCount: fc.integer({ min: 1, max: 4 }),
    seed: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
  })
  .map(({ functions, roles, warnings, shardCount, seed }) => {
    const shards: Inventory[] = Array.from({ length: shardCount }, (_, i) => ({
      schemaVersion: 1,
      source: { kind: 'aws', account: '123456789012', partition: 'aws', regions: [], accounts: [], includeValues: false, shard: { index: i + 1, count: shardCount } },
      functions: [],
      roles: [],
      layers: [],
      apis: [],
      warnings: [],
    }));
    let k = 0;
    const pick = () => shards[seed[k++ % seed.length]! % shardCount]!;
    functions.forEach((name, i) => {
      const f = fn(`arn:aws:lambda:us-east-1:111122223333:function:${name}`, 128 + i);
      pick().functions.push(f);
      if (seed[i]! % 3 === 0) pick().functions.push(f); // an identical duplicate in some shard
      const s = pick();
      s.source.regions = [...new Set([...s.source.regions!, 'us-east-1'])];
      s.source.accounts = [...new Set([...s.source.accounts!, '111122223333'])];
    });
    for (const r of roles) pick().roles.push(role(`arn:aws:iam::111122223333:role/${r}`));
    for (const w of warnings) pick().warnings.push({ code: 'aws.access-denied', message: `denied ${w}`, subject: w } satisfies Warning);
    return shards.map((inventory, i): NamedInventory => ({ file: `inv-${i + 1}.json`, inventory }));
  });

/** The one line the CLI would print for a merge that fails. */
function mergeError(inputs: NamedInventory[]): string {
  try {
    mergeInventories(inputs);
    return 'merged';
  } catch (e) {
    expect(e).toBeInstanceOf(MigrateError);
    return (e as MigrateError).toOneLine();
  }
}

describe('migrate merge', () => {
  it('is commutative: any order of the inputs gives the same bytes', () => {
    fc.assert(
      fc.property(split, fc.nat(), (inputs, rot) => {
        const shuffled = [...inputs.slice(rot % inputs.length), ...inputs.slice(0, rot % inputs.length)].reverse();
        expect(stableStringify(mergeInventories(shuffled))).toBe(stableStringify(mergeInventories(inputs)));
      }),
    );
  });

  it('is idempotent: merging again, or with a repeated input, changes nothing', () => {
    fc.assert(
      fc.property(split, (inputs) => {
        const once = mergeInventories(inputs);
        expect(stableStringify(mergeInventories([...inputs, ...inputs]))).toBe(stableStringify(once));
        expect(stableStringify(mergeInventories([{ file: 'merged.json', inventory: once }]))).toBe(stableStringify(once));
        expect(stableStringify(canonicalInventory(once))).toBe(stableStringify(once));
        expect(once.source.shard).toBeUndefined();
        expect(once.warnings.some((w) => w.code === 'merge.missing-shards')).toBe(false);
      }),
    );
  });

  it('loses nothing: every input item is in the merged inventory once', () => {
    fc.assert(
      fc.property(split, (inputs) => {
        const merged = mergeInventories(inputs);
        const ids = new Set(inputs.flatMap((i) => i.inventory.functions.map((f) => f.id)));
        expect(merged.functions.map((f) => f.id)).toEqual([...ids].sort());
      }),
    );
  });

  it('rejects conflicting duplicates with exit-2 errors naming both files, the same for either order', () => {
    const base = (f: LambdaFunction, shard: number): Inventory => ({
      schemaVersion: 1,
      source: { kind: 'aws', account: '123456789012', partition: 'aws', regions: ['us-east-1'], includeValues: false, shard: { index: shard, count: 2 } },
      functions: [f],
      roles: [],
      layers: [],
      apis: [],
      warnings: [],
    });
    const a = { file: 'inv-1.json', inventory: base(fn('arn:x', 128), 1) };
    const b = { file: 'inv-2.json', inventory: base(fn('arn:x', 256), 2) };
    const messages = [[a, b], [b, a]].map(mergeError);
    expect(messages[0]).toBe(messages[1]);
    expect(messages[0]).toMatch(/^inv-2\.json: function arn:x differs from the same function in inv-1\.json/);
    // Inputs of different discoveries (another partition) are refused too, naming both files.
    const other = { file: 'inv-9.json', inventory: { ...a.inventory, source: { ...a.inventory.source, partition: 'aws-cn' } } };
    expect(mergeError([other, a])).toMatch(/^inv-9\.json: source\.partition is "aws-cn" here but "aws" in inv-1\.json/);
  });

  it('reports missing shards as a warning', () => {
    const inv = (index: number): NamedInventory => ({
      file: `s${index}.json`,
      inventory: { schemaVersion: 1, source: { kind: 'aws', account: '1', partition: 'aws', regions: [], includeValues: false, shard: { index, count: 3 } }, functions: [], roles: [], layers: [], apis: [], warnings: [] },
    });
    expect(mergeInventories([inv(1), inv(3)]).warnings.map((w) => w.message)).toEqual(['shard(s) 2/3 were not merged: the accounts and regions they cover are missing']);
    expect(() => mergeInventories([inv(1), { ...inv(2), inventory: { ...inv(2).inventory, source: { ...inv(2).inventory.source, shard: { index: 2, count: 4 } } } }])).toThrow(/different splits/);
  });
});

describe('migrate merge (command line)', () => {
  it('exits 2 with one line naming both files for a conflict, and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'merge-cli-'));
    const inv = (memorySize: number): Inventory => ({
      schemaVersion: 1,
      source: { kind: 'aws', account: '123456789012', partition: 'aws', regions: ['us-east-1'], includeValues: false },
      functions: [{ ...makeFunction({ name: 'a' }), memorySize }],
      roles: [],
      layers: [],
      apis: [],
      warnings: [],
    });
    writeFileSync(path.join(dir, 'inv-a.json'), JSON.stringify(inv(128)));
    writeFileSync(path.join(dir, 'inv-b.json'), JSON.stringify(inv(256)));
    writeFileSync(path.join(dir, 'inv-c.json'), JSON.stringify(inv(128)));
    const r = await runCli(['merge', 'inv-b.json', 'inv-a.json', '--out', 'out.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^migrate: inv-b\.json: function \S+ differs from the same function in inv-a\.json/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.join(dir, 'out.json'))).toBe(false);
    // Identical duplicates collapse.
    const ok = await runCli(['merge', 'inv-c.json', 'inv-a.json', '--out', 'out.json', '--json'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ functions: 1, inputs: 2 });
    expect((await runCli(['merge', 'inv-a.json', '--out', 'inv-a.json'], { cwd: dir })).code).toBe(2);
    const missing = await runCli(['merge', 'inv-a.json', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^migrate: nope\.json: /);
  });
});

// GetFunction's answers (tags, reserved concurrency, code location) from cheaper sources, against the fake Lambda API
// (test/support/fake-lambda/README.md): the tagging API, GetAccountSettings' reserved total, GetFunction only for
// images and until that total is accounted for; and the fallback to GetFunction per function when either fails.
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../../src/cli/io.js';
import { discoverAws, type DiscoveryStats, type DiscoveryTuning } from '../../../src/discover/aws/index.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { fakeEstate } from '../../support/fake-lambda/estate.js';
import { startFakeLambda, type FakeLambdaOptions } from '../../support/fake-lambda/server.js';

const ENV = { NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };
const N = 23;
const IMAGE = '111122223333.dkr.ecr.us-east-1.amazonaws.com/app:7';
const quiet = new Reporter({ stdout: () => {}, stderr: () => {}, isTTY: false, env: {}, cwd: '/' }, { json: true });
const FAST: DiscoveryTuning = { limits: { 'lambda.GetFunction': 2000, 'lambda.GetPolicy': 2000, lambda: 2000, iam: 2000, default: 2000 }, retryMode: 'standard', backoffMs: 5 };

interface Run {
  inventory: Inventory;
  /** Requests the fake received, by IAM action. */
  received: Record<string, number>;
  /** The functions GetFunction was sent for, in order. */
  getFunction: string[];
}

async function run(opts: Partial<FakeLambdaOptions>, tuning: DiscoveryTuning = {}, functionGlobs?: string[], readEveryFunction = false): Promise<Run> {
  const fake = await startFakeLambda({ ...fakeEstate(N), ...opts });
  try {
    const stats: DiscoveryStats = { calls: {}, throttleRetries: {} };
    const inventory = await discoverAws({ endpointUrl: fake.endpoint, regions: ['us-east-1'], includeValues: false, readEveryFunction, env: ENV, functionGlobs, tuning: { ...FAST, ...tuning, stats } }, quiet);
    return { inventory, received: Object.fromEntries(fake.counts), getFunction: fake.gets };
  } finally {
    await fake.stop();
  }
}

/** fn-0002 a container image reserving 3, fn-0010 (an SQS consumer) reserving 4, fn-0017 reserving 5. */
function reservedEstate(): Pick<FakeLambdaOptions, 'functions' | 'mappings' | 'account'> {
  const estate = fakeEstate(N);
  Object.assign(estate.functions[2]!, { image: IMAGE, reservedConcurrency: 3 });
  estate.functions[10]!.reservedConcurrency = 4;
  estate.functions[17]!.reservedConcurrency = 5;
  return estate;
}

const lambdaAndTagging = (received: Record<string, number>) => Object.entries(received).filter(([k]) => k.startsWith('lambda:') || k.startsWith('tag:'));

describe('GetFunction only where its answer is not known otherwise', () => {
  it('reads tags per region and no GetFunction when nothing is reserved and nothing is an image (calls by category)', async () => {
    const { inventory, received } = await run({});
    expect(Object.fromEntries(lambdaAndTagging(received))).toEqual({
      'lambda:ListFunctions': 6, // 23 + 6 versions, 5 per page
      'lambda:ListEventSourceMappings': 1,
      'lambda:GetAccountSettings': 1,
      'tag:GetResources': 5, // 23 tagged functions, 5 per page
      'lambda:GetPolicy': N + 6, // each function and each alias
      'lambda:ListAliases': 6,
      'lambda:ListProvisionedConcurrencyConfigs': 6,
      'lambda:GetFunctionEventInvokeConfig': 8,
    });
    // No function read for its concurrency: the inventory says so, and how to read each one.
    expect(inventory.warnings).toEqual([expect.objectContaining({ code: 'discover.concurrency-accounted', subject: 'us-east-1' })]);
    expect(inventory.warnings[0]!.message).toContain(`read for 0 of ${N} function(s)`);
    expect(inventory.warnings[0]!.message).toContain('--read-every-function');
    expect(inventory.functions.map((f) => f.tags)).toEqual(fakeEstate(N).functions.map((f) => f.tags));
  });

  it('falls back to GetFunction for every function, with one warning, when the tagging API is denied: same inventory', async () => {
    const fast = await run({});
    const { inventory, received } = await run({ deny: ['tag:GetResources'] });
    expect(inventory.warnings).toEqual([expect.objectContaining({ code: 'discover.fallback', action: 'tag:GetResources', subject: 'us-east-1' })]);
    expect(inventory.warnings[0]!.message).toContain('grant tag:GetResources');
    expect(received['lambda:GetFunction']).toBe(N);
    expect(inventory.functions).toEqual(fast.inventory.functions);
  });

  it('falls back when GetAccountSettings is denied or stays throttled, without asking the tagging API: same inventory', async () => {
    const fast = await run(reservedEstate(), { concurrency: 1 });
    const denied = await run({ ...reservedEstate(), deny: ['lambda:GetAccountSettings'] });
    const throttled = await run({ ...reservedEstate(), throttleFraction: 1, throttleActions: ['lambda:GetAccountSettings'] }, { maxAttempts: 1, throttleRetries: 1 });
    for (const r of [denied, throttled]) {
      expect(r.inventory.warnings).toEqual([expect.objectContaining({ code: 'discover.fallback', action: 'lambda:GetAccountSettings' })]);
      expect(r.received['tag:GetResources']).toBeUndefined();
      expect(r.received['lambda:GetFunction']).toBe(N);
      expect(r.inventory.functions).toEqual(fast.inventory.functions);
    }
    expect(throttled.inventory.warnings[0]!.message).toContain('still throttled');
  });

  it('warns about no fallback in a region without functions (`--region all` sweeps many)', async () => {
    const { inventory, received } = await run({ functions: [], mappings: [], deny: ['lambda:GetAccountSettings'] });
    expect(inventory.functions).toEqual([]);
    expect(inventory.warnings).toEqual([]);
    expect(received['lambda:GetAccountSettings']).toBe(1);
  });

  it('reads the image first, then the SQS consumers, and stops once the reserved total (12) is accounted for', async () => {
    const { inventory, getFunction } = await run(reservedEstate(), { concurrency: 1 });
    // Image fn-0002 (3), consumers fn-0000, fn-0005, fn-0010 (4), fn-0015, fn-0020, then the rest: fn-0001, fn-0003, … fn-0017 (5).
    expect(getFunction).toEqual(['fn-0002', 'fn-0000', 'fn-0005', 'fn-0010', 'fn-0015', 'fn-0020', 'fn-0001', 'fn-0003', 'fn-0004', 'fn-0006', 'fn-0007', 'fn-0008', 'fn-0009', 'fn-0011', 'fn-0012', 'fn-0013', 'fn-0014', 'fn-0016', 'fn-0017']);
    const reserved = Object.fromEntries(inventory.functions.flatMap((f) => (f.reservedConcurrency === undefined ? [] : [[f.name, f.reservedConcurrency]])));
    expect(reserved).toEqual({ 'fn-0002': 3, 'fn-0010': 4, 'fn-0017': 5 });
    const image = inventory.functions.find((f) => f.name === 'fn-0002')!;
    expect(image).toMatchObject({ packageType: 'Image', code: { repositoryType: 'ECR', imageUri: IMAGE } });
    expect(inventory.functions.find((f) => f.name === 'fn-0021')!.code).toEqual({ repositoryType: 'S3', size: 1024 });
    expect(inventory.warnings.map((w) => [w.code, w.message.split(';')[0]])).toEqual([['discover.concurrency-accounted', 'reserved concurrency read for 19 of 23 function(s) in us-east-1']]);
  });

  it('starts no read once the reserved total is found, with 8 reads in flight', async () => {
    const estate = fakeEstate(N);
    estate.functions[0]!.reservedConcurrency = 2; // fn-0000: the first SQS consumer, the first function read
    const { inventory, getFunction } = await run(estate);
    // The reads started beside fn-0000's finish; the rest of the 23 are never read.
    expect(getFunction[0]).toBe('fn-0000');
    expect(getFunction.length).toBeLessThan(N);
    expect(inventory.functions.find((f) => f.name === 'fn-0000')!.reservedConcurrency).toBe(2);
  });

  it('reads every selected function when the reserved total lies outside the --function selection', async () => {
    const { inventory, getFunction } = await run(reservedEstate(), { concurrency: 1 }, ['fn-001*']);
    expect(inventory.functions).toHaveLength(10);
    expect([...getFunction].sort()).toEqual(inventory.functions.map((f) => f.name));
    expect(inventory.functions.filter((f) => f.reservedConcurrency !== undefined).map((f) => [f.name, f.reservedConcurrency])).toEqual([['fn-0010', 4], ['fn-0017', 5]]);
  });

  it('cannot see a reserved concurrency of 0 on a function it does not read (it adds nothing to the total; docs/permissions.md)', async () => {
    const estate = fakeEstate(N);
    estate.functions[22]!.reservedConcurrency = 0; // fn-0022: a function switched off
    const fast = await run(estate);
    const exact = await run({ ...estate, deny: ['lambda:GetAccountSettings'] });
    expect(fast.getFunction).toEqual([]);
    expect(fast.inventory.functions.find((f) => f.name === 'fn-0022')!.reservedConcurrency).toBeUndefined();
    expect(exact.inventory.functions.find((f) => f.name === 'fn-0022')!.reservedConcurrency).toBe(0);
  });

  it('with --read-every-function reads GetFunction for every function, asks for no region-wide answer and warns of nothing', async () => {
    const estate = fakeEstate(N);
    estate.functions[22]!.reservedConcurrency = 0;
    const every = await run(estate, {}, undefined, true);
    expect([...every.getFunction].sort()).toEqual(every.inventory.functions.map((f) => f.name));
    expect(every.received['lambda:GetAccountSettings'] ?? 0).toBe(0);
    expect(every.received['tag:GetResources'] ?? 0).toBe(0);
    expect(every.inventory.warnings).toEqual([]);
    expect(every.inventory.functions.find((f) => f.name === 'fn-0022')!.reservedConcurrency).toBe(0);
    // The same inventory as the fallback's, which also reads every function.
    const fallback = await run({ ...estate, deny: ['lambda:GetAccountSettings'] });
    expect(every.inventory.functions).toEqual(fallback.inventory.functions);
  });
});

// Pagination, throttling and partial permissions against the fake Lambda API (test/support/fake-lambda/README.md).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Reporter } from '../../../src/cli/io.js';
import { discoverAws, type DiscoveryStats } from '../../../src/discover/aws/index.js';
import type { Inventory } from '../../../src/model/inventory.js';
import { stableStringify } from '../../../src/util/json.js';
import { runCli } from '../../support/cli.js';
import { fakeEstate } from '../../support/fake-lambda/estate.js';
import { startFakeLambda, type FakeLambda, type FakeLambdaOptions } from '../../support/fake-lambda/server.js';

const ENV = { NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };
const N = 23;
const quiet = new Reporter({ stdout: () => {}, stderr: () => {}, isTTY: false, env: {}, cwd: '/' }, { json: true });

async function withFake<T>(opts: Partial<FakeLambdaOptions>, fn: (fake: FakeLambda) => Promise<T>): Promise<T> {
  const fake = await startFakeLambda({ ...fakeEstate(N), ...opts });
  try {
    return await fn(fake);
  } finally {
    await fake.stop();
  }
}

async function discoverFake(fake: FakeLambda, stats?: DiscoveryStats): Promise<Inventory> {
  return discoverAws(
    {
      endpointUrl: fake.endpoint,
      regions: ['us-east-1'],
      includeValues: false,
      env: ENV,
      // Tests do not wait on real quotas. The SDK keeps its 3 attempts but in `standard` mode: `adaptive` would
      // slow the client after the first 429s (correct against AWS, minutes of waiting here).
      tuning: { limits: { 'lambda.GetFunction': 2000, 'lambda.GetPolicy': 2000, lambda: 2000, iam: 2000, default: 2000 }, retryMode: 'standard', backoffMs: 20, stats },
    },
    quiet,
  );
}

let baseline: Inventory;
let baselineStats: DiscoveryStats;

beforeAll(async () => {
  baselineStats = { calls: {}, throttleRetries: {} };
  baseline = await withFake({}, (fake) => discoverFake(fake, baselineStats));
}, 60_000);

describe('fake Lambda API', () => {
  it('follows every page (page size 5) of functions, versions, aliases and mappings', () => {
    expect(baseline.functions).toHaveLength(N);
    // Only the informational note that reserved concurrency was accounted from the region's total, not read.
    expect(baseline.warnings.map((w) => w.code)).toEqual(['discover.concurrency-accounted']);
    // 23 $LATEST + 6 published versions = 29 entries → 6 pages; 5 mappings → 1 page (+0 follow-up).
    expect(baselineStats.calls['lambda:ListFunctions']).toBe(6);
    expect(baseline.functions.filter((f) => f.triggers.some((t) => t.kind === 'sqs'))).toHaveLength(5);
    expect(baseline.functions.filter((f) => f.triggers.some((t) => t.kind === 'iot'))).toHaveLength(8);
    expect(baseline.functions.find((f) => f.name === 'fn-0004')!.aliases).toEqual([{ name: 'live', functionVersion: '1' }]);
    expect(baseline.functions.find((f) => f.name === 'fn-0004')!.versions).toEqual(['1']);
    // Tags from the tagging API, 5 per page here (every function is tagged); no function reserves concurrency
    // (GetAccountSettings says so) and none is an image: no GetFunction at all.
    expect(baselineStats.calls['tag:GetResources']).toBe(5);
    expect(baselineStats.calls['lambda:GetAccountSettings']).toBe(1);
    expect(baselineStats.calls['lambda:GetFunction']).toBeUndefined();
    expect(baseline.functions.find((f) => f.name === 'fn-0004')!.tags).toEqual({ app: 'app-1' });
    expect(baseline.functions.every((f) => f.code?.repositoryType === 'S3' && f.reservedConcurrency === undefined)).toBe(true);
  });

  it('makes the conditional calls only where the answers so far call for them', () => {
    const calls = baselineStats.calls;
    expect(calls['lambda:GetPolicy']).toBe(N + 6); // each function, and each alias `live`
    // Aliases and provisioned concurrency only for the 6 functions with a published version.
    expect(calls['lambda:ListAliases']).toBe(6);
    expect(calls['lambda:ListProvisionedConcurrencyConfigs']).toBe(6);
    // No policy admits lambda:InvokeFunctionUrl: no URL config is asked for.
    expect(calls['lambda:GetFunctionUrlConfig']).toBeUndefined();
    // Event invoke configs for the 8 functions with an asynchronous (IoT) trigger; the 4 configured are all found.
    expect(calls['lambda:GetFunctionEventInvokeConfig']).toBe(8);
    expect(baseline.functions.filter((f) => f.asyncInvoke).map((f) => f.name)).toEqual(['fn-0000', 'fn-0006', 'fn-0012', 'fn-0018']);
    expect(calls['lambda:ListEventSourceMappings']).toBe(1);
  });

  it('asks for the URL config when the policy admits lambda:InvokeFunctionUrl, by name or wildcard', async () => {
    const estate = fakeEstate(3);
    const arn = (n: string) => `arn:aws:lambda:us-east-1:111122223333:function:${n}`;
    estate.functions[1]!.policy = [{ Sid: 'url', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: arn('fn-0001'), Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } }];
    estate.functions[1]!.url = { authType: 'NONE' };
    estate.functions[2]!.policy = [{ Sid: 'all', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'lambda:*', Resource: arn('fn-0002') }];
    estate.functions[2]!.url = { authType: 'AWS_IAM' };
    const stats: DiscoveryStats = { calls: {}, throttleRetries: {} };
    const inv = await withFake(estate, (fake) => discoverFake(fake, stats));
    expect(stats.calls['lambda:GetFunctionUrlConfig']).toBe(2);
    expect(inv.functions.map((f) => f.functionUrl?.authType)).toEqual([undefined, 'NONE', 'AWS_IAM']);
  });

  it('loses no function when 20% of Lambda requests are throttled', async () => {
    const stats: DiscoveryStats = { calls: {}, throttleRetries: {} };
    const { inventory, injected } = await withFake({ throttleFraction: 0.2, seed: 7 }, async (fake) => ({ inventory: await discoverFake(fake, stats), injected: fake.injectedThrottles }));
    expect(injected).toBeGreaterThan(10);
    expect(stableStringify(inventory)).toBe(stableStringify(baseline));
  }, 120_000);

  it('keeps a function whose GetFunction stays throttled, with a warning naming the function and call', async () => {
    const tuning = { limits: { 'lambda.GetFunction': 2000, lambda: 2000, default: 2000 }, maxAttempts: 1, retryMode: 'standard' as const, throttleRetries: 1, backoffMs: 1 };
    // Denied GetAccountSettings: every function is read with GetFunction, and every GetFunction stays throttled.
    const inventory = await withFake({ throttleFraction: 1, throttleActions: ['lambda:GetFunction'], deny: ['lambda:GetAccountSettings'] }, (fake) =>
      discoverAws({ endpointUrl: fake.endpoint, regions: ['us-east-1'], includeValues: false, env: ENV, tuning }, quiet),
    );
    expect(inventory.functions.map((f) => f.id)).toEqual(baseline.functions.map((f) => f.id));
    const throttled = inventory.warnings.filter((w) => w.code === 'aws.throttled');
    expect(throttled.map((w) => w.subject)).toEqual(baseline.functions.map((f) => f.id));
    for (const w of throttled) expect(w.action).toBe('lambda:GetFunction');
    // Configuration still comes from ListFunctions; only GetFunction's extras (tags, code location) are missing.
    expect(inventory.functions[1]!.memorySize).toBe(baseline.functions[1]!.memorySize);
    expect(inventory.functions[1]!.tags).toEqual({});
  }, 60_000);

  it('records a list call that stays throttled as a warning', async () => {
    const inventory = await withFake({ throttleFraction: 1, throttleActions: ['lambda:ListFunctions'] }, (fake) =>
      discoverAws({ endpointUrl: fake.endpoint, regions: ['us-east-1'], includeValues: false, env: ENV, tuning: { limits: { lambda: 2000, default: 2000 }, maxAttempts: 1, retryMode: 'standard' as const, throttleRetries: 1, backoffMs: 1 } }, quiet),
    );
    expect(inventory.functions).toEqual([]);
    expect(inventory.warnings).toContainEqual(expect.objectContaining({ code: 'aws.throttled', action: 'lambda:ListFunctions' }));
  }, 60_000);

  it('stops with one line and exit 2 when STS rejects the credentials', async () => {
    await withFake({ rejectCredentials: true }, async (fake) => {
      const r = await runCli(['discover', '--aws', '--endpoint-url', fake.endpoint, '--region', 'us-east-1', '--out', 'never.json'], { env: ENV, cwd: os.tmpdir() });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('InvalidClientTokenId');
      expect(fake.counts.get('lambda:ListFunctions')).toBeUndefined();
    });
  }, 60_000);

  it('retries a throttled or 5xx STS call like any other call, then discovers everything', async () => {
    for (const f of [{ status: 400, code: 'Throttling', count: 6 }, { status: 503, code: 'ServiceUnavailable', count: 6 }]) {
      await withFake({ stsFailures: f }, async (fake) => {
        const inv = await discoverFake(fake);
        expect(inv.functions).toHaveLength(N);
        expect(fake.counts.get('sts:GetCallerIdentity')).toBeGreaterThan(f.count);
      });
    }
  }, 60_000);

  it('reports an STS that keeps failing on the service side as such, not as rejected credentials', async () => {
    await withFake({ stsFailures: { status: 500, code: 'InternalFailure', count: 1000 } }, async (fake) => {
      const r = await runCli(['discover', '--aws', '--endpoint-url', fake.endpoint, '--region', 'us-east-1', '--out', 'never.json'], { env: { ...ENV, AWS_MAX_ATTEMPTS: '1' }, cwd: os.tmpdir() });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('kept failing on the service side');
      expect(r.stderr).not.toContain('not accepted');
      expect(fake.counts.get('lambda:ListFunctions')).toBeUndefined();
    });
  }, 120_000);

  it('turns AccessDenied on GetPolicy into warnings, an otherwise full inventory, and exit 1', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fake-denied-'));
    try {
      await withFake({ deny: ['lambda:GetPolicy'] }, async (fake) => {
        const r = await runCli(['discover', '--aws', '--endpoint-url', fake.endpoint, '--region', 'us-east-1', '--out', 'inv.json'], { env: ENV, cwd: dir });
        expect(r.code).toBe(1);
        const inv = JSON.parse(await readFile(path.join(dir, 'inv.json'), 'utf8')) as Inventory;
        const denied = inv.warnings.filter((w) => w.code === 'aws.access-denied');
        expect(denied).toHaveLength(N);
        for (const w of denied) expect(w.action).toBe('lambda:GetPolicy');
        expect(new Set(denied.map((w) => w.subject))).toEqual(new Set(baseline.functions.map((f) => f.id)));
        expect(inv.warnings.filter((w) => w.code !== 'aws.access-denied').map((w) => w.code)).toEqual(['discover.concurrency-accounted']);
        expect(r.stderr).toContain('access denied to lambda:GetPolicy');
        // Everything but the policy-derived triggers is intact.
        const withoutPolicy = (i: Inventory) => i.functions.map((f) => ({ ...f, triggers: f.triggers.filter((t) => t.kind !== 'iot') }));
        expect(withoutPolicy(inv)).toEqual(withoutPolicy(baseline));
        expect(inv.functions.flatMap((f) => f.triggers.filter((t) => t.kind === 'iot'))).toEqual([]);
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});


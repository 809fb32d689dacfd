// Live discovery end to end against a real moto server: a seeded estate with every trigger kind moto supports,
// discovered through the CLI in-process and compared with a golden inventory (UPDATE_GOLDEN=1 refreshes it).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory, TriggerKind } from '../../../src/model/inventory.js';
import { stableStringify } from '../../../src/util/json.js';
import { runCli } from '../../support/cli.js';
import { startOverrideProxy } from '../../support/deny-proxy.js';
import { startMoto, type MotoServer } from '../../support/moto.js';
import { seedEstate } from '../../support/seed/estate.js';
import { normalizeMotoInventory } from './normalize.js';

const GOLDEN = path.join(import.meta.dirname, 'golden/moto-estate.inventory.json');
const ENV = { NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

let moto: MotoServer;
let dir: string;
let functionNames: string[];
let first: Awaited<ReturnType<typeof discover>>;

beforeAll(async () => {
  moto = await startMoto();
  ({ functionNames } = await seedEstate(moto.clientConfig));
  dir = await mkdtemp(path.join(os.tmpdir(), 'discover-aws-'));
  first = await discover('inventory.json');
}, 120_000);
afterAll(async () => {
  await moto?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function discover(out: string, extra: string[] = []) {
  const r = await runCli(['discover', '--aws', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--out', out, ...extra], { env: ENV, cwd: dir });
  return { ...r, inventory: JSON.parse(await readFile(path.join(dir, out), 'utf8')) as Inventory };
}

describe('discover --aws against moto', () => {
  it('inventories the seeded estate exactly as the golden file says', async () => {
    const { code, stderr, inventory } = first;
    const actual = stableStringify(normalizeMotoInventory(inventory));
    if (process.env.UPDATE_GOLDEN || !existsSync(GOLDEN)) await writeFile(GOLDEN, actual);
    expect(actual).toBe(await readFile(GOLDEN, 'utf8'));
    // moto does not implement ListProvisionedConcurrencyConfigs: one warning, the run completes, exit 1.
    expect(code).toBe(1);
    expect(stderr).toContain('[aws.unavailable]');
    // Nor GetAccountSettings: the region falls back to GetFunction per function, with one warning and nothing lost.
    expect(inventory.warnings.filter((w) => w.code === 'discover.fallback')).toEqual([expect.objectContaining({ action: 'lambda:GetAccountSettings', subject: 'us-east-1' })]);
    expect(inventory.functions.map((f) => f.name)).toEqual(functionNames);
    // api-rest carries CloudFormation tags naming a stack whose original template moto can return.
    expect(inventory.stacks).toEqual([{ name: 'estate-stack', templateAvailable: true }]);
    expect(inventory.functions.find((f) => f.name === 'api-rest')).toMatchObject({ stack: 'estate-stack', source: { logicalId: 'ApiRestFunction' } });
  }, 120_000);

  it('finds every trigger kind moto can host', async () => {
    const { inventory } = first;
    const kinds = new Set(inventory.functions.flatMap((f) => f.triggers.map((t) => t.kind)));
    const expected: TriggerKind[] = ['api-gateway-rest', 'api-gateway-http', 'websocket', 'function-url', 'alb', 'sqs', 'sns', 's3', 'eventbridge-rule', 'schedule', 'dynamodb-stream', 'kinesis', 'cloudwatch-logs', 'cognito', 'iot', 'unknown'];
    expect([...kinds].sort()).toEqual([...expected].sort());
    const cron = inventory.functions.find((f) => f.name === 'cron-handler')!;
    expect(cron.triggers.map((t) => (t.kind === 'schedule' ? t.via : t.kind)).sort()).toEqual(['events', 'scheduler']);
    // Shared roles are recorded once; every function points at one of them.
    expect(inventory.roles.map((r) => r.name)).toEqual(['estate-app-role', 'estate-worker-role']);
    for (const f of inventory.functions) expect(inventory.roles.some((r) => r.id === f.roleRef)).toBe(true);
  }, 120_000);

  it('never writes secret-like values, even with --include-values', async () => {
    const { inventory } = await discover('values.json', ['--include-values']);
    const api = inventory.functions.find((f) => f.name === 'api-rest')!;
    expect(api.environment).toEqual([
      { name: 'DB_SECRET', kind: 'secret-reference', secret: { source: 'secretsmanager', ref: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf' } },
      { name: 'STRIPE_KEY', kind: 'secret-like', reason: 'stripe-key' },
      { name: 'TABLE_NAME', kind: 'plain', value: 'items' },
    ]);
    expect(JSON.stringify(inventory)).not.toContain('sk_live_');
  }, 120_000);

  it('is byte-identical across runs and honours --function globs', async () => {
    await discover('again.json');
    expect(await readFile(path.join(dir, 'again.json'), 'utf8')).toBe(await readFile(path.join(dir, 'inventory.json'), 'utf8'));
    const some = await discover('some.json', ['--function', 'api-*', '--function', 'url-handler']);
    expect(some.inventory.functions.map((f) => f.name)).toEqual(['api-http', 'api-rest', 'url-handler']);
  }, 120_000);

  it('gives the same inventory from the tagging API and GetAccountSettings, with GetFunction only where needed', async () => {
    // GetAccountSettings, which moto lacks, answered in front of it: 5 reserved (queue-worker's), 995 unreserved.
    const getFunction: string[] = [];
    const proxy = await startOverrideProxy(moto.endpoint, (req) => {
      const path = (req.url ?? '').split('?')[0]!;
      if (req.method === 'GET' && /^\/2016-08-19\/account-settings\/?$/.test(path)) {
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 995 }, AccountUsage: { FunctionCount: 15 } }) };
      }
      const m = /^\/2015-03-31\/functions\/([^/]+)\/?$/.exec(path);
      if (req.method === 'GET' && m) getFunction.push(decodeURIComponent(m[1]!));
      return undefined;
    });
    try {
      const r = await runCli(['discover', '--aws', '--endpoint-url', proxy.endpoint, '--region', 'us-east-1', '--out', 'shortcuts.json'], { env: ENV, cwd: dir });
      const inventory = JSON.parse(await readFile(path.join(dir, 'shortcuts.json'), 'utf8')) as Inventory;
      const golden = JSON.parse(await readFile(GOLDEN, 'utf8')) as Inventory;
      golden.warnings = golden.warnings.filter((w) => w.code !== 'discover.fallback');
      // The shortcuts' own note: how many functions were read for their reserved concurrency.
      const note = inventory.warnings.filter((w) => w.code === 'discover.concurrency-accounted');
      expect(note).toEqual([expect.objectContaining({ subject: 'us-east-1' })]);
      inventory.warnings = inventory.warnings.filter((w) => w.code !== 'discover.concurrency-accounted');
      expect(r.code).toBe(1); // ListProvisionedConcurrencyConfigs is still missing
      expect(stableStringify(normalizeMotoInventory(inventory))).toBe(stableStringify(golden));
      // The image (for its URI) and the reserved-concurrency holder are read; no new read starts once the 5 are
      // found (the ones in flight beside it, 8 at a time, finish).
      expect(getFunction).toEqual(expect.arrayContaining(['image-fn', 'queue-worker']));
      expect(getFunction.length).toBeLessThan(functionNames.length);
    } finally {
      await proxy.stop();
    }
  }, 120_000);

  it('reports a permission naming a deleted source as stale, not as a trigger', () => {
    const log = first.inventory.functions.find((f) => f.name === 'log-processor')!;
    expect(log.triggers.map((t) => t.kind)).toEqual(['cloudwatch-logs']);
    expect(first.inventory.warnings).toContainEqual(expect.objectContaining({ code: 'discover.stale-permission', subject: log.id }));
  });

  it('assumes --role-arn first', async () => {
    const r = await discover('role.json', ['--role-arn', 'arn:aws:iam::123456789012:role/service-role/estate-app-role', '--function', 'url-handler']);
    expect(r.stderr).not.toContain('migrate:');
    expect(r.inventory.functions.map((f) => f.name)).toEqual(['url-handler']);
    expect(r.inventory.source.account).toBe('123456789012');
  }, 120_000);

  it('fails with one line and exit 2 when the endpoint is unreachable', async () => {
    const r = await runCli(['discover', '--aws', '--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1', '--out', 'x.json'], { env: ENV, cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('cannot reach the AWS endpoint');
  }, 60_000);
});

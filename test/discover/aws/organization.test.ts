// discover --aws --org against moto: an organisation of three member accounts (plus the management account) in two
// regions, discovered whole, through three shards merged back together, by OU, and with one account's role denied.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/model/inventory.js';
import { assumeRole } from '../../../src/discover/aws/assume-role.js';
import { AwsCaller } from '../../../src/discover/aws/call.js';
import { ClientPool } from '../../../src/discover/aws/clients.js';
import { RateLimiter } from '../../../src/discover/aws/rate-limiter.js';
import { runCli } from '../../support/cli.js';
import { startDenyProxy } from '../../support/deny-proxy.js';
import { startMoto, type MotoServer } from '../../support/moto.js';
import { ACCOUNT } from '../../support/seed/estate.js';
import { seedOrganization, type SeededOrganization } from '../../support/seed/organization.js';

const ENV = { NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };
const REGIONS = ['eu-west-1', 'us-east-1'];

let moto: MotoServer;
let dir: string;
let org: SeededOrganization;
let whole: Awaited<ReturnType<typeof discover>>;

beforeAll(async () => {
  moto = await startMoto();
  org = await seedOrganization(moto.clientConfig, REGIONS);
  dir = await mkdtemp(path.join(os.tmpdir(), 'discover-org-'));
  whole = await discover('all.json');
}, 180_000);
afterAll(async () => {
  await moto?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function discover(out: string, extra: string[] = [], endpoint = moto.endpoint) {
  const r = await runCli(['discover', '--aws', '--org', '--endpoint-url', endpoint, '--region', REGIONS.join(','), '--out', out, ...extra], { env: ENV, cwd: dir });
  const text = r.code <= 1 ? await readFile(path.join(dir, out), 'utf8') : '';
  return { ...r, text, inventory: (text ? JSON.parse(text) : undefined) as Inventory };
}

const names = (inv: Inventory) => inv.functions.map((f) => `${f.account}/${f.region}/${f.name}`).sort();

describe('discover --aws --org against moto', () => {
  it('discovers every member account through its assumed role, in every region', () => {
    const { inventory } = whole;
    const { alpha, beta, gamma } = org.members;
    expect(inventory.source).toMatchObject({ kind: 'aws', account: ACCOUNT, regions: REGIONS, accounts: [ACCOUNT, alpha, beta, gamma].sort() });
    expect(inventory.source.shard).toBeUndefined();
    expect(names(inventory)).toEqual(
      Object.entries(org.members).flatMap(([name, id]) => REGIONS.map((r) => `${id}/${r}/${name}-fn`)).sort(),
    );
    // Each account's role is read with that account's credentials.
    expect(inventory.roles.map((r) => r.id).sort()).toEqual(Object.entries(org.members).map(([name, id]) => `arn:aws:iam::${id}:role/service-role/${name}-role`).sort());
    expect(inventory.warnings.filter((w) => w.code === 'aws.account-skipped')).toEqual([]);
  });

  it('three shards merged in any order give the bytes of one unsharded run', async () => {
    const shards = [];
    for (const i of [1, 2, 3]) shards.push(await discover(`inv-${i}.json`, ['--shard', `${i}/3`]));
    for (const [i, s] of shards.entries()) expect(s.inventory.source.shard).toEqual({ index: i + 1, count: 3 });
    // Every function is in exactly one shard.
    expect(shards.flatMap((s) => names(s.inventory)).sort()).toEqual(names(whole.inventory));
    for (const order of [['inv-1.json', 'inv-2.json', 'inv-3.json'], ['inv-3.json', 'inv-1.json', 'inv-2.json']]) {
      const m = await runCli(['merge', ...order, '--out', 'merged.json'], { env: ENV, cwd: dir });
      expect(m.code, m.stderr).toBe(whole.code);
      expect(await readFile(path.join(dir, 'merged.json'), 'utf8')).toBe(whole.text);
    }
    // A missing shard is a warning in the merged inventory, and exit 1.
    const partial = await runCli(['merge', 'inv-1.json', 'inv-3.json', '--out', 'partial.json'], { env: ENV, cwd: dir });
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain('shard(s) 2/3 were not merged');
  }, 180_000);

  it('--accounts ou:<id> takes the accounts under that OU, nested OUs included', async () => {
    const r = await discover('ou.json', ['--accounts', `ou:${org.workloadsOu}`]);
    expect(r.inventory.source.accounts).toEqual([org.members.beta, org.members.gamma].sort());
    expect(new Set(r.inventory.functions.map((f) => f.name))).toEqual(new Set(['beta-fn', 'gamma-fn']));
    const ids = await discover('ids.json', ['--accounts', org.members.alpha]);
    expect(ids.inventory.source.accounts).toEqual([org.members.alpha]);
  }, 120_000);

  it('an account whose role cannot be assumed is a warning naming it, exit 1, and the others are discovered', async () => {
    const proxy = await startDenyProxy(moto.endpoint, [org.members.beta]);
    try {
      const r = await discover('denied.json', [], proxy.endpoint);
      expect(r.code).toBe(1);
      const { beta } = org.members;
      expect(r.inventory.source.accounts).toContain(beta);
      expect(r.inventory.warnings).toContainEqual(expect.objectContaining({ code: 'aws.account-skipped', subject: beta }));
      expect(r.inventory.warnings).toContainEqual(expect.objectContaining({ code: 'aws.access-denied', action: 'sts:AssumeRole' }));
      expect(r.stderr).toContain(`account ${beta} was not discovered`);
      expect(names(r.inventory)).toEqual(names(whole.inventory).filter((n) => !n.startsWith(`${beta}/`)));
    } finally {
      await proxy.stop();
    }
  }, 120_000);

  it('rejects bad organisation flags with exit 2 before calling AWS', async () => {
    const bad = async (...args: string[]) => runCli(['discover', '--aws', '--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1', ...args], { env: ENV, cwd: dir });
    for (const args of [['--shard', '1/3'], ['--org', '--shard', '4/3'], ['--org', '--shard', '0/2'], ['--org', '--accounts', 'ou:nope'], ['--org', '--accounts', '12345'], ['--org', '--role-name', 'a b']]) {
      const r = await bad(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('renews assumed-role credentials through the caller shortly before they expire', async () => {
    const caller = new AwsCaller({ limiter: new RateLimiter({}) });
    const pool = new ClientPool({ endpoint: moto.endpoint, credentials: moto.clientConfig.credentials, maxAttempts: 1, retryMode: 'standard' });
    let now = Date.now();
    try {
      const provide = await assumeRole(caller, pool.get('sts', 'us-east-1'), `${ACCOUNT}/global`, `arn:aws:iam::${org.members.alpha}:role/OrganizationAccountAccessRole`, () => now);
      expect(provide).toBeDefined();
      const first = await provide!();
      expect(await provide!()).toBe(first);
      expect(caller.counts.get('sts:AssumeRole')).toBe(1);
      now = first.expiration!.getTime() - 60_000; // inside the renewal window
      const renewed = await provide!();
      expect(caller.counts.get('sts:AssumeRole')).toBe(2);
      expect(renewed.accessKeyId).not.toBe(first.accessKeyId);
    } finally {
      pool.destroy();
    }
  });
});

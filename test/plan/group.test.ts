import { describe, expect, it } from 'vitest';
import { groupFunctions, type GroupMember } from '../../src/plan/group.js';
import { memoryTier } from '../../src/plan/hosting-policy.js';
import { mapRuntime } from '../../src/plan/map-runtime.js';
import { makeFunction, type FixtureFunction } from './support/inventory.js';

const member = (f: FixtureFunction, extra: Partial<GroupMember> = {}): GroupMember => {
  const fn = makeFunction(f);
  return { fn, runtime: mapRuntime(fn), plan: 'FlexConsumption', memoryTier: memoryTier(fn.memorySize), ...extra };
};
const roleName = (id?: string) => id?.split('#').pop() ?? 'no-role';
const names = (gs: ReturnType<typeof groupFunctions>) => gs.map((g) => [g.name, g.members.map((m) => m.fn.name)]);

describe('groupFunctions', () => {
  it('default: groups a stack together and splits by runtime, memory tier, timeout band and reserved concurrency', () => {
    const gs = groupFunctions(
      [
        member({ name: 'a', stack: 'shop' }),
        member({ name: 'b', stack: 'shop' }),
        member({ name: 'py', stack: 'shop', runtime: { id: 'python3.12', language: 'python', version: '3.12' } }),
        member({ name: 'big', stack: 'shop', memorySize: 3000 }),
        member({ name: 'slow', stack: 'shop', timeout: 900 }),
        member({ name: 'capped', stack: 'shop', reservedConcurrency: 5 }),
        member({ name: 'other', stack: 'billing' }),
      ],
      'default',
      roleName,
    );
    expect(names(gs)).toEqual([
      ['billing', ['other']],
      ['shop', ['a', 'b']],
      ['shop-4gb', ['big']],
      ['shop-capped', ['capped']],
      ['shop-python312', ['py']],
      ['shop-timeout-15m', ['slow']],
    ]);
    expect(gs.find((g) => g.name === 'shop-capped')!.reasons.join(' ')).toContain('reserved concurrency 5');
    for (const g of gs) expect(g.reasons.length).toBeGreaterThan(2);
  });

  it('default: isolates roles with wildcard permissions, merges the others', () => {
    const gs = groupFunctions([member({ name: 'a', role: 'r1' }), member({ name: 'b', role: 'r2' }), member({ name: 'c', role: 'admin' }, { privilegedRole: true })], 'default', roleName);
    expect(names(gs)).toEqual([
      ['app', ['a', 'b']],
      ['app-admin', ['c']],
    ]);
  });

  it('never merges different runtimes or plans, whatever the strategy', () => {
    for (const s of ['stack', 'role', 'prefix', 'single', 'tag:team']) {
      const gs = groupFunctions([member({ name: 'a' }), member({ name: 'b', runtime: { id: 'python3.11', language: 'python', version: '3.11' } }), member({ name: 'c' }, { plan: 'Premium' })], s, roleName);
      expect(gs, s).toHaveLength(3);
    }
  });

  it('supports role, tag, prefix and single strategies', () => {
    const ms = [member({ name: 'orders-create', role: 'r1', tags: { team: 'red' } }), member({ name: 'orders-list', role: 'r2', tags: { team: 'blue' } }), member({ name: 'users-get', role: 'r1', tags: { team: 'red' } })];
    expect(names(groupFunctions(ms, 'role', roleName))).toEqual([['r1', ['orders-create', 'users-get']], ['r2', ['orders-list']]]);
    expect(names(groupFunctions(ms, 'tag:team', roleName))).toEqual([['blue', ['orders-list']], ['red', ['orders-create', 'users-get']]]);
    expect(names(groupFunctions(ms, 'prefix', roleName))).toEqual([['orders', ['orders-create', 'orders-list']], ['users', ['users-get']]]);
    expect(names(groupFunctions(ms, 'single', roleName))).toEqual([['functions', ['orders-create', 'orders-list', 'users-get']]]);
  });

  it('produces unique, legal names of at most 40 characters', () => {
    const long = 'A-Very_Long Stack Name That Goes On And On For Ever';
    const gs = groupFunctions(
      Array.from({ length: 6 }, (_, i) => member({ name: `f${i}`, stack: long, timeout: i % 2 ? 900 : 3, memorySize: i < 3 ? 512 : 4096 })),
      'default',
      roleName,
    );
    const ns = gs.map((g) => g.name);
    expect(new Set(ns).size).toBe(ns.length);
    for (const n of ns) expect(n).toMatch(/^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$/);
  });

  it('rejects unknown strategies', () => {
    expect(() => groupFunctions([member({ name: 'a' })], 'bogus', roleName)).toThrow(/unknown --group-by/);
  });
});

describe('app names', () => {
  it('are whole words that say what tells an app apart, never cut mid-word', () => {
    const base = { stack: 'retail-sam' };
    const ms = [
      member({ name: 'CartFunction', ...base }),
      member({ name: 'ListFunction', ...base }),
      member({ name: 'retail-charge-payment-prod', ...base, memorySize: 2048, reservedConcurrency: 10 }),
      member({ name: 'ThumbnailFunction', ...base, memorySize: 2048 }),
    ];
    const got = groupFunctions(ms, 'default', roleName).map((g) => g.name);
    expect(got).toEqual(['retail-sam', 'retail-sam-2gb', 'retail-sam-charge-payment-prod']);
    const long = [member({ name: 'a', stack: 'orders-sam-python312-premium-service-stack' }), member({ name: 'b', stack: 'orders-sam-python312-premium-service-stack', memorySize: 4096, timeout: 200 })];
    for (const n of groupFunctions(long, 'default', roleName).map((g) => g.name)) {
      expect(n.length, n).toBeLessThanOrEqual(40);
      expect(n.split('-').every((w) => ['orders', 'sam', 'python312', 'premium', 'service', 'stack', '4gb', '512mb', 'timeout', '1m', '5m'].includes(w)), n).toBe(true);
    }
  });
});

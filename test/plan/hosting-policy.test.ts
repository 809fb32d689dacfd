import { describe, expect, it } from 'vitest';
import type { Trigger } from '../../src/model/inventory.js';
import {
  alwaysReady,
  carveSubnets,
  chooseHosting,
  instancesFor,
  maximumInstanceCount,
  memoryTier,
  premiumScale,
  premiumSku,
} from '../../src/plan/hosting-policy.js';
import { makeFunction } from './support/inventory.js';

const api: Trigger = { id: 'api', kind: 'api-gateway-http', path: '/x', method: 'GET' };
const queue: Trigger = { id: 'q', kind: 'sqs', queue: 'jobs' };

describe('hosting policy', () => {
  it('memory tiers: 512 up to 512 MB, 2048 up to 2048 MB, 4096 above', () => {
    expect([128, 512, 513, 2048, 2049, 4096, 10240].map(memoryTier)).toEqual([512, 512, 2048, 2048, 4096, 4096, 4096]);
  });

  it('Elastic Premium tier by the largest memory: EP1 ≤ 3584 MB, EP2 ≤ 7168 MB, EP3 above', () => {
    expect([1, 3584, 3585, 7168, 7169, 10240].map(premiumSku)).toEqual(['EP1', 'EP1', 'EP2', 'EP2', 'EP3', 'EP3']);
  });

  it('hosting choice: FC1 by default, EP by memory when Premium is forced, P1v3 for Dedicated, with the forcing rules', () => {
    expect(chooseHosting('FlexConsumption', 10240, [])).toMatchObject({ plan: 'FlexConsumption', sku: 'FC1' });
    expect(chooseHosting('Premium', 4096, ['CAP-B001'])).toEqual({ plan: 'Premium', sku: 'EP2', reason: 'Premium required by CAP-B001' });
    expect(chooseHosting('Dedicated', 512, ['A', 'B'])).toEqual({ plan: 'Dedicated', sku: 'P1v3', reason: 'Dedicated required by A, B' });
  });

  it('Flex maximum instances: 100 without reserved concurrency, else the largest reservation clamped to 40..1000', () => {
    expect(maximumInstanceCount([])).toBe(100);
    expect(maximumInstanceCount([1])).toBe(40);
    expect(maximumInstanceCount([39])).toBe(40);
    expect(maximumInstanceCount([40])).toBe(40);
    expect(maximumInstanceCount([41, 5])).toBe(41);
    expect(maximumInstanceCount([1000])).toBe(1000);
    expect(maximumInstanceCount([1001])).toBe(1000);
  });

  it('instances for provisioned concurrency: 16 executions per instance, at least one', () => {
    expect([1, 16, 17, 32, 33].map(instancesFor)).toEqual([1, 1, 2, 2, 3]);
  });

  it('always ready: one http group sized by the largest HTTP reservation, one per entry of other functions, one for blob', () => {
    const web1 = makeFunction({ name: 'web1', provisionedConcurrency: 17, triggers: [api] });
    const web2 = makeFunction({ name: 'web2', provisionedConcurrency: 48, triggers: [api] });
    const worker = makeFunction({ name: 'worker', provisionedConcurrency: 16, triggers: [queue] });
    const idle = makeFunction({ name: 'idle', triggers: [queue] });
    const members = [
      { fn: web1, entryNames: ['web1'] },
      { fn: web2, entryNames: ['web2'] },
      { fn: worker, entryNames: ['worker', 'worker-2'] },
      { fn: idle, entryNames: ['idle'] },
    ];
    // No standing `blob` instance for Event Grid-sourced blob triggers: the webhook wakes the app like HTTP does.
    expect(alwaysReady('FlexConsumption', members)).toEqual([
      { name: 'http', instanceCount: 3 },
      { name: 'function:worker', instanceCount: 1 },
      { name: 'function:worker-2', instanceCount: 1 },
    ]);
    expect(alwaysReady('FlexConsumption', [{ fn: idle, entryNames: ['idle'] }])).toEqual([]);
    expect(alwaysReady('Premium', members)).toEqual([]);
  });

  it('subnets: a /24 per app from 10.0.1.0 in a /16 up to 255 apps, a /8 counting from 10.1.0.0 beyond', () => {
    expect(carveSubnets(0)).toEqual({ addressPrefix: '10.0.0.0/16', subnets: [] });
    expect(carveSubnets(2)).toEqual({ addressPrefix: '10.0.0.0/16', subnets: ['10.0.1.0/24', '10.0.2.0/24'] });
    const full = carveSubnets(255);
    expect(full.addressPrefix).toBe('10.0.0.0/16');
    expect(full.subnets.at(-1)).toBe('10.0.255.0/24');
    const wide = carveSubnets(256);
    expect(wide.addressPrefix).toBe('10.0.0.0/8');
    expect(wide.subnets.slice(0, 1)).toEqual(['10.1.0.0/24']);
    expect(wide.subnets.at(-1)).toBe('10.1.255.0/24');
    expect(carveSubnets(257).subnets.at(-1)).toBe('10.2.0.0/24');
    expect(new Set(carveSubnets(600).subnets).size).toBe(600);
  });

  it('Premium scale: at most 100 workers, at least one; warm instances at least one', () => {
    expect(premiumScale(0, 0)).toEqual({ maximumElasticWorkerCount: 1, minimumElasticInstanceCount: 1 });
    expect(premiumScale(100, 3)).toEqual({ maximumElasticWorkerCount: 100, minimumElasticInstanceCount: 3 });
    expect(premiumScale(101, 1)).toEqual({ maximumElasticWorkerCount: 100, minimumElasticInstanceCount: 1 });
  });
});

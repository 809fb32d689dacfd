import { describe, expect, it } from 'vitest';
import type { FunctionApp } from '../../src/model/plan.js';
import { azureAppCost, lambdaCost, loadDefaultPrices } from '../../src/plan/cost.js';
import { makeFunction } from './support/inventory.js';

const prices = loadDefaultPrices();

describe('cost formulas', () => {
  it('Lambda: requests plus GB-s at the architecture price', () => {
    const line = lambdaCost(makeFunction({ name: 'f', memorySize: 1024 }), { invocationsPerMonthPerFunction: 2_000_000, averageDurationMs: 500 }, prices);
    // 2M × 0.2/1M = 0.4; 2M × 0.5 s × 1 GB × 0.0000166667 = 16.6667
    expect(line.monthlyUsd).toBe(17.07);
    expect(line.formula).toContain('x86_64');
    const arm = lambdaCost(makeFunction({ name: 'f', memorySize: 1024, architecture: 'arm64' }), { invocationsPerMonthPerFunction: 2_000_000, averageDurationMs: 500 }, prices);
    expect(arm.monthlyUsd).toBeLessThan(line.monthlyUsd);
  });

  it('Flex: executions plus GB-s on instance memory with a 1 s minimum, plus always-ready baseline', () => {
    const app = {
      name: 'a',
      hosting: { plan: 'FlexConsumption', sku: 'FC1', reason: '' },
      instanceMemoryMB: 2048,
      scale: { maximumInstanceCount: 100, alwaysReady: [] },
      functions: [{ entries: [] }],
    } as unknown as FunctionApp;
    const short = azureAppCost(app, { invocationsPerMonthPerFunction: 1_000_000, averageDurationMs: 200 }, prices);
    // 1M × 0.4/1M = 0.4; 1M × 1 s (minimum) × 2 GB × 0.000026 = 52
    expect(short.monthlyUsd).toBe(52.4);
    const long = azureAppCost(app, { invocationsPerMonthPerFunction: 1_000_000, averageDurationMs: 1250 }, prices);
    // billed 1.3 s (100 ms steps)
    expect(long.monthlyUsd).toBe(68);
    const warm = azureAppCost({ ...app, scale: { maximumInstanceCount: 100, alwaysReady: [{ name: 'http', instanceCount: 1 }] } }, { invocationsPerMonthPerFunction: 1_000_000, averageDurationMs: 200 }, prices);
    // + 1 × 2 GB × 2,628,000 s × 0.000004 = 21.024
    expect(warm.monthlyUsd).toBe(73.42);
    expect(warm.formula).toContain('always-ready');
  });

  it('Flex: the low end bills busy instances in 100 ms steps without the per-execution minimum', () => {
    const app = {
      name: 'a',
      hosting: { plan: 'FlexConsumption', sku: 'FC1', reason: '' },
      instanceMemoryMB: 2048,
      scale: { maximumInstanceCount: 100, alwaysReady: [] },
      functions: [{ entries: [] }],
    } as unknown as FunctionApp;
    const line = azureAppCost(app, { invocationsPerMonthPerFunction: 1_000_000, averageDurationMs: 150 }, prices);
    // 0.4 + 1M × 0.2 s (150 ms rounded up to 100 ms steps) × 2 GB × 0.000026 = 10.8; high end as above = 52.4
    expect(line.lowMonthlyUsd).toBe(10.8);
    expect(line.monthlyUsd).toBe(52.4);
    expect(line.lowFormula).toContain('0.2 s');
    const premium = azureAppCost({ ...app, hosting: { plan: 'Premium', sku: 'EP1', reason: '' } }, { invocationsPerMonthPerFunction: 1_000_000, averageDurationMs: 150 }, prices);
    expect(premium.lowMonthlyUsd).toBeUndefined();
  });
});

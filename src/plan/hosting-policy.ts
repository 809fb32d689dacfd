// The hosting policy: every number that turns Lambda settings into an Azure hosting shape, in one place.
// buildPlan asks it for the plan SKU, instance memory, scale limits, always-ready instances and VNet subnets;
// the Bicep emitter asks it for the Premium-only clamps. Each threshold has boundary tests
// (test/plan/hosting-policy.test.ts); the sources are the Flex Consumption and Premium plan pages
// (https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan,
// https://learn.microsoft.com/azure/azure-functions/functions-premium-plan).

import type { LambdaFunction } from '../model/inventory.js';
import type { FunctionApp, HostingChoice, HostingPlan } from '../model/plan.js';
import { triggerModule } from '../triggers/registry.js';

/** Flex Consumption instance sizes (MB): the smallest that holds the Lambda's memory, 4096 at most. */
export type MemoryTier = 512 | 2048 | 4096;
export function memoryTier(mb: number): MemoryTier {
  return mb <= 512 ? 512 : mb <= 2048 ? 2048 : 4096;
}

/** Elastic Premium tiers by the largest Lambda memory of the app: EP1 3.5 GB, EP2 7 GB, EP3 14 GB. */
export const PREMIUM_TIERS = [
  { sku: 'EP1', maxMemoryMB: 3584 },
  { sku: 'EP2', maxMemoryMB: 7168 },
  { sku: 'EP3', maxMemoryMB: Number.POSITIVE_INFINITY },
] as const;
export function premiumSku(maxMemoryMB: number): 'EP1' | 'EP2' | 'EP3' {
  return PREMIUM_TIERS.find((t) => maxMemoryMB <= t.maxMemoryMB)!.sku;
}

/** The Dedicated (App Service) SKU used when a rule forces Dedicated hosting. */
export const DEDICATED_SKU = 'P1v3';

export function chooseHosting(plan: HostingPlan, maxMemoryMB: number, escalationRules: string[]): HostingChoice {
  if (plan === 'FlexConsumption') return { plan, sku: 'FC1', reason: 'Flex Consumption: the default for migrated Lambdas (no rule requires another plan)' };
  return { plan, sku: plan === 'Premium' ? premiumSku(maxMemoryMB) : DEDICATED_SKU, reason: `${plan} required by ${escalationRules.join(', ')}` };
}

/** Flex maximumInstanceCount: 100 by default; with reserved concurrency the largest reservation, clamped to 40..1000. */
export const FLEX_INSTANCES = { default: 100, min: 40, max: 1000 } as const;
export function maximumInstanceCount(reservedConcurrency: number[]): number {
  if (reservedConcurrency.length === 0) return FLEX_INSTANCES.default;
  return Math.max(FLEX_INSTANCES.min, Math.min(FLEX_INSTANCES.max, Math.max(...reservedConcurrency)));
}

/** Lambda provisioned concurrency is per execution; a Flex instance serves this many HTTP executions at once. */
export const EXECUTIONS_PER_INSTANCE = 16;
export function instancesFor(provisionedConcurrency: number): number {
  return Math.max(1, Math.ceil(provisionedConcurrency / EXECUTIONS_PER_INSTANCE));
}

/**
 * Flex always-ready instances (Flex only; Premium and Dedicated keep instances warm by plan): one `http` group sized
 * by the largest provisioned concurrency of the HTTP-triggered functions, one `function:<entry>` per entry of
 * the other provisioned functions. An Event Grid-sourced blob trigger gets none: Event Grid delivers to the blob
 * extension's webhook, which scales the app from zero like any HTTP request (Microsoft's Flex Consumption Event Grid
 * blob quickstarts set no always-ready instance either), so a standing `blob` instance would only add its cost.
 */
export function alwaysReady(
  plan: HostingPlan,
  members: { fn: LambdaFunction; entryNames: string[] }[],
): FunctionApp['scale']['alwaysReady'] {
  if (plan !== 'FlexConsumption') return [];
  const out: FunctionApp['scale']['alwaysReady'] = [];
  const http = members.filter((m) => m.fn.provisionedConcurrency && m.fn.triggers.some((t) => triggerModule(t.kind).plan.http));
  if (http.length > 0) out.push({ name: 'http', instanceCount: instancesFor(Math.max(...http.map((m) => m.fn.provisionedConcurrency!))) });
  for (const m of members) {
    if (!m.fn.provisionedConcurrency || http.includes(m)) continue;
    for (const name of m.entryNames) out.push({ name: `function:${name}`, instanceCount: instancesFor(m.fn.provisionedConcurrency) });
  }
  return out;
}

/**
 * One VNet for the estate; each VPC-attached app (in name order) gets its own delegated /24. Up to 255 apps fit
 * 10.0.0.0/16 (10.0.1.0/24 upwards); more widen the VNet to 10.0.0.0/8 and count from 10.1.0.0/24.
 */
export const SUBNETS_IN_16 = 255;
export function carveSubnets(count: number): { addressPrefix: string; subnets: string[] } {
  const wide = count > SUBNETS_IN_16;
  const subnets = Array.from({ length: count }, (_, i) => (wide ? `10.${1 + Math.floor(i / 256)}.${i % 256}.0/24` : `10.0.${i + 1}.0/24`));
  return { addressPrefix: wide ? '10.0.0.0/8' : '10.0.0.0/16', subnets };
}

/** Premium: at most 100 elastic workers, and as many warm instances as the always-ready total (at least one). */
export const PREMIUM_MAX_WORKERS = 100;
export function premiumScale(maximumInstanceCount: number, alwaysReadyTotal: number): { maximumElasticWorkerCount: number; minimumElasticInstanceCount: number } {
  return {
    maximumElasticWorkerCount: Math.min(Math.max(maximumInstanceCount, 1), PREMIUM_MAX_WORKERS),
    minimumElasticInstanceCount: Math.max(alwaysReadyTotal, 1),
  };
}

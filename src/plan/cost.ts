// Monthly cost estimate: Lambda (requests + GB-s by architecture) against the proposed Azure apps
// (Flex on-demand GB-s on instance memory with a 1 s minimum, plus always-ready baseline; Premium per instance).
// Each line carries its formula with the numbers filled in.

import { createRequire } from 'node:module';
import type { LambdaFunction } from '../model/inventory.js';
import type { CostComparison, CostLine, FunctionApp } from '../model/plan.js';

export interface Prices {
  source: string;
  lambda: { requestPerMillion: number; gbSecond: { x86_64: number; arm64: number }; freeRequests: number; freeGbSeconds: number };
  flex: {
    onDemandExecutionsPerMillion: number;
    onDemandGbSecond: number;
    alwaysReadyBaselineGbSecond: number;
    alwaysReadyExecutionGbSecond: number;
    freeExecutions: number;
    freeGbSeconds: number;
    minimumBilledMs: number;
    billingStepMs: number;
  };
  premium: Record<string, number>;
}

export function loadDefaultPrices(): Prices {
  return createRequire(import.meta.url)('../../rules/prices.json') as Prices;
}

export interface CostAssumptions {
  invocationsPerMonthPerFunction: number;
  averageDurationMs: number;
}

const SECONDS_PER_MONTH = 730 * 3600;
const round2 = (n: number) => Math.round(n * 100) / 100;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6))));

export function lambdaCost(fn: LambdaFunction, a: CostAssumptions, p: Prices): CostLine {
  const n = a.invocationsPerMonthPerFunction;
  // Lambda bills per 1 ms.
  const gbs = n * (a.averageDurationMs / 1000) * (fn.memorySize / 1024);
  const price = p.lambda.gbSecond[fn.architecture];
  const monthly = (n / 1e6) * p.lambda.requestPerMillion + gbs * price;
  return {
    name: fn.name,
    monthlyUsd: round2(monthly),
    formula: `${fmt(n)} req × $${fmt(p.lambda.requestPerMillion)}/1M + ${fmt(n)} × ${fmt(a.averageDurationMs / 1000)} s × ${fmt(fn.memorySize / 1024)} GB × $${fmt(price)}/GB-s (${fn.architecture})`,
  };
}

export function azureAppCost(app: FunctionApp, a: CostAssumptions, p: Prices): CostLine {
  const entries = app.functions.length;
  const n = a.invocationsPerMonthPerFunction * entries;
  if (app.hosting.plan !== 'FlexConsumption') {
    const perInstance = p.premium[app.hosting.sku] ?? p.premium.EP1 ?? 0;
    return { name: app.name, monthlyUsd: round2(perInstance), formula: `1 × ${app.hosting.sku} instance × $${fmt(perInstance)}/month (minimum one always-on instance)` };
  }
  // Flex bills instance memory while an instance executes, with a 1 s minimum per activity. The range runs from
  // executions keeping instances busy back to back (100 ms steps) to every execution billed alone (1 s minimum).
  const steppedMs = Math.ceil(a.averageDurationMs / p.flex.billingStepMs) * p.flex.billingStepMs;
  const billedMs = Math.max(p.flex.minimumBilledMs, steppedMs);
  const gb = app.instanceMemoryMB / 1024;
  const alwaysReady = app.scale.alwaysReady.reduce((s, r) => s + r.instanceCount, 0);
  const baseline = alwaysReady * gb * SECONDS_PER_MONTH * p.flex.alwaysReadyBaselineGbSecond;
  const executions = (n / 1e6) * p.flex.onDemandExecutionsPerMillion;
  const monthly = (ms: number) => executions + n * (ms / 1000) * gb * p.flex.onDemandGbSecond + baseline;
  const baselineText = alwaysReady > 0 ? ` + ${alwaysReady} always-ready × ${fmt(gb)} GB × ${SECONDS_PER_MONTH} s × $${fmt(p.flex.alwaysReadyBaselineGbSecond)}/GB-s` : '';
  const formula = (ms: number, how: string) =>
    `${fmt(n)} exec × $${fmt(p.flex.onDemandExecutionsPerMillion)}/1M + ${fmt(n)} × ${fmt(ms / 1000)} s (${how}) × ${fmt(gb)} GB instance memory × $${fmt(p.flex.onDemandGbSecond)}/GB-s${baselineText}`;
  return {
    name: app.name,
    monthlyUsd: round2(monthly(billedMs)),
    formula: formula(billedMs, `each execution billed alone: ${fmt(p.flex.minimumBilledMs / 1000)} s minimum, ${p.flex.billingStepMs} ms steps`),
    lowMonthlyUsd: round2(monthly(steppedMs)),
    lowFormula: formula(steppedMs, `instances busy back to back: ${p.flex.billingStepMs} ms steps`),
  };
}

export function compareCost(functions: LambdaFunction[], apps: FunctionApp[], a: CostAssumptions, p: Prices): CostComparison {
  const lambda = functions.map((f) => lambdaCost(f, a, p));
  const azure = apps.map((app) => azureAppCost(app, a, p));
  const sum = (l: CostLine[]) => round2(l.reduce((s, x) => s + x.monthlyUsd, 0));
  return {
    assumptions: {
      invocationsPerMonthPerFunction: a.invocationsPerMonthPerFunction,
      averageDurationMs: a.averageDurationMs,
      currency: 'USD',
      priceSource: `${p.source}. Free grants not subtracted (Lambda ${fmt(p.lambda.freeRequests)} requests + ${fmt(p.lambda.freeGbSeconds)} GB-s per account; Flex ${fmt(p.flex.freeExecutions)} executions + ${fmt(p.flex.freeGbSeconds)} GB-s per subscription). Flex bills instance memory while instances execute, so the Azure figure is a range: from executions keeping instances busy back to back to every execution billed alone for at least 1 s; concurrent executions on one instance lower it further.`,
    },
    lambda,
    azure,
    lambdaMonthlyUsd: sum(lambda),
    azureMonthlyUsd: sum(azure),
    azureLowMonthlyUsd: round2(azure.reduce((s, x) => s + (x.lowMonthlyUsd ?? x.monthlyUsd), 0)),
  };
}

// One region of one account: list functions and mappings (and the region's tags and reserved-concurrency total),
// read each function with bounded concurrency, enrich push triggers from their source services, then assemble.
// Never throws for an AWS failure.

import type { ApiInfo, Layer, LambdaFunction } from '../../model/inventory.js';
import type { Reporter } from '../../cli/io.js';
import { sortBy } from '../../util/json.js';
import { assembleFunction } from './assemble-function.js';
import { collectEventSourceMappings } from './collect-event-source-mappings.js';
import { collectEventInvokeConfigs, collectFunctionDetails, listFunctions } from './collect-functions.js';
import { collectLayers } from './collect-layers.js';
import { collectStacks } from './collect-stacks.js';
import { mapLimit } from '../../util/map-limit.js';
import type { RegionContext } from './context.js';
import { enrichApiGateway } from './enrich-apigateway.js';
import { enrichCognito } from './enrich-cognito.js';
import { enrichElb } from './enrich-elb.js';
import { enrichEvents } from './enrich-events.js';
import { collectLogRetention, enrichLogs } from './enrich-logs.js';
import { enrichS3 } from './enrich-s3.js';
import { enrichScheduler } from './enrich-scheduler.js';
import { enrichSns } from './enrich-sns.js';
import { addPolicyOnlyTriggers, TriggerSink } from './push-triggers.js';
import { applyFunctionRead, readFunctions, readRegionShortcuts } from './read-functions.js';

export interface RegionResult {
  functions: LambdaFunction[];
  apis: ApiInfo[];
  layers: Layer[];
  stacks: { name: string; templateAvailable: boolean }[];
}

export async function discoverRegion(ctx: RegionContext, reporter: Reporter, keep: (name: string) => boolean): Promise<RegionResult> {
  const [listed, mappings, shortcuts] = await Promise.all([listFunctions(ctx), collectEventSourceMappings(ctx), ctx.readEveryFunction ? ({ everyFunction: true } as const) : readRegionShortcuts(ctx)]);
  const selected = sortBy(listed.latest.filter((f) => keep(f.FunctionName ?? '')), (f) => f.FunctionArn ?? '');
  const progress = reporter.progress(`discover ${ctx.region}`, selected.length);
  // GetFunction has its own quota: its reads run beside the per-function pass, which GetPolicy's quota paces.
  const [facts, reads] = await Promise.all([
    mapLimit(selected, ctx.concurrency, async (f) => {
      const r = await collectFunctionDetails(ctx, f, listed.versions.get(f.FunctionArn!) ?? []);
      progress.tick();
      return r;
    }),
    readFunctions(ctx, selected, shortcuts, (arn) => mappings.has(arn)),
  ]);
  progress.done();
  for (const f of facts) applyFunctionRead(f, reads.get(f.arn), shortcuts);

  const sink = new TriggerSink();
  for (const [fnArn, triggers] of mappings) for (const t of triggers) sink.add(fnArn, t);
  addPolicyOnlyTriggers(facts, sink);
  const [apis, retention] = await Promise.all([
    enrichApiGateway(ctx, facts, sink),
    collectLogRetention(ctx, facts),
    enrichS3(ctx, facts, sink),
    enrichSns(ctx, facts, sink),
    enrichEvents(ctx, facts, sink),
    enrichScheduler(ctx, facts, sink),
    enrichLogs(ctx, facts, sink),
    enrichElb(ctx, facts, sink),
    enrichCognito(ctx, facts, sink),
  ]);
  await collectEventInvokeConfigs(ctx, facts, sink);
  const functions = facts.map((f) => assembleFunction(f, sink.byFunction.get(f.arn) ?? [], retention, ctx.includeValues));
  const layers = await collectLayers(ctx, functions.flatMap((f) => f.layers.filter((l): l is string => typeof l === 'string')));
  const stacks = await collectStacks(ctx, functions.flatMap((f) => (f.stack ? [f.stack] : [])));
  return { functions, apis, layers, stacks };
}

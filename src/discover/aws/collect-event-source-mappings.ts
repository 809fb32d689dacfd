// One unfiltered ListEventSourceMappings sweep per region, grouped by function (cheaper than one list per function).

import { ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import type { Trigger } from '../../model/inventory.js';
import { splitFunctionArn } from './arn.js';
import { collectPages } from './call.js';
import type { RegionContext } from './context.js';
import { mapEventSourceMapping } from './map-event-source-mapping.js';

/** Triggers by unqualified function ARN. */
export async function collectEventSourceMappings(ctx: RegionContext): Promise<Map<string, Trigger[]>> {
  const lambda = ctx.client('lambda');
  const { items } = await collectPages(
    ctx.caller,
    ctx.spec('lambda:ListEventSourceMappings', ctx.region),
    (Marker) => lambda.send(new ListEventSourceMappingsCommand({ Marker, MaxItems: 100 })),
    (p) => p.EventSourceMappings,
    (p) => p.NextMarker,
  );
  const byFunction = new Map<string, Trigger[]>();
  for (const m of items) {
    if (!m.FunctionArn) continue;
    const { base } = splitFunctionArn(m.FunctionArn);
    byFunction.set(base, [...(byFunction.get(base) ?? []), mapEventSourceMapping(m)]);
  }
  return byFunction;
}

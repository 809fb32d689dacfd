// Details a trigger needs from the resource it points at (queue FIFO-ness, table stream view type) and the
// stream settings shared by SAM events, EventSourceMappings and Serverless `stream` events.

import type { KinesisTrigger, Resolvable } from '../../model/inventory.js';
import { asRecord, referencedLogicalId, type TemplateContext } from './context.js';
import { toPlain } from './intrinsics.js';

/** True/false when the queue is known to be (or not be) FIFO, undefined when unknowable. */
export function queueIsFifo(ctx: TemplateContext, raw: unknown): boolean | undefined {
  const id = referencedLogicalId(raw, ctx.resources);
  if (id && ctx.resolver.resourceType(id) === 'AWS::SQS::Queue') {
    const props = ctx.resolver.resourceProperties(id);
    const fifo = ctx.resolver.bool(props.FifoQueue);
    if (fifo !== undefined) return fifo;
    const name = ctx.resolver.literal(props.QueueName);
    return name ? name.endsWith('.fifo') : false;
  }
  const lit = ctx.resolver.literal(raw);
  if (lit) return lit.endsWith('.fifo');
  return undefined;
}

/** StreamViewType of the DynamoDB table whose stream `raw` points at (GetAtt Table.StreamArn). */
export function tableStreamViewType(ctx: TemplateContext, raw: unknown): string | undefined {
  const id = referencedLogicalId(raw, ctx.resources);
  if (!id) return undefined;
  const type = ctx.resolver.resourceType(id);
  const props = ctx.resolver.resourceProperties(id);
  if (type === 'AWS::DynamoDB::Table' || type === 'AWS::DynamoDB::GlobalTable') {
    return ctx.resolver.literal(asRecord(props.StreamSpecification).StreamViewType);
  }
  return undefined;
}

/** The stream settings shared by Kinesis and DynamoDB triggers (the inventory's own field names). */
export type StreamFields = Omit<KinesisTrigger, 'kind' | 'id' | 'source' | 'enabled'>;

/** Stream settings from SAM event or EventSourceMapping properties (same property names in both). */
export function streamTriggerFields(ctx: TemplateContext, props: Record<string, unknown>, streamKey: string): StreamFields {
  const r = ctx.resolver;
  const f: StreamFields = { stream: r.str(props[streamKey]) ?? { symbol: 'unknown-stream' } };
  const sp = r.literal(props.StartingPosition);
  if (sp) f.startingPosition = sp;
  const nums: [keyof StreamFields, string][] = [
    ['batchSize', 'BatchSize'],
    ['maximumBatchingWindowInSeconds', 'MaximumBatchingWindowInSeconds'],
    ['maximumRetryAttempts', 'MaximumRetryAttempts'],
    ['maximumRecordAgeInSeconds', 'MaximumRecordAgeInSeconds'],
    ['parallelizationFactor', 'ParallelizationFactor'],
    ['tumblingWindowInSeconds', 'TumblingWindowInSeconds'],
  ];
  for (const [k, p] of nums) {
    const n = r.num(props[p]);
    if (n !== undefined) (f as unknown as Record<string, number>)[k] = n;
  }
  const bisect = r.bool(props.BisectBatchOnFunctionError);
  if (bisect !== undefined) f.bisectBatchOnFunctionError = bisect;
  const types = r.resolve(props.FunctionResponseTypes);
  if (Array.isArray(types) && types.includes('ReportBatchItemFailures')) f.reportBatchItemFailures = true;
  const onFailure = r.str(asRecord(asRecord(props.DestinationConfig).OnFailure).Destination);
  if (onFailure !== undefined) f.onFailure = onFailure;
  const filterPatterns = eventFilterPatterns(ctx, props.FilterCriteria);
  if (filterPatterns) f.filterPatterns = filterPatterns;
  return f;
}

/** Event source mapping `FilterCriteria.Filters[].Pattern` (a JSON string or an object) as plain patterns. */
export function eventFilterPatterns(ctx: TemplateContext, criteria: unknown): unknown[] | undefined {
  const filters = asRecord(criteria).Filters;
  if (!Array.isArray(filters) || filters.length === 0) return undefined;
  return filters.map((x) => {
    const p = ctx.resolver.resolve(asRecord(x).Pattern);
    if (typeof p === 'string') {
      try {
        return JSON.parse(p) as unknown;
      } catch {
        return p;
      }
    }
    return toPlain(p);
  });
}

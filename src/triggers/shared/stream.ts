// Kinesis and DynamoDB streams share their event-source-mapping settings and their adapters; each kind's module
// adds its own (DynamoDB: the table's StreamViewType).

import type { Resolvable, Trigger, TriggerBase } from '../../model/inventory.js';
import { parseArn } from '../../discover/aws/arn.js';
import { asRecord, referencedLogicalId, type TemplateContext } from '../../discover/templates/context.js';
import { display } from '../../discover/templates/symbolic.js';
import type { EsmSettings } from './event-source-mapping.js';
import { esmFromServerless, pick, STREAM_SETTINGS } from './event-source-mapping.js';
import type { ServerlessEventInput } from './serverless-input.js';
import { slsIsRef, slsLit, slsVal } from './serverless-input.js';

export interface StreamTriggerBase extends TriggerBase {
  stream: Resolvable;
  /** `TRIM_HORIZON`, `LATEST` or `AT_TIMESTAMP`. */
  startingPosition?: string;
  batchSize?: number;
  maximumBatchingWindowInSeconds?: number;
  bisectBatchOnFunctionError?: boolean;
  maximumRetryAttempts?: number;
  maximumRecordAgeInSeconds?: number;
  parallelizationFactor?: number;
  tumblingWindowInSeconds?: number;
  reportBatchItemFailures?: boolean;
  onFailure?: Resolvable;
  filterPatterns?: unknown[];
}

type Base = { id: string; source?: TriggerBase['source']; enabled?: boolean };

/** A stream trigger of `kind` from the shared settings (the stream itself is `s.source`). */
export function streamTrigger<K extends 'kinesis' | 'dynamodb-stream'>(kind: K, base: Base, s: EsmSettings, viewType?: string): Extract<Trigger, { kind: K }> {
  return { ...base, kind, stream: s.source ?? { symbol: 'unknown-stream' }, ...pick(s, STREAM_SETTINGS), ...(viewType ? { streamViewType: viewType } : {}) } as Extract<Trigger, { kind: K }>;
}

/** StreamViewType of the DynamoDB table whose stream `raw` points at (GetAtt Table.StreamArn). */
export function tableStreamViewType(ctx: TemplateContext, raw: unknown): string | undefined {
  const id = referencedLogicalId(raw, ctx.resources);
  if (!id) return undefined;
  const type = ctx.resolver.resourceType(id);
  if (type === 'AWS::DynamoDB::Table' || type === 'AWS::DynamoDB::GlobalTable') {
    return ctx.resolver.literal(asRecord(ctx.resolver.resourceProperties(id).StreamSpecification).StreamViewType);
  }
  return undefined;
}

/** A Serverless `stream` event: DynamoDB when its type or ARN says so, Kinesis otherwise. */
export function serverlessStream(e: ServerlessEventInput): Trigger[] {
  const arnRaw = slsIsRef(e.spec) ? e.spec : e.o.arn;
  const s = { ...esmFromServerless(e.o, (v) => slsVal(e.ctx, v)), source: slsVal(e.ctx, arnRaw) ?? { symbol: 'unknown-stream' } };
  const text = display(s.source);
  const type = slsLit(e.o.type);
  const view = tableStreamViewType(e.ctx, arnRaw);
  const dynamo = type === 'dynamodb' || (type !== 'kinesis' && (text.includes(':dynamodb:') || view !== undefined || /StreamArn/.test(text)));
  return [dynamo ? streamTrigger('dynamodb-stream', e.base, s, view) : streamTrigger('kinesis', e.base, s)];
}

/** A live event source mapping on a stream of `service` (`kinesis`, or `dynamodb` with a `/stream/` ARN). */
export function liveStream<K extends 'kinesis' | 'dynamodb-stream'>(kind: K, arn: string | undefined, s: EsmSettings): Extract<Trigger, { kind: K }> | undefined {
  const service = arn ? parseArn(arn)?.service : undefined;
  const matches = kind === 'kinesis' ? service === 'kinesis' : service === 'dynamodb' && Boolean(arn?.includes('/stream/'));
  if (!arn || !matches) return undefined;
  return streamTrigger(kind, { id: `${kind}:${arn}`, ...(s.enabled === false ? { enabled: false } : {}) }, s);
}

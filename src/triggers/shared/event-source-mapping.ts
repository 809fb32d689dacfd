// The one reader of event-source-mapping settings. SQS, Kinesis, DynamoDB streams, Kafka and MQ share them (batch
// size, batching window, starting position, retries, partial batch failures, filters, ...), written three ways:
// PascalCase in SAM events and AWS::Lambda::EventSourceMapping, camelCase in Serverless events, and the Lambda API's
// own shape. Each format is read here once, into the inventory's field names; each kind's module picks its fields.

import type { EventSourceMappingConfiguration } from '@aws-sdk/client-lambda';
import type { Resolvable } from '../../model/inventory.js';
import { asArray, asRecord, type TemplateContext } from '../../discover/templates/context.js';
import { display, Symbolic, toPlain } from '../../discover/templates/symbolic.js';

export interface EsmSettings {
  /** The queue, stream, cluster or broker (the `sourceKey` property in templates, EventSourceArn live). */
  source?: Resolvable;
  enabled?: false;
  batchSize?: number;
  maximumBatchingWindowInSeconds?: number;
  startingPosition?: string;
  bisectBatchOnFunctionError?: boolean;
  maximumRetryAttempts?: number;
  maximumRecordAgeInSeconds?: number;
  parallelizationFactor?: number;
  tumblingWindowInSeconds?: number;
  reportBatchItemFailures?: true;
  onFailure?: Resolvable;
  filterPatterns?: unknown[];
  maximumConcurrency?: number;
  topics?: string[];
  queues?: string[];
  consumerGroupId?: string;
  bootstrapServers?: string[];
}

/** The settings a kind keeps, without undefined values. */
export function pick<K extends keyof EsmSettings>(s: EsmSettings, keys: readonly K[]): Partial<Pick<EsmSettings, K>> {
  const out: Partial<Pick<EsmSettings, K>> = {};
  for (const k of keys) if (s[k] !== undefined) out[k] = s[k];
  return out;
}

/** The settings of a stream (Kinesis, DynamoDB) in the inventory's field order. */
export const STREAM_SETTINGS = [
  'startingPosition',
  'batchSize',
  'maximumBatchingWindowInSeconds',
  'bisectBatchOnFunctionError',
  'maximumRetryAttempts',
  'maximumRecordAgeInSeconds',
  'parallelizationFactor',
  'tumblingWindowInSeconds',
  'reportBatchItemFailures',
  'onFailure',
  'filterPatterns',
] as const;

/** FilterCriteria patterns are JSON strings (or objects in templates); keep them as JSON values, or the raw string. */
export function parsePatterns(patterns: unknown[]): unknown[] | undefined {
  if (patterns.length === 0) return undefined;
  return patterns.map((p) => {
    if (p === undefined) return {};
    if (typeof p !== 'string') return toPlain(p);
    try {
      return JSON.parse(p) as unknown;
    } catch {
      return p;
    }
  });
}

const strings = (ctx: TemplateContext, v: unknown) => ctx.resolver.list(v).map((x) => (typeof x === 'string' ? x : `{${x.symbol}}`));

/** SAM event properties or AWS::Lambda::EventSourceMapping properties (the same PascalCase names). */
export function esmFromTemplate(ctx: TemplateContext, props: Record<string, unknown>, sourceKey: string): EsmSettings {
  const r = ctx.resolver;
  const s: EsmSettings = {};
  const source = r.str(props[sourceKey]);
  if (source !== undefined) s.source = source;
  const sp = r.literal(props.StartingPosition);
  if (sp) s.startingPosition = sp;
  const nums = [
    ['batchSize', props.BatchSize],
    ['maximumBatchingWindowInSeconds', props.MaximumBatchingWindowInSeconds],
    ['maximumRetryAttempts', props.MaximumRetryAttempts],
    ['maximumRecordAgeInSeconds', props.MaximumRecordAgeInSeconds],
    ['parallelizationFactor', props.ParallelizationFactor],
    ['tumblingWindowInSeconds', props.TumblingWindowInSeconds],
    ['maximumConcurrency', asRecord(props.ScalingConfig).MaximumConcurrency],
  ] as const;
  for (const [k, v] of nums) {
    const n = r.num(v);
    if (n !== undefined) s[k] = n;
  }
  const bisect = r.bool(props.BisectBatchOnFunctionError);
  if (bisect !== undefined) s.bisectBatchOnFunctionError = bisect;
  if (asArray(r.resolve(props.FunctionResponseTypes)).includes('ReportBatchItemFailures')) s.reportBatchItemFailures = true;
  const onFailure = r.str(asRecord(asRecord(props.DestinationConfig).OnFailure).Destination);
  if (onFailure !== undefined) s.onFailure = onFailure;
  const filters = asRecord(props.FilterCriteria).Filters;
  const patterns = Array.isArray(filters) ? parsePatterns(filters.map((f) => r.resolve(asRecord(f).Pattern))) : undefined;
  if (patterns) s.filterPatterns = patterns;
  if (props.Topics !== undefined) s.topics = strings(ctx, props.Topics);
  if (props.Queues !== undefined) s.queues = strings(ctx, props.Queues);
  const servers = props.KafkaBootstrapServers ?? asRecord(asRecord(props.SelfManagedEventSource).Endpoints).KafkaBootstrapServers;
  if (servers !== undefined) s.bootstrapServers = strings(ctx, servers);
  const group =
    r.literal(props.ConsumerGroupId) ??
    r.literal(asRecord(props.AmazonManagedKafkaEventSourceConfig).ConsumerGroupId) ??
    r.literal(asRecord(props.SelfManagedKafkaEventSourceConfig).ConsumerGroupId);
  if (group) s.consumerGroupId = group;
  return s;
}

/** A resolved Serverless value: a literal stays, a Symbolic or intrinsic becomes a symbol. */
export type ServerlessValue = (v: unknown) => Resolvable | undefined;

/** A Serverless `sqs`, `stream`, `kafka`/`msk` or `activemq`/`rabbitmq` event's settings (camelCase names). */
export function esmFromServerless(o: Record<string, unknown>, val: ServerlessValue): EsmSettings {
  const s: EsmSettings = {};
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
  const names = (v: unknown) => asArray(v).map((x) => display(val(x) ?? ''));
  const nums = [
    ['batchSize', o.batchSize],
    ['maximumBatchingWindowInSeconds', o.maximumBatchingWindow],
    ['maximumRetryAttempts', o.maximumRetryAttempts],
    ['maximumRecordAgeInSeconds', o.maximumRecordAgeInSeconds],
    ['parallelizationFactor', o.parallelizationFactor],
    ['tumblingWindowInSeconds', o.tumblingWindowInSeconds],
    ['maximumConcurrency', o.maximumConcurrency],
  ] as const;
  for (const [k, v] of nums) {
    const n = num(v);
    if (n !== undefined) s[k] = n;
  }
  const sp = typeof o.startingPosition === 'string' ? o.startingPosition : undefined;
  if (sp) s.startingPosition = sp;
  if (typeof o.bisectBatchOnFunctionError === 'boolean') s.bisectBatchOnFunctionError = o.bisectBatchOnFunctionError;
  if (o.functionResponseType === 'ReportBatchItemFailures') s.reportBatchItemFailures = true;
  const onFailure = val(asRecord(o.destinations).onFailure);
  if (onFailure !== undefined) s.onFailure = onFailure;
  if (Array.isArray(o.filterPatterns)) s.filterPatterns = toPlain(o.filterPatterns) as unknown[];
  if (o.topic !== undefined) s.topics = names(o.topic);
  if (o.queue !== undefined) s.queues = names(o.queue);
  if (o.bootstrapServers !== undefined) s.bootstrapServers = names(o.bootstrapServers);
  if (typeof o.consumerGroupId === 'string' && o.consumerGroupId) s.consumerGroupId = o.consumerGroupId;
  return s;
}

/** The raw ARN of a Serverless event given as a string, a variable or an intrinsic, else its `arn` key. */
export function serverlessArn(spec: unknown, o: Record<string, unknown>, isIntrinsic: (v: unknown) => boolean): unknown {
  return typeof spec === 'string' || spec instanceof Symbolic || isIntrinsic(spec) ? spec : o.arn;
}

const ENABLED_STATES = new Set(['Enabled', 'Enabling', 'Creating', 'Updating']);

/** A ListEventSourceMappings entry. Topics and queues are sorted: the API's order is not stable. */
export function esmFromApi(m: EventSourceMappingConfiguration): EsmSettings {
  const s: EsmSettings = {
    source: m.EventSourceArn,
    batchSize: m.BatchSize,
    maximumBatchingWindowInSeconds: m.MaximumBatchingWindowInSeconds,
    startingPosition: m.StartingPosition,
    bisectBatchOnFunctionError: m.BisectBatchOnFunctionError,
    maximumRetryAttempts: m.MaximumRetryAttempts,
    maximumRecordAgeInSeconds: m.MaximumRecordAgeInSeconds,
    parallelizationFactor: m.ParallelizationFactor,
    tumblingWindowInSeconds: m.TumblingWindowInSeconds,
    onFailure: m.DestinationConfig?.OnFailure?.Destination,
    maximumConcurrency: m.ScalingConfig?.MaximumConcurrency,
    topics: m.Topics ? [...m.Topics].sort() : undefined,
    queues: m.Queues ? [...m.Queues].sort() : undefined,
    consumerGroupId: m.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId ?? m.SelfManagedKafkaEventSourceConfig?.ConsumerGroupId,
    bootstrapServers: m.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS,
  };
  if (m.State !== undefined && !ENABLED_STATES.has(m.State)) s.enabled = false;
  if (m.FunctionResponseTypes?.includes('ReportBatchItemFailures')) s.reportBatchItemFailures = true;
  const patterns = m.FilterCriteria?.Filters ? parsePatterns(m.FilterCriteria.Filters.map((f) => f.Pattern)) : undefined;
  if (patterns) s.filterPatterns = patterns;
  return pick(s, Object.keys(s) as (keyof EsmSettings)[]);
}

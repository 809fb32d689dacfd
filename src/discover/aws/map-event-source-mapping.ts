// One ListEventSourceMappings entry → a trigger of the Inventory union (SQS, Kinesis, DynamoDB, Kafka, MQ, DocumentDB).
// Trigger ids are derived from the source, never from the mapping's UUID, so that inventories are reproducible.

import type { EventSourceMappingConfiguration } from '@aws-sdk/client-lambda';
import type { Trigger } from '../../model/inventory.js';
import { parseArn } from './arn.js';

/** FilterCriteria patterns are JSON strings; keep them as JSON values, or the raw string when unparseable. */
export function mapFilterCriteria(filters: { Pattern?: string }[] | undefined): unknown[] | undefined {
  if (!filters || filters.length === 0) return undefined;
  return filters.map((f) => {
    if (f.Pattern === undefined) return {};
    try {
      return JSON.parse(f.Pattern) as unknown;
    } catch {
      return f.Pattern;
    }
  });
}

const ENABLED_STATES = new Set(['Enabled', 'Enabling', 'Creating', 'Updating']);

export function mapEventSourceMapping(m: EventSourceMappingConfiguration): Trigger {
  const arn = m.EventSourceArn;
  const service = arn ? parseArn(arn)?.service : undefined;
  const common: { enabled?: boolean } = {};
  if (m.State !== undefined && !ENABLED_STATES.has(m.State)) common.enabled = false;
  const reportBatchItemFailures = m.FunctionResponseTypes?.includes('ReportBatchItemFailures') || undefined;
  const filterPatterns = mapFilterCriteria(m.FilterCriteria?.Filters);

  if (arn && service === 'sqs') {
    return {
      kind: 'sqs',
      id: `sqs:${arn}`,
      ...common,
      queue: arn,
      fifo: arn.endsWith('.fifo') || undefined,
      batchSize: m.BatchSize,
      maximumBatchingWindowInSeconds: m.MaximumBatchingWindowInSeconds,
      reportBatchItemFailures,
      filterPatterns,
      maximumConcurrency: m.ScalingConfig?.MaximumConcurrency,
    };
  }
  if (arn && (service === 'kinesis' || (service === 'dynamodb' && arn.includes('/stream/')))) {
    const stream = {
      ...common,
      stream: arn,
      startingPosition: m.StartingPosition,
      batchSize: m.BatchSize,
      maximumBatchingWindowInSeconds: m.MaximumBatchingWindowInSeconds,
      bisectBatchOnFunctionError: m.BisectBatchOnFunctionError,
      maximumRetryAttempts: m.MaximumRetryAttempts,
      maximumRecordAgeInSeconds: m.MaximumRecordAgeInSeconds,
      parallelizationFactor: m.ParallelizationFactor,
      tumblingWindowInSeconds: m.TumblingWindowInSeconds,
      reportBatchItemFailures,
      onFailure: m.DestinationConfig?.OnFailure?.Destination,
      filterPatterns,
    };
    return service === 'kinesis' ? { kind: 'kinesis', id: `kinesis:${arn}`, ...stream } : { kind: 'dynamodb-stream', id: `dynamodb-stream:${arn}`, ...stream };
  }
  if (arn && service === 'kafka') {
    const topics = [...(m.Topics ?? [])].sort();
    return {
      kind: 'kafka',
      id: `kafka:${arn}:${topics.join(',')}`,
      ...common,
      flavor: 'msk',
      cluster: arn,
      topics,
      batchSize: m.BatchSize,
      startingPosition: m.StartingPosition,
      consumerGroupId: m.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId,
    };
  }
  const servers = m.SelfManagedEventSource?.Endpoints?.KAFKA_BOOTSTRAP_SERVERS;
  if (!arn && servers) {
    const topics = [...(m.Topics ?? [])].sort();
    return {
      kind: 'kafka',
      id: `kafka:${servers.join(',')}:${topics.join(',')}`,
      ...common,
      flavor: 'self-managed',
      bootstrapServers: servers,
      topics,
      batchSize: m.BatchSize,
      startingPosition: m.StartingPosition,
      consumerGroupId: m.SelfManagedKafkaEventSourceConfig?.ConsumerGroupId,
    };
  }
  if (arn && service === 'mq') {
    const queues = [...(m.Queues ?? [])].sort();
    return { kind: 'mq', id: `mq:${arn}:${queues.join(',')}`, ...common, broker: arn, queues, batchSize: m.BatchSize };
  }
  const sourceType = service === 'rds' ? 'documentdb' : (service ?? 'event-source-mapping');
  return {
    kind: 'unknown',
    id: `${sourceType}:${arn ?? 'self-managed'}`,
    ...common,
    sourceType,
    detail: { eventSourceArn: arn, batchSize: m.BatchSize, documentDb: m.DocumentDBEventSourceConfig },
  };
}

import { describe, expect, it } from 'vitest';
import { mapEventSourceMapping, mapFilterCriteria } from '../../../src/discover/aws/map-event-source-mapping.js';

describe('mapEventSourceMapping', () => {
  it('maps SQS with batching, partial failures, filters and scaling', () => {
    expect(
      mapEventSourceMapping({
        UUID: 'u',
        EventSourceArn: 'arn:aws:sqs:us-east-1:1:orders.fifo',
        BatchSize: 10,
        MaximumBatchingWindowInSeconds: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        FilterCriteria: { Filters: [{ Pattern: '{"body":{"a":[1]}}' }] },
        ScalingConfig: { MaximumConcurrency: 4 },
        State: 'Enabled',
      }),
    ).toEqual({ kind: 'sqs', id: 'sqs:arn:aws:sqs:us-east-1:1:orders.fifo', queue: 'arn:aws:sqs:us-east-1:1:orders.fifo', fifo: true, batchSize: 10, maximumBatchingWindowInSeconds: 5, reportBatchItemFailures: true, filterPatterns: [{ body: { a: [1] } }], maximumConcurrency: 4 });
  });

  it('maps Kinesis and DynamoDB streams with their error handling', () => {
    const t = mapEventSourceMapping({ EventSourceArn: 'arn:aws:kinesis:us-east-1:1:stream/s', StartingPosition: 'LATEST', BisectBatchOnFunctionError: true, MaximumRetryAttempts: 2, TumblingWindowInSeconds: 60, DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:1:dlq' } }, State: 'Disabled' });
    expect(t).toMatchObject({ kind: 'kinesis', stream: 'arn:aws:kinesis:us-east-1:1:stream/s', enabled: false, bisectBatchOnFunctionError: true, maximumRetryAttempts: 2, tumblingWindowInSeconds: 60, onFailure: 'arn:aws:sqs:us-east-1:1:dlq' });
    expect(mapEventSourceMapping({ EventSourceArn: 'arn:aws:dynamodb:us-east-1:1:table/t/stream/2024-01-01T00:00:00.000' }).kind).toBe('dynamodb-stream');
  });

  it('maps MSK, self-managed Kafka and MQ; ids come from the source, never the UUID', () => {
    expect(mapEventSourceMapping({ UUID: 'x', EventSourceArn: 'arn:aws:kafka:us-east-1:1:cluster/c/abc', Topics: ['t2', 't1'], AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'g' } })).toEqual({
      kind: 'kafka', id: 'kafka:arn:aws:kafka:us-east-1:1:cluster/c/abc:t1,t2', flavor: 'msk', cluster: 'arn:aws:kafka:us-east-1:1:cluster/c/abc', topics: ['t1', 't2'], consumerGroupId: 'g',
    });
    expect(mapEventSourceMapping({ SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['b1:9092'] } }, Topics: ['t'] })).toMatchObject({ kind: 'kafka', flavor: 'self-managed', bootstrapServers: ['b1:9092'], topics: ['t'] });
    expect(mapEventSourceMapping({ EventSourceArn: 'arn:aws:mq:us-east-1:1:broker:b:id', Queues: ['q'] })).toMatchObject({ kind: 'mq', broker: 'arn:aws:mq:us-east-1:1:broker:b:id', queues: ['q'] });
  });

  it('keeps DocumentDB as an unknown trigger with its source', () => {
    expect(mapEventSourceMapping({ EventSourceArn: 'arn:aws:rds:us-east-1:1:cluster:docs' })).toMatchObject({ kind: 'unknown', sourceType: 'documentdb' });
  });
});

describe('mapFilterCriteria', () => {
  it('parses JSON patterns and keeps unparseable ones verbatim', () => {
    expect(mapFilterCriteria([{ Pattern: '{"a":[1]}' }, { Pattern: '{bad' }])).toEqual([{ a: [1] }, '{bad']);
    expect(mapFilterCriteria([])).toBeUndefined();
    expect(mapFilterCriteria(undefined)).toBeUndefined();
  });
});

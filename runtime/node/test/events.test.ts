// The event builders: what each Azure trigger input becomes on the Lambda side.

import { InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import * as events from '../src/events.js';

const ctx = () => new InvocationContext({ invocationId: 'inv-1', functionName: 'f', logHandler: () => {} });

describe('event builders', () => {
  it('a reported batch item failure fails the single-message invocation', () => {
    expect(() => events.settleSqsResult({ batchItemFailures: [{ itemIdentifier: 'm' }] })).toThrow();
    expect(() => events.settleSqsResult({ batchItemFailures: [] })).not.toThrow();
    expect(() => events.settleSqsResult(undefined)).not.toThrow();
  });

  it('Kinesis data arrives base64-encoded', () => {
    const e = events.toKinesisEvent([{ a: 1 }, 'text'], ctx(), { streamArn: 's' });
    expect(e.Records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString())).toEqual(['{"a":1}', 'text']);
  });
});

describe('queue and notification events', () => {
  const withMeta = (triggerMetadata: Record<string, unknown>) => new InvocationContext({ invocationId: 'inv-1', functionName: 'f', triggerMetadata, logHandler: () => {} });

  it('a Storage queue message becomes one SQS record with its id, dequeue count and insertion time', () => {
    const e = events.toSqsEvent({ a: 1 }, withMeta({ id: 'm-1', dequeueCount: 3, insertionTime: '2026-01-15T08:30:00.000Z' }), { queueArn: 'arn:q' });
    expect(e.Records).toHaveLength(1);
    expect(e.Records[0]).toMatchObject({
      messageId: 'm-1',
      body: '{"a":1}',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:q',
      attributes: { ApproximateReceiveCount: '3', SentTimestamp: String(Date.parse('2026-01-15T08:30:00.000Z')) },
    });
  });

  it('a Service Bus message reads messageId, deliveryCount and enqueuedTimeUtc instead', () => {
    const e = events.toSqsEvent('text', withMeta({ messageId: 'sb-1', deliveryCount: 2, enqueuedTimeUtc: '2026-01-15T08:30:00.000Z' }), { queueArn: 'arn:q' });
    expect(e.Records[0]).toMatchObject({ messageId: 'sb-1', body: 'text', attributes: { ApproximateReceiveCount: '2' } });
  });

  it('an Event Grid event becomes an SNS notification; an empty subject is absent, as SNS omits it', () => {
    const grid = { id: 'evt-1', topic: 't', subject: '', eventType: 'Notification', eventTime: '2026-01-15T08:30:00.000Z', data: { a: 1 }, dataVersion: '1', metadataVersion: '1' };
    const sns = events.toSnsEvent(grid, { topicArn: 'arn:t' }).Records[0]!.Sns;
    expect(sns).toMatchObject({ MessageId: 'evt-1', TopicArn: 'arn:t', Message: '{"a":1}', Timestamp: '2026-01-15T08:30:00.000Z' });
    expect('Subject' in sns).toBe(false);
  });

  it('a blob becomes an S3 ObjectCreated record with the key URL-encoded except for slashes', () => {
    const e = events.toS3Event(Buffer.from('abc'), withMeta({ blobTrigger: 'uploads/in/a b.jpg', name: 'in/a b.jpg' }), { bucket: 'uploads' });
    expect(e.Records[0]!.s3).toMatchObject({ bucket: { name: 'uploads', arn: 'arn:aws:s3:::uploads' }, object: { key: 'in/a%20b.jpg', size: 3 } });
  });

  it('a timer tick becomes a Scheduled Event at the last scheduled time, without milliseconds', () => {
    const timer = { isPastDue: false, schedule: { adjustForDST: true }, scheduleStatus: { last: '2026-01-15T08:30:00.000Z', next: '', lastUpdated: '' } };
    const e = events.toScheduledEvent(timer, ctx(), { ruleArn: 'arn:r' });
    expect(e).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.events', time: '2026-01-15T08:30:00Z', resources: ['arn:r'], id: 'inv-1' });
  });

  it('change-feed documents become MODIFY records with marshalled NewImage and the key attributes; system fields are dropped', () => {
    const e = events.toDynamoDbStreamEvent([{ pk: 'a', n: 2, ok: true, tags: ['x'], nested: { z: null }, _etag: 'e' }], { streamArn: 'arn:s', keyNames: ['pk'] });
    expect(e.Records[0]).toMatchObject({
      eventName: 'MODIFY',
      dynamodb: {
        Keys: { pk: { S: 'a' } },
        NewImage: { pk: { S: 'a' }, n: { N: '2' }, ok: { BOOL: true }, tags: { L: [{ S: 'x' }] }, nested: { M: { z: { NULL: true } } } },
        StreamViewType: 'NEW_IMAGE',
      },
    });
    expect(e.Records[0]!.dynamodb!.NewImage!._etag).toBeUndefined();
  });
});

// Azure trigger payloads → the Lambda event each handler was written for (SQS, SNS, EventBridge, S3, schedule,
// Kinesis, DynamoDB streams), typed with @types/aws-lambda. Fields Azure has no value for are empty strings.
import type { EventGridEvent, InvocationContext, Timer } from '@azure/functions';
import type {
  AttributeValue,
  DynamoDBStreamEvent,
  EventBridgeEvent,
  KinesisStreamEvent,
  S3Event,
  ScheduledEvent,
  SNSEvent,
  SQSEvent,
} from 'aws-lambda';

const REGION = process.env.AWS_REGION ?? 'us-east-1';

function meta(context: InvocationContext, name: string): unknown {
  return context.triggerMetadata?.[name];
}

/** A metadata value as a string: strings and numbers as they are, anything else the fallback. */
function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}

function asText(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return JSON.stringify(payload);
}

function iso(value: unknown, fallback: string): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/** One queue message (Storage queue or Service Bus) → an SQS event with one record. */
export function toSqsEvent(message: unknown, context: InvocationContext, opts: { queueArn: string }): SQSEvent {
  const id = str(meta(context, 'id') ?? meta(context, 'messageId'), context.invocationId);
  const count = Number(meta(context, 'dequeueCount') ?? meta(context, 'deliveryCount') ?? 1);
  const sent = iso(meta(context, 'insertionTime') ?? meta(context, 'enqueuedTimeUtc'), '1970-01-01T00:00:00.000Z');
  return {
    Records: [
      {
        messageId: id,
        receiptHandle: id,
        body: asText(message),
        attributes: {
          ApproximateReceiveCount: String(count),
          SentTimestamp: String(Date.parse(sent)),
          SenderId: '',
          ApproximateFirstReceiveTimestamp: String(Date.parse(sent)),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: opts.queueArn,
        awsRegion: REGION,
      },
    ],
  };
}

/**
 * The SQS partial-batch contract becomes per-message failure: with one message per invocation, a reported
 * failure of that message must throw so the queue redelivers it (and dead-letters it after maxDequeueCount).
 */
export function settleSqsResult(result: unknown): void {
  const failures = (result as { batchItemFailures?: unknown[] } | null | undefined)?.batchItemFailures;
  if (Array.isArray(failures) && failures.length > 0) throw new Error('message reported as failed by the handler (batchItemFailures)');
}

/** An Event Grid event (from the SNS topic replacement) → an SNS event with one record. */
export function toSnsEvent(event: EventGridEvent, opts: { topicArn: string }): SNSEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: opts.topicArn,
        Sns: {
          Type: 'Notification',
          MessageId: event.id,
          TopicArn: opts.topicArn,
          ...(event.subject === '' ? {} : { Subject: event.subject }),
          Message: asText(event.data),
          Timestamp: iso(event.eventTime, '1970-01-01T00:00:00.000Z'),
          SignatureVersion: '1',
          Signature: '',
          SigningCertUrl: '',
          UnsubscribeUrl: '',
          MessageAttributes: {},
        },
      },
    ],
  };
}

/** An Event Grid event (from the EventBridge rule replacement) → an EventBridge event; subject carries the source. */
export function toEventBridgeEvent(event: EventGridEvent): EventBridgeEvent<string, unknown> {
  return {
    version: '0',
    id: event.id,
    'detail-type': event.eventType,
    source: event.subject,
    account: '',
    time: iso(event.eventTime, '1970-01-01T00:00:00Z'),
    region: REGION,
    resources: [],
    detail: event.data ?? {},
  };
}

/** A blob delivered through Event Grid → an S3 ObjectCreated event with one record. */
export function toS3Event(blob: unknown, context: InvocationContext, opts: { bucket: string }): S3Event {
  const path = str(meta(context, 'blobTrigger'), '');
  const key = str(meta(context, 'name'), path.slice(path.indexOf('/') + 1));
  const size = Buffer.isBuffer(blob) ? blob.length : typeof blob === 'string' ? Buffer.byteLength(blob) : 0;
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: REGION,
        eventTime: iso((meta(context, 'properties') as { lastModified?: unknown } | undefined)?.lastModified, '1970-01-01T00:00:00.000Z'),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: '' },
        requestParameters: { sourceIPAddress: '' },
        responseElements: { 'x-amz-request-id': '', 'x-amz-id-2': '' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: '',
          bucket: { name: opts.bucket, ownerIdentity: { principalId: '' }, arn: 'arn:aws:s3:::' + opts.bucket },
          object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size, eTag: '', sequencer: '' },
        },
      },
    ],
  };
}

/** A timer tick → the EventBridge Scheduled Event a schedule rule delivered. */
export function toScheduledEvent(timer: Timer, context: InvocationContext, opts: { ruleArn: string }): ScheduledEvent {
  const last = timer.scheduleStatus?.last;
  return {
    version: '0',
    id: context.invocationId,
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '',
    time: iso(last, new Date().toISOString()).replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: [opts.ruleArn],
    detail: {},
  };
}

/** An Event Hubs batch → a Kinesis event (data base64-encoded, as Kinesis delivers it). */
export function toKinesisEvent(messages: unknown[], context: InvocationContext, opts: { streamArn: string }): KinesisStreamEvent {
  const keys = (meta(context, 'partitionKeyArray') as unknown[] | undefined) ?? [];
  const seqs = (meta(context, 'sequenceNumberArray') as unknown[] | undefined) ?? [];
  return {
    Records: messages.map((message, i) => ({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: str(keys[i], ''),
        sequenceNumber: str(seqs[i], String(i)),
        data: Buffer.from(asText(message)).toString('base64'),
        approximateArrivalTimestamp: 0,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: 'shardId-000000000000:' + str(seqs[i], String(i)),
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: '',
      awsRegion: REGION,
      eventSourceARN: opts.streamArn,
    })),
  };
}

function marshall(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(marshall) };
  return { M: marshallItem(value as Record<string, unknown>) };
}

function marshallItem(item: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(item)) if (!k.startsWith('_')) out[k] = marshall(v);
  return out;
}

/**
 * Cosmos DB change feed documents → a DynamoDB stream event. The change feed carries only the new image:
 * every record is a MODIFY with NewImage, deletes are not delivered and OldImage is never present.
 */
export function toDynamoDbStreamEvent(documents: unknown[], opts: { streamArn: string; keyNames: string[] }): DynamoDBStreamEvent {
  return {
    Records: documents.map((doc, i) => {
      const image = marshallItem(doc as Record<string, unknown>);
      const keys: Record<string, AttributeValue> = {};
      for (const k of opts.keyNames) {
        const value = image[k];
        if (value !== undefined) keys[k] = value;
      }
      return {
        eventID: String(i),
        eventName: 'MODIFY' as const,
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: REGION,
        dynamodb: { Keys: keys, NewImage: image, SequenceNumber: String(i), SizeBytes: 0, StreamViewType: 'NEW_IMAGE' as const },
        eventSourceARN: opts.streamArn,
      };
    }),
  };
}

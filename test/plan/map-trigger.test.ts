import { describe, expect, it } from 'vitest';
import { TRIGGER_KINDS, type Trigger } from '../../src/model/inventory.js';
import { mapFunctionTriggers } from '../../src/plan/map-trigger.js';
import { TRIGGERS } from '../../src/triggers/registry.js';
import { mapRoute } from '../../src/triggers/shared/plan.js';
import { makeFunction } from './support/inventory.js';

const fnWith = (...triggers: Trigger[]) => makeFunction({ name: 'orders', triggers });

describe('trigger mapping table', () => {
  it('has one mapper per inventory trigger kind', () => {
    expect(Object.keys(TRIGGERS).sort()).toEqual([...TRIGGER_KINDS].sort());
  });

  it('maps REST routes with proxy params, ANY methods and authorizers', () => {
    const { entries } = mapFunctionTriggers(fnWith({ id: 'api', kind: 'api-gateway-rest', path: '/items/{proxy+}', method: 'ANY', authorizer: { type: 'AWS_IAM' } }));
    expect(entries[0]).toMatchObject({ name: 'orders', lambdaEvent: 'api-gateway-rest', payloadFormat: '1.0', trigger: { type: 'http', route: 'items/{*proxy}', authLevel: 'function' } });
    expect(entries[0]!.trigger.type === 'http' && entries[0]!.trigger.methods).toHaveLength(7);
    expect(mapRoute('/')).toBe('/');
  });

  it('maps HTTP API v2 payloads and anonymous routes', () => {
    const { entries } = mapFunctionTriggers(fnWith({ id: 'api', kind: 'api-gateway-http', path: '/users/{id}', method: 'get' }));
    expect(entries[0]).toMatchObject({ payloadFormat: '2.0', trigger: { type: 'http', route: 'users/{id}', methods: ['GET'], authLevel: 'anonymous' } });
  });

  it('maps plain SQS to a storage queue and FIFO / partial-batch SQS to Service Bus', () => {
    const plain = mapFunctionTriggers(fnWith({ id: 'q', kind: 'sqs', queue: 'arn:aws:sqs:us-east-1:1:Orders' }));
    expect(plain.entries[0]!.trigger).toEqual({ type: 'storageQueue', queueName: 'orders', connection: 'AzureWebJobsStorage' });
    expect(plain.resources).toEqual([{ kind: 'storage-queue', name: 'orders', maxDequeueCount: 5, source: 'arn:aws:sqs:us-east-1:1:Orders' }]);
    const fifo = mapFunctionTriggers(fnWith({ id: 'q', kind: 'sqs', queue: { symbol: 'GetAtt:OrdersQueue.Arn' }, fifo: true }));
    expect(fifo.entries[0]!.trigger).toMatchObject({ type: 'serviceBusQueue', queueName: 'orders-queue', connection: 'ServiceBusConnection', isSessionsEnabled: true });
    expect(fifo.resources[0]).toMatchObject({ kind: 'service-bus-queue', requiresSession: true, source: 'Ref:OrdersQueue' });
    const batch = mapFunctionTriggers(fnWith({ id: 'q', kind: 'sqs', queue: 'q1', reportBatchItemFailures: true }));
    expect(batch.entries[0]!.trigger.type).toBe('serviceBusQueue');
  });

  it('maps S3 to an Event Grid blob trigger with container and subscription filters', () => {
    const { entries, resources } = mapFunctionTriggers(fnWith({ id: 'up', kind: 's3', bucket: 'Uploads', events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'], prefix: 'in/', suffix: '.jpg' }));
    expect(entries[0]!.trigger).toEqual({ type: 'storageBlob', path: 'uploads/{name}', connection: 'AzureWebJobsStorage', source: 'EventGrid' });
    expect(resources).toContainEqual({ kind: 'blob-container', name: 'uploads', source: 'Uploads' });
    expect(resources.find((r) => r.kind === 'event-grid-blob-subscription')).toMatchObject({
      functionName: 'orders',
      eventTypes: ['Microsoft.Storage.BlobCreated', 'Microsoft.Storage.BlobDeleted'],
      subjectBeginsWith: '/blobServices/default/containers/uploads/blobs/in/',
      subjectEndsWith: '.jpg',
    });
  });

  it('maps EventBridge patterns to Event Grid filters where expressible, with the CloudEvents schema\'s keys', () => {
    const pattern = { source: ['shop'], 'detail-type': ['Placed'], account: ['123456789012'], detail: { status: ['NEW'], order: { kind: ['gift'] }, total: [{ numeric: ['>', 5] }] } };
    const { resources } = mapFunctionTriggers(fnWith({ id: 'ev', kind: 'eventbridge-rule', pattern }));
    const topic = resources.find((r) => r.kind === 'event-grid-topic');
    // The envelope's source and detail-type are the CloudEvent's Source and EventType; detail is its data. The account
    // has no CloudEvents attribute, and a numeric content filter no plain value list.
    expect(topic && topic.kind === 'event-grid-topic' && topic.filters?.map((f) => `${f.key} ${f.operator} ${f.values.join(',')}`).sort()).toEqual([
      'EventType StringIn Placed',
      'Source StringIn shop',
      'data.order.kind StringIn gift',
      'data.status StringIn NEW',
    ]);
  });

  it('maps schedules to timers with a setting name, and untranslatable ones to none', () => {
    const ok = mapFunctionTriggers(fnWith({ id: 'nightly', kind: 'schedule', expression: 'cron(0 2 * * ? *)', via: 'events' }));
    expect(ok.entries[0]!.trigger).toEqual({ type: 'timer', schedule: '0 0 2 * * *', scheduleSetting: 'TIMER_ORDERS_NIGHTLY_SCHEDULE' });
    const bad = mapFunctionTriggers(fnWith({ id: 'last', kind: 'schedule', expression: 'cron(0 2 L * ? *)', via: 'events' }));
    expect(bad.entries[0]!.trigger.type).toBe('none');
  });

  it('maps streams: Kinesis → Event Hubs (many), DynamoDB → Cosmos DB change feed', () => {
    const k = mapFunctionTriggers(fnWith({ id: 'k', kind: 'kinesis', stream: 'arn:aws:kinesis:us-east-1:1:stream/clicks' }));
    expect(k.entries[0]!.trigger).toMatchObject({ type: 'eventHub', eventHubName: 'clicks', cardinality: 'many', connection: 'EventHubConnection' });
    const d = mapFunctionTriggers(fnWith({ id: 'd', kind: 'dynamodb-stream', stream: 'arn:aws:dynamodb:us-east-1:1:table/Orders/stream/2024-01-01T00:00:00.000' }));
    expect(d.entries[0]!.trigger).toMatchObject({ type: 'cosmosDB', containerName: 'orders', leaseContainerName: 'leases', connection: 'CosmosDBConnection' });
  });

  it('maps unsupported sources to none, and no trigger to a direct-invoke HTTP entry', () => {
    for (const t of [
      { id: 'ws', kind: 'websocket', route: '$connect' },
      { id: 'c', kind: 'cognito', userPool: 'p', triggers: ['PreSignUp'] },
      { id: 'u', kind: 'unknown', sourceType: 'AlexaSkill' },
      { id: 'mq', kind: 'mq', engine: 'activemq', broker: 'b', queues: ['q'] },
    ] as Trigger[]) {
      expect(mapFunctionTriggers(fnWith(t)).entries[0]!.trigger.type).toBe('none');
    }
    const direct = mapFunctionTriggers(fnWith());
    expect(direct.entries).toEqual([{ name: 'orders', lambdaEvent: 'direct-invoke', trigger: { type: 'http', route: 'invoke/orders', methods: ['POST'], authLevel: 'function' } }]);
  });

  it('gives one entry per trigger with unique names', () => {
    const { entries } = mapFunctionTriggers(fnWith({ id: 'a', kind: 'api-gateway-http', path: '/a', method: 'GET' }, { id: 'b', kind: 'sqs', queue: 'q' }));
    expect(entries.map((e) => e.name)).toEqual(['orders-a', 'orders-b']);
    const odd = mapFunctionTriggers(makeFunction({ name: '9cart', triggers: [{ id: 'Api GET /cart/{id}', kind: 'api-gateway-http', path: '/a', method: 'GET' }, { id: 'b', kind: 'sqs', queue: 'q' }] }));
    expect(odd.entries.map((e) => e.name)).toEqual(['cart-Api-GET-cart-id', 'cart-b']);
  });
});

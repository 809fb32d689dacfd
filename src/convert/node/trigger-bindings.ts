// One place per trigger mapping: how an Azure trigger's input becomes the Lambda event the handler expects,
// how the handler's result goes back, and the sample Azure input the generated equivalence test feeds both sides.

import type { PlannedEntry } from '../../model/plan.js';
import { RULE_CHANGE_FEED, RULE_PASSTHROUGH } from './transforms/rule-ids.js';

export interface BindingContext {
  entry: PlannedEntry;
  /** Exported Azure handler function name. */
  exportName: string;
  lambdaName: string;
}

export interface TriggerBinding {
  /** Imports from migrate-runtime/<module> (packages/migrate-runtime) the entry needs. */
  runtimeImports: Record<string, string[]>;
  /** Type names imported from @azure/functions. */
  azureTypes: string[];
  /** Parameter list and return type of the exported Azure handler. */
  signature: string;
  /** Statements building `event` from the Azure inputs (indented by two spaces). */
  buildEvent: string;
  /** A TODO(migrate:…) the entry writes above `buildEvent`: what the mapping cannot carry over. */
  todo?: { ruleId: string; message: string };
  /** The return statement, given `invoke` (a `() => Promise<unknown>` running the Lambda handler). */
  returnResult: string;
  /** `app.<x>(name, {...})` registration, or undefined when the trigger has no Azure equivalent. */
  registration?: string;
  /** How the equivalence test compares outcomes. */
  compare: 'http' | 'sqs' | 'value';
  /** HTTP format for the test's expected gateway response. */
  httpFormat?: '1.0' | '2.0' | 'alb' | 'direct';
  sample: Sample;
}

/** The Azure input of the generated equivalence test; the Lambda event is built from it by the runtime builder. */
export interface Sample {
  /** TypeScript expression producing the Azure input (the first parameter of the exported handler). */
  azureArgs: string;
  /** triggerMetadata for the InvocationContext. */
  triggerMetadata?: Record<string, unknown>;
}

const json = (v: unknown) => JSON.stringify(v);
const SAMPLE_TIME = '2026-01-15T08:30:00.000Z';
const SAMPLE_BODY = { id: 'sample-1', sku: 'sku-1', quantity: 2, email: 'user@example.com', mode: 'succeed' };

function registrationOptions(fields: Record<string, unknown>, exportName: string): string {
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${json(v)}`);
  parts.push(`handler: ${exportName}`);
  return `{ ${parts.join(', ')} }`;
}

// ---------- HTTP ----------

const PATH_PARAM = /\{\*?([A-Za-z0-9_]+)\+?\}/g;

function samplePath(route: string): { path: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const path = route.replace(PATH_PARAM, (_m, name: string) => {
    params[name] = 'sample-1';
    return 'sample-1';
  });
  return { path: `/${path.replace(/^\/+/, '')}`, params };
}

function sampleMethod(methods: string[]): string {
  const upper = methods.map((m) => m.toUpperCase());
  for (const m of ['POST', 'PUT', 'PATCH', 'GET', 'DELETE']) if (upper.includes(m)) return m;
  return upper[0] && upper[0] !== '*' && upper[0] !== 'ANY' ? upper[0] : 'POST';
}

function httpBinding(ctx: BindingContext, format: '1.0' | '2.0' | 'alb' | 'direct'): TriggerBinding {
  const t = ctx.entry.trigger;
  if (t.type !== 'http') throw new Error('internal: httpBinding on a non-http trigger');
  const resource = `/${t.route.replace(/^\/+/, '')}`.replace(/\{\*([A-Za-z0-9_]+)\}/g, '{$1+}');
  const method = sampleMethod(t.methods);
  const { path, params } = samplePath(t.route);
  const hasBody = method !== 'GET' && method !== 'DELETE';
  const body = hasBody ? json(SAMPLE_BODY) : null;
  const headers: Record<string, string> = { 'user-agent': 'migrate-equivalence', 'x-forwarded-for': '203.0.113.7' };
  if (hasBody) headers['content-type'] = 'application/json';
  const sortedHeaders = Object.fromEntries(Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const routeKey = `${method} ${resource}`;
  const opts = { resource, routeKey, stage: '$default', routePrefix: 'api' };
  const stage = format === '1.0' ? 'prod' : '$default';
  opts.stage = stage;
  const request =
    format === 'direct'
      ? `new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/${t.route.replace(/^\/+/, '')}', headers: { 'content-type': 'application/json' }, body: { string: ${json(json(SAMPLE_BODY))} } })`
      : `new HttpRequest({ method: ${json(method)}, url: ${json(`http://localhost:7071/api${path}?limit=2`)}, headers: ${json(sortedHeaders)}, ${body !== null ? `body: { string: ${json(body)} }, ` : ''}params: ${json(params)} })`;
  const builder = format === '1.0' ? 'toApiGatewayV1Event' : format === '2.0' ? 'toApiGatewayV2Event' : 'toAlbEvent';
  const isDirect = format === 'direct';
  return {
    runtimeImports: isDirect ? {} : { http: ['fromLambdaHttpResult', builder] },
    azureTypes: ['HttpRequest', 'HttpResponseInit', 'InvocationContext'],
    signature: '(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit>',
    buildEvent: isDirect
      ? `  // Direct invocation: the request body is the event, the result is the JSON response.\n  const text = await request.text();\n  const event: unknown = text === '' ? {} : JSON.parse(text);`
      : `  const event = await ${builder}(request, context, ${json(opts)});`,
    returnResult: isDirect
      ? `  try {\n    return { status: 200, jsonBody: (await invoke()) ?? null };\n  } catch (error) {\n    return { status: 500, jsonBody: { errorType: error instanceof Error ? error.name : 'Error', errorMessage: error instanceof Error ? error.message : String(error) } };\n  }`
      : `  return fromLambdaHttpResult(invoke, ${json(format)});`,
    registration: `app.http(${json(ctx.entry.name)}, ${registrationOptions({ route: t.route, methods: t.methods, authLevel: t.authLevel }, ctx.exportName)});`,
    compare: 'http',
    httpFormat: format,
    sample: { azureArgs: request },
  };
}

// ---------- messages ----------

function sqsBinding(ctx: BindingContext): TriggerBinding {
  const t = ctx.entry.trigger;
  const queue = t.type === 'storageQueue' || t.type === 'serviceBusQueue' ? t.queueName : 'queue';
  const queueArn = `arn:aws:sqs:us-east-1:000000000000:${queue}`;
  const body = json({ orderId: 'order-1', sku: 'sku-1', quantity: 2, email: 'user@example.com' });
  const isServiceBus = t.type === 'serviceBusQueue';
  const metadata = isServiceBus
    ? { messageId: 'msg-1', deliveryCount: 1, enqueuedTimeUtc: SAMPLE_TIME }
    : { id: 'msg-1', dequeueCount: 1, insertionTime: SAMPLE_TIME };
  const registration =
    t.type === 'storageQueue'
      ? `app.storageQueue(${json(ctx.entry.name)}, ${registrationOptions({ queueName: t.queueName, connection: t.connection }, ctx.exportName)});`
      : t.type === 'serviceBusQueue'
        ? `app.serviceBusQueue(${json(ctx.entry.name)}, ${registrationOptions({ queueName: t.queueName, connection: t.connection, isSessionsEnabled: t.isSessionsEnabled }, ctx.exportName)});`
        : undefined;
  return {
    runtimeImports: { events: ['settleSqsResult', 'toSqsEvent'] },
    azureTypes: ['InvocationContext'],
    signature: '(message: unknown, context: InvocationContext): Promise<void>',
    buildEvent: `  // One message per invocation: the Lambda batch becomes a batch of one.\n  const event = toSqsEvent(message, context, ${json({ queueArn })});`,
    returnResult: `  settleSqsResult(await invoke());`,
    registration,
    compare: 'sqs',
    sample: {
      // The host hands a JSON queue message to the function already parsed.
      azureArgs: `JSON.parse(${json(body)})`,
      triggerMetadata: metadata,
    },
  };
}

function eventGridRegistration(ctx: BindingContext): string | undefined {
  return ctx.entry.trigger.type === 'eventGrid' ? `app.eventGrid(${json(ctx.entry.name)}, { handler: ${ctx.exportName} });` : undefined;
}

function snsBinding(ctx: BindingContext): TriggerBinding {
  const topicArn = `arn:aws:sns:us-east-1:000000000000:${ctx.entry.name}`;
  const data = { orderId: 'order-1', email: 'user@example.com', status: 'shipped' };
  const gridEvent = { id: 'evt-1', topic: 'topic', subject: 'order-update', eventType: 'Notification', eventTime: SAMPLE_TIME, data, dataVersion: '1.0', metadataVersion: '1' };
  return {
    runtimeImports: { events: ['toSnsEvent'] },
    azureTypes: ['EventGridEvent', 'InvocationContext'],
    signature: '(gridEvent: EventGridEvent, context: InvocationContext): Promise<unknown>',
    buildEvent: `  const event = toSnsEvent(gridEvent, ${json({ topicArn })});`,
    returnResult: `  return invoke();`,
    registration: eventGridRegistration(ctx),
    compare: 'value',
    sample: {
      azureArgs: json(gridEvent),
    },
  };
}

function eventBridgeBinding(ctx: BindingContext): TriggerBinding {
  const detail = { orderId: 'order-1', sku: 'sku-1', quantity: 2, status: 'updated' };
  const gridEvent = { id: 'evt-1', topic: 'topic', subject: 'com.example.app', eventType: 'Sample Event', eventTime: '2026-01-15T08:30:00Z', data: detail, dataVersion: '1.0', metadataVersion: '1' };
  return {
    runtimeImports: { events: ['toEventBridgeEvent'] },
    azureTypes: ['EventGridEvent', 'InvocationContext'],
    signature: '(gridEvent: EventGridEvent, context: InvocationContext): Promise<unknown>',
    buildEvent: `  const event = toEventBridgeEvent(gridEvent);`,
    returnResult: `  return invoke();`,
    registration: eventGridRegistration(ctx),
    compare: 'value',
    sample: {
      azureArgs: json(gridEvent),
    },
  };
}

function scheduleBinding(ctx: BindingContext): TriggerBinding {
  const t = ctx.entry.trigger;
  const ruleArn = `arn:aws:events:us-east-1:000000000000:rule/${ctx.entry.name}`;
  return {
    runtimeImports: { events: ['toScheduledEvent'] },
    azureTypes: ['InvocationContext', 'Timer'],
    signature: '(timer: Timer, context: InvocationContext): Promise<unknown>',
    buildEvent: `  const event = toScheduledEvent(timer, context, ${json({ ruleArn })});`,
    returnResult: `  return invoke();`,
    registration: t.type === 'timer' ? `app.timer(${json(ctx.entry.name)}, ${registrationOptions({ schedule: t.schedule }, ctx.exportName)});` : undefined,
    compare: 'value',
    sample: {
      azureArgs: `{ isPastDue: false, schedule: { adjustForDST: true }, scheduleStatus: { last: ${json(SAMPLE_TIME)}, next: ${json(SAMPLE_TIME)}, lastUpdated: ${json(SAMPLE_TIME)} } }`,
    },
  };
}

function s3Binding(ctx: BindingContext): TriggerBinding {
  const t = ctx.entry.trigger;
  const container = t.type === 'storageBlob' ? (t.path.split('/')[0] ?? 'uploads') : 'uploads';
  const content = 'sample blob content';
  return {
    runtimeImports: { events: ['toS3Event'] },
    azureTypes: ['InvocationContext'],
    signature: '(blob: Buffer, context: InvocationContext): Promise<unknown>',
    buildEvent: `  const event = toS3Event(blob, context, ${json({ bucket: container })});`,
    returnResult: `  return invoke();`,
    registration:
      t.type === 'storageBlob'
        ? `app.storageBlob(${json(ctx.entry.name)}, ${registrationOptions({ path: t.path, connection: t.connection, source: 'EventGrid' }, ctx.exportName)});`
        : undefined,
    compare: 'value',
    sample: {
      azureArgs: `Buffer.from(${json(content)})`,
      triggerMetadata: { blobTrigger: `${container}/incoming/photo-1.jpg`, name: 'incoming/photo-1.jpg', properties: { lastModified: SAMPLE_TIME } },
    },
  };
}

function kinesisBinding(ctx: BindingContext): TriggerBinding {
  const t = ctx.entry.trigger;
  const streamArn = `arn:aws:kinesis:us-east-1:000000000000:stream/${t.type === 'eventHub' ? t.eventHubName : ctx.entry.name}`;
  const messages = [
    { userId: 'user-1', page: '/home', action: 'view' },
    { userId: 'user-2', page: '/cart', action: 'click' },
  ];
  return {
    runtimeImports: { events: ['toKinesisEvent'] },
    azureTypes: ['InvocationContext'],
    signature: '(messages: unknown[], context: InvocationContext): Promise<unknown>',
    buildEvent: `  const event = toKinesisEvent(messages, context, ${json({ streamArn })});`,
    returnResult: `  return invoke();`,
    registration:
      t.type === 'eventHub'
        ? `app.eventHub(${json(ctx.entry.name)}, ${registrationOptions({ eventHubName: t.eventHubName, connection: t.connection, cardinality: 'many', consumerGroup: t.consumerGroup }, ctx.exportName)});`
        : undefined,
    compare: 'value',
    sample: {
      azureArgs: json(messages),
      triggerMetadata: { partitionKeyArray: messages.map((m) => m.userId), sequenceNumberArray: [100, 101] },
    },
  };
}

function dynamoBinding(ctx: BindingContext): TriggerBinding {
  const t = ctx.entry.trigger;
  const streamArn = `arn:aws:dynamodb:us-east-1:000000000000:table/${t.type === 'cosmosDB' ? t.containerName : ctx.entry.name}/stream/1970-01-01T00:00:00.000`;
  const doc = { id: 'order-1', pk: 'order-1', status: 'shipped', total: 42.5, items: ['sku-1'] };
  return {
    runtimeImports: { events: ['toDynamoDbStreamEvent'] },
    azureTypes: ['InvocationContext'],
    signature: '(documents: unknown[], context: InvocationContext): Promise<unknown>',
    todo: { ruleId: RULE_CHANGE_FEED, message: 'the Cosmos DB change feed delivers neither deletes nor old images; every record arrives as MODIFY with NewImage only.' },
    buildEvent: `  const event = toDynamoDbStreamEvent(documents, ${json({ streamArn, keyNames: ['id', 'pk'] })});`,
    returnResult: `  return invoke();`,
    registration:
      t.type === 'cosmosDB'
        ? `app.cosmosDB(${json(ctx.entry.name)}, ${registrationOptions({ connection: t.connection, databaseName: t.databaseName, containerName: t.containerName, leaseContainerName: t.leaseContainerName, createLeaseContainerIfNotExists: t.createLeaseContainerIfNotExists }, ctx.exportName)});`
        : undefined,
    compare: 'value',
    sample: {
      azureArgs: json([doc]),
    },
  };
}

/** Anything else: the trigger payload is handed to the handler unchanged (the user wires the shape; a TODO says so). */
function passthroughBinding(ctx: BindingContext): TriggerBinding {
  const t = ctx.entry.trigger;
  let registration: string | undefined;
  if (t.type === 'kafka') {
    registration = `app.generic(${json(ctx.entry.name)}, { trigger: trigger.generic(${json({ type: 'kafkaTrigger', name: 'event', topic: t.topic, brokerList: t.brokerList, consumerGroup: t.consumerGroup })}), handler: ${ctx.exportName} });`;
  } else if (t.type === 'rabbitMQ') {
    registration = `app.generic(${json(ctx.entry.name)}, { trigger: trigger.generic(${json({ type: 'rabbitMQTrigger', name: 'event', queueName: t.queueName, connectionStringSetting: t.connectionStringSetting })}), handler: ${ctx.exportName} });`;
  }
  const sample = { records: [{ id: 'record-1', value: 'sample' }] };
  return {
    runtimeImports: {},
    azureTypes: ['InvocationContext'],
    signature: '(input: unknown, context: InvocationContext): Promise<unknown>',
    todo: { ruleId: RULE_PASSTHROUGH, message: `no mapping from this trigger's payload to the Lambda ${ctx.entry.lambdaEvent} event; the input is passed through unchanged.` },
    buildEvent: `  const event = input;`,
    returnResult: `  return invoke();`,
    registration,
    compare: 'value',
    sample: { azureArgs: json(sample) },
  };
}

export function triggerBinding(ctx: BindingContext): TriggerBinding {
  const { entry } = ctx;
  const t = entry.trigger;
  switch (entry.lambdaEvent) {
    case 'api-gateway-rest':
      if (t.type === 'http') return httpBinding(ctx, '1.0');
      break;
    case 'api-gateway-http':
      if (t.type === 'http') return httpBinding(ctx, entry.payloadFormat === '1.0' ? '1.0' : '2.0');
      break;
    case 'function-url':
      if (t.type === 'http') return httpBinding(ctx, '2.0');
      break;
    case 'alb':
      if (t.type === 'http') return httpBinding(ctx, 'alb');
      break;
    case 'direct-invoke':
      if (t.type === 'http') return httpBinding(ctx, 'direct');
      break;
    case 'sqs':
      if (t.type === 'storageQueue' || t.type === 'serviceBusQueue') return sqsBinding(ctx);
      break;
    case 'sns':
      if (t.type === 'eventGrid') return snsBinding(ctx);
      break;
    case 'eventbridge-rule':
      if (t.type === 'eventGrid') return eventBridgeBinding(ctx);
      if (t.type === 'timer') return scheduleBinding(ctx);
      break;
    case 'schedule':
      if (t.type === 'timer') return scheduleBinding(ctx);
      break;
    case 's3':
      if (t.type === 'storageBlob') return s3Binding(ctx);
      break;
    case 'kinesis':
      if (t.type === 'eventHub') return kinesisBinding(ctx);
      break;
    case 'dynamodb-stream':
      if (t.type === 'cosmosDB') return dynamoBinding(ctx);
      break;
    default:
      break;
  }
  return passthroughBinding(ctx);
}

/** Which Azure trigger types can stand in for a Lambda event source (a plan edit outside this is rejected). */
export const COMPATIBLE_TRIGGERS: Partial<Record<PlannedEntry['lambdaEvent'], readonly string[]>> = {
  'api-gateway-rest': ['http'],
  'api-gateway-http': ['http'],
  'function-url': ['http'],
  alb: ['http'],
  websocket: ['http'],
  'direct-invoke': ['http'],
  sqs: ['storageQueue', 'serviceBusQueue'],
  sns: ['eventGrid', 'serviceBusTopic'],
  'eventbridge-rule': ['eventGrid', 'timer', 'serviceBusTopic'],
  schedule: ['timer'],
  s3: ['storageBlob', 'eventGrid'],
  kinesis: ['eventHub'],
  'dynamodb-stream': ['cosmosDB'],
  kafka: ['kafka', 'eventHub'],
  mq: ['rabbitMQ', 'serviceBusQueue'],
};

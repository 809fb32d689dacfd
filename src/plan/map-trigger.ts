// Lambda event source → Azure trigger binding and the target resources the Bicep creates or references.
// One small mapping function per trigger kind in TRIGGER_MAPPERS: adding a trigger mapping touches one place.

import { displayResolvable, isSymbolic, type LambdaFunction, type Trigger, type TriggerKind } from '../model/inventory.js';
import type { AzureTrigger, PlannedEntry, TargetResource } from '../model/plan.js';
import { mapScheduleExpression } from './schedule.js';
import { functionName, resourceTail, settingName, slug, storageName } from './names.js';

export const CONNECTIONS = {
  storage: 'AzureWebJobsStorage',
  serviceBus: 'ServiceBusConnection',
  eventHub: 'EventHubConnection',
  cosmos: 'CosmosDBConnection',
  kafkaBrokers: 'KafkaBrokerList',
  rabbitMQ: 'RabbitMQConnection',
} as const;

export interface MappedTrigger {
  entries: Omit<PlannedEntry, 'name'>[];
  resources: TargetResource[];
}

type Mapper<K extends TriggerKind> = (t: Extract<Trigger, { kind: K }>, fn: LambdaFunction) => MappedTrigger;

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** API Gateway path → Azure route: no leading slash, `{proxy+}` → `{*proxy}`. */
export function mapRoute(p: string): string {
  return p.replace(/^\/+/, '').replace(/\{([A-Za-z0-9_]+)\+\}/g, '{*$1}') || '/';
}

function methods(m: string): string[] {
  const up = m.toUpperCase();
  return up === 'ANY' || up === '*' || up === 'X-AMAZON-APIGATEWAY-ANY-METHOD' ? ALL_METHODS : [up];
}

function one(t: Trigger, lambdaEvent: PlannedEntry['lambdaEvent'], trigger: AzureTrigger, resources: TargetResource[] = [], payloadFormat?: '1.0' | '2.0'): MappedTrigger {
  return { entries: [{ triggerId: t.id, lambdaEvent, trigger, ...(payloadFormat ? { payloadFormat } : {}) }], resources };
}

const none = (t: Trigger, reason: string): MappedTrigger => one(t, t.kind, { type: 'none', reason });

/** Scale-out of one SQS queue: Service Bus when ordering, partial batch failure or dead-lettering matter. */
export function needsServiceBus(t: Extract<Trigger, { kind: 'sqs' }>, fn: LambdaFunction): boolean {
  return Boolean(t.fifo || t.reportBatchItemFailures || fn.deadLetter);
}

function eventGridFilters(pattern: unknown): { key: string; operator: string; values: (string | number | boolean)[] }[] {
  const out: { key: string; operator: string; values: (string | number | boolean)[] }[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const key = prefix ? `${prefix}.${k}` : k === 'detail-type' ? 'type' : k === 'detail' ? 'data' : k;
      if (Array.isArray(v)) {
        const scalars = v.filter((x): x is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof x));
        // Only plain value lists are expressible as StringIn/NumberIn; content filters (prefix, numeric, anything-but) are findings.
        if (scalars.length === v.length && scalars.length > 0) {
          out.push({ key, operator: scalars.every((x) => typeof x === 'number') ? 'NumberIn' : scalars.every((x) => typeof x === 'boolean') ? 'BoolEquals' : 'StringIn', values: scalars.slice(0, 25) });
        }
      } else if (v && typeof v === 'object') walk(v, key === 'data' || prefix ? key : `data.${key}`);
    }
  };
  walk(pattern, '');
  return out;
}

export const TRIGGER_MAPPERS: { [K in TriggerKind]: Mapper<K> } = {
  'api-gateway-rest': (t) =>
    one(t, t.kind, { type: 'http', route: mapRoute(t.path), methods: methods(t.method), authLevel: (t.authorizer && t.authorizer.type !== 'NONE') || t.apiKeyRequired ? 'function' : 'anonymous' }, [], '1.0'),
  'api-gateway-http': (t) =>
    one(t, t.kind, { type: 'http', route: mapRoute(t.path === '$default' ? '{*path}' : t.path), methods: methods(t.method), authLevel: t.authorizer && t.authorizer.type !== 'NONE' ? 'function' : 'anonymous' }, [], t.payloadFormatVersion ?? '2.0'),
  'function-url': (t, fn) => one(t, t.kind, { type: 'http', route: slug(fn.name) || 'fn', methods: ALL_METHODS, authLevel: t.authType === 'AWS_IAM' ? 'function' : 'anonymous' }, [], '2.0'),
  alb: (t, fn) => one(t, t.kind, { type: 'http', route: mapRoute((t.conditions?.path?.[0] ?? slug(fn.name)).replace(/\*$/, '{*path}')), methods: t.conditions?.method?.length ? t.conditions.method.map((m) => m.toUpperCase()) : ALL_METHODS, authLevel: 'anonymous' }, [], '1.0'),
  sqs: (t, fn) => {
    const name = storageName(resourceTail(t.queue, `${fn.name}-queue`));
    const source = t.queue !== undefined ? { source: isSymbolic(t.queue) ? t.queue.symbol.replace(/^GetAtt:(.+)\.Arn$/, 'Ref:$1') : t.queue } : {};
    if (needsServiceBus(t, fn)) {
      return one(t, t.kind, { type: 'serviceBusQueue', queueName: name, connection: CONNECTIONS.serviceBus, ...(t.fifo ? { isSessionsEnabled: true } : {}) }, [
        { kind: 'service-bus-queue', name, maxDeliveryCount: 5, lockDuration: 'PT1M', deadLetteringOnMessageExpiration: true, ...(t.fifo ? { requiresSession: true } : {}), ...source },
      ]);
    }
    return one(t, t.kind, { type: 'storageQueue', queueName: name, connection: CONNECTIONS.storage }, [{ kind: 'storage-queue', name, maxDequeueCount: 5, ...source }]);
  },
  sns: (t, fn) => {
    const topic = slug(resourceTail(t.topic, `${fn.name}-topic`)) || 'topic';
    const filters = t.filterPolicy ? eventGridFilters(t.filterPolicy).map((f) => ({ ...f, key: f.key.startsWith('data.') ? f.key : `data.${f.key}` })) : [];
    return one(t, t.kind, { type: 'eventGrid' }, [{ kind: 'event-grid-topic', name: topic, functionName: '', ...(filters.length ? { filters } : {}) }]);
  },
  s3: (t, fn) => {
    const container = storageName(resourceTail(t.bucket, `${fn.name}-bucket`));
    const eventTypes = [...new Set(t.events.map((e) => (/ObjectRemoved/.test(e) ? 'Microsoft.Storage.BlobDeleted' : 'Microsoft.Storage.BlobCreated')))].sort();
    return one(t, t.kind, { type: 'storageBlob', path: `${container}/{name}`, connection: CONNECTIONS.storage, source: 'EventGrid' }, [
      { kind: 'blob-container', name: container, ...(t.bucket !== undefined ? { source: isSymbolic(t.bucket) ? t.bucket.symbol.replace(/^GetAtt:(.+)\.Arn$/, 'Ref:$1') : t.bucket } : {}) },
      {
        kind: 'event-grid-blob-subscription',
        name: slug(`${container}-${fn.name}`, 64),
        container,
        functionName: '',
        eventTypes,
        ...(t.prefix ? { subjectBeginsWith: `/blobServices/default/containers/${container}/blobs/${t.prefix}` } : {}),
        ...(t.suffix ? { subjectEndsWith: t.suffix } : {}),
      },
    ]);
  },
  'eventbridge-rule': (t, fn) => {
    const bus = t.eventBus ? slug(resourceTail(t.eventBus, 'default')) : 'default';
    const filters = eventGridFilters(t.pattern);
    return one(t, t.kind, { type: 'eventGrid' }, [{ kind: 'event-grid-topic', name: bus === 'default' ? `${slug(fn.stack ?? 'app') || 'app'}-events` : bus, functionName: '', ...(filters.length ? { filters } : {}) }]);
  },
  schedule: (t, fn) => {
    const tr = mapScheduleExpression(t.expression);
    if (!tr.ok) return none(t, tr.reason);
    return one(t, t.kind, { type: 'timer', schedule: tr.ncrontab, scheduleSetting: `TIMER_${settingName(`${fn.name}_${t.id}`)}_SCHEDULE` });
  },
  'dynamodb-stream': (t, fn) => {
    const table = resourceTail(t.stream, `${fn.name}-table`).replace(/\/stream.*$/, '');
    const container = slug(table) || 'items';
    return one(t, t.kind, { type: 'cosmosDB', connection: CONNECTIONS.cosmos, databaseName: 'migrated', containerName: container, leaseContainerName: 'leases', createLeaseContainerIfNotExists: false }, [
      { kind: 'cosmos-db-existing', name: 'cosmos', database: 'migrated', container, leaseContainer: 'leases' },
    ]);
  },
  kinesis: (t, fn) => {
    const hub = slug(resourceTail(t.stream, `${fn.name}-stream`)) || 'stream';
    return one(t, t.kind, { type: 'eventHub', eventHubName: hub, connection: CONNECTIONS.eventHub, cardinality: 'many', consumerGroup: '$Default' }, [
      { kind: 'event-hub', name: hub, partitionCount: 4, consumerGroup: '$Default' },
    ]);
  },
  kafka: (t) => ({
    entries: (t.topics.length ? t.topics : ['topic']).map((topic) => ({ triggerId: t.id, lambdaEvent: t.kind, trigger: { type: 'kafka', topic, brokerList: `%${CONNECTIONS.kafkaBrokers}%`, ...(t.consumerGroupId ? { consumerGroup: t.consumerGroupId } : {}) } })),
    resources: [],
  }),
  mq: (t) =>
    (t.engine ?? '').toLowerCase() === 'rabbitmq'
      ? { entries: (t.queues.length ? t.queues : ['queue']).map((q) => ({ triggerId: t.id, lambdaEvent: t.kind, trigger: { type: 'rabbitMQ', queueName: q, connectionStringSetting: CONNECTIONS.rabbitMQ } })), resources: [] }
      : none(t, `Amazon MQ ${t.engine ?? 'ActiveMQ'} has no Functions trigger; move the broker to Service Bus Premium (JMS) and rewire`),
  'cloudwatch-logs': (t, fn) => {
    const hub = slug(`${fn.name}-logs`) || 'logs';
    return one(t, t.kind, { type: 'eventHub', eventHubName: hub, connection: CONNECTIONS.eventHub, cardinality: 'many', consumerGroup: '$Default' }, [{ kind: 'event-hub', name: hub, partitionCount: 2, consumerGroup: '$Default' }]);
  },
  cognito: (t) => none(t, `Cognito user-pool triggers (${t.triggers.join(', ') || 'unknown'}) have no Functions trigger; Entra External ID custom authentication extensions call an HTTP endpoint instead`),
  iot: (t, fn) => {
    const hub = slug(`${fn.name}-iot`) || 'iot';
    return one(t, t.kind, { type: 'eventHub', eventHubName: hub, connection: CONNECTIONS.eventHub, cardinality: 'many', consumerGroup: '$Default' }, [{ kind: 'event-hub', name: hub, partitionCount: 2, consumerGroup: '$Default' }]);
  },
  websocket: (t) => none(t, `API Gateway WebSocket route ${t.route} has no Functions trigger; use Azure Web PubSub or SignalR Service bindings`),
  unknown: (t) => none(t, `event source ${t.sourceType} has no known Azure Functions equivalent`),
};

export function mapTrigger(t: Trigger, fn: LambdaFunction): MappedTrigger {
  return (TRIGGER_MAPPERS[t.kind] as Mapper<typeof t.kind>)(t as never, fn);
}

/** All entries of a Lambda: one per trigger, or a direct-invoke HTTP entry when it has none. */
export function mapFunctionTriggers(fn: LambdaFunction): { entries: PlannedEntry[]; resources: TargetResource[] } {
  const enabled = fn.triggers;
  const base = functionName(fn.name);
  if (enabled.length === 0) {
    return { entries: [{ name: base, lambdaEvent: 'direct-invoke', trigger: { type: 'http', route: `invoke/${slug(fn.name) || 'fn'}`, methods: ['POST'], authLevel: 'function' } }], resources: [] };
  }
  const mapped = enabled.map((t) => mapTrigger(t, fn));
  const flat = mapped.flatMap((m) => m.entries);
  const entries = flat.map((e, i) => ({ name: flat.length === 1 ? base : functionName(`${base}-${e.triggerId ?? i}`), ...e }));
  const resources = mapped.flatMap((m) => m.resources).map((r) => {
    // The Event Grid subscription targets one Azure function: name it now that entry names are known.
    if (r.kind === 'event-grid-blob-subscription' || r.kind === 'event-grid-topic') {
      const idx = mapped.findIndex((m) => m.resources.includes(r));
      const entry = entries.find((e) => e.triggerId === enabled[idx]?.id);
      return { ...r, functionName: entry?.name ?? base };
    }
    return r;
  });
  return { entries, resources };
}

export function displayTriggerSource(t: Trigger): string {
  switch (t.kind) {
    case 'api-gateway-rest':
    case 'api-gateway-http':
      return `${t.method} ${t.path}`;
    case 'sqs':
      return displayResolvable(t.queue);
    case 'sns':
      return displayResolvable(t.topic);
    case 's3':
      return displayResolvable(t.bucket);
    case 'schedule':
      return t.expression;
    case 'dynamodb-stream':
    case 'kinesis':
      return displayResolvable(t.stream);
    case 'websocket':
      return t.route;
    default:
      return t.id;
  }
}

// Building blocks of the plan mappings: one entry with its resources, "no Azure trigger", HTTP routes and methods,
// Event Grid advanced filters, and the app settings that hold trigger connections.

import type { Trigger } from '../../model/inventory.js';
import type { AzureTrigger, PlannedEntry, TargetResource } from '../../model/plan.js';
import type { MappedTrigger } from '../module.js';

export const CONNECTIONS = {
  storage: 'AzureWebJobsStorage',
  serviceBus: 'ServiceBusConnection',
  eventHub: 'EventHubConnection',
  cosmos: 'CosmosDBConnection',
  kafkaBrokers: 'KafkaBrokerList',
  rabbitMQ: 'RabbitMQConnection',
} as const;

export const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** API Gateway path → Azure route: no leading slash, `{proxy+}` → `{*proxy}`. */
export function mapRoute(p: string): string {
  return p.replace(/^\/+/, '').replace(/\{([A-Za-z0-9_]+)\+\}/g, '{*$1}') || '/';
}

export function methods(m: string): string[] {
  const up = m.toUpperCase();
  return up === 'ANY' || up === '*' || up === 'X-AMAZON-APIGATEWAY-ANY-METHOD' ? ALL_METHODS : [up];
}

export function one(t: Trigger, trigger: AzureTrigger, resources: TargetResource[] = [], payloadFormat?: '1.0' | '2.0'): MappedTrigger {
  const entry: Omit<PlannedEntry, 'name'> = { triggerId: t.id, lambdaEvent: t.kind, trigger, ...(payloadFormat ? { payloadFormat } : {}) };
  return { entries: [entry], resources };
}

/** No Azure Functions trigger fits: convert leaves the registration to the user (CAP-I010). */
export const none = (t: Trigger, reason: string): MappedTrigger => one(t, { type: 'none', reason });

/** An Event Hub (and its trigger) receiving what the source delivered: Kinesis records, IoT messages, log events. */
export function eventHub(t: Trigger, hub: string, partitionCount: number): MappedTrigger {
  return one(t, { type: 'eventHub', eventHubName: hub, connection: CONNECTIONS.eventHub, cardinality: 'many', consumerGroup: '$Default' }, [
    { kind: 'event-hub', name: hub, partitionCount, consumerGroup: '$Default' },
  ]);
}

export type EventGridFilter = { key: string; operator: string; values: (string | number | boolean)[] };

/**
 * Advanced-filter keys of the envelope of a CloudEvents 1.0 event (the schema of the generated topics and their
 * subscriptions), by the EventBridge field they replace: Event Grid documents `EventId`, `Source`, `EventType`,
 * `EventTypeVersion` and `data.*` for CloudEvents subscriptions. Other EventBridge envelope fields (account, region,
 * resources, time) have no CloudEvents counterpart and are not expressible.
 */
const CLOUD_EVENT_FILTER_KEYS: Readonly<Record<string, string>> = { source: 'Source', 'detail-type': 'EventType', id: 'EventId' };

/**
 * An EventBridge pattern (`envelope`: its top level is the event envelope, `detail` its data) or an SNS filter policy
 * (every key is a message attribute, carried in the event data) → Event Grid advanced filters, where a plain value
 * list expresses it.
 */
export function eventGridFilters(pattern: unknown, envelope = false): EventGridFilter[] {
  const out: EventGridFilter[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      let key = `${prefix}.${k}`;
      if (prefix === '' && envelope) {
        if (k === 'detail') {
          walk(v, 'data');
          continue;
        }
        const mapped = CLOUD_EVENT_FILTER_KEYS[k];
        if (!mapped) continue;
        key = mapped;
      } else if (prefix === '') key = `data.${k}`;
      if (Array.isArray(v)) {
        const scalars = v.filter((x): x is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof x));
        // Only plain value lists are expressible as StringIn/NumberIn; content filters (prefix, numeric, anything-but) are findings.
        if (scalars.length === v.length && scalars.length > 0) {
          out.push({ key, operator: scalars.every((x) => typeof x === 'number') ? 'NumberIn' : scalars.every((x) => typeof x === 'boolean') ? 'BoolEquals' : 'StringIn', values: scalars.slice(0, 25) });
        }
      } else if (v && typeof v === 'object' && key.startsWith('data.')) walk(v, key);
    }
  };
  walk(pattern, '');
  return out;
}

// Service Bus (queues, topics, subscriptions with SQL filters; dead-letter settings from the Lambda DLQ/retry config)
// and Event Hubs (hubs and consumer groups). Local (SAS) auth is disabled: apps connect with their identity.

import type { BicepFile, Decl } from '../bicep/ast.js';
import { bool, num, obj, str, sym } from '../bicep/expr.js';
import { API } from './api-versions.js';
import { locationAndTags, param, resource } from './common.js';
import type { Estate } from './estate.js';
import { pascal, SymbolTable } from './names.js';
import { replacesDescription } from './replaces.js';

export const SERVICE_BUS_MODULE = 'infra/modules/service-bus.bicep';
export const EVENT_HUBS_MODULE = 'infra/modules/event-hubs.bicep';

export function buildServiceBusModule(estate: Estate): BicepFile {
  const symbols = new SymbolTable(['location', 'tags', 'namespaceName', 'serviceBus']);
  const decls: Decl[] = [
    ...locationAndTags,
    param('namespaceName', 'string', 'Service Bus namespace name'),
    resource('serviceBus', ['Microsoft.ServiceBus/namespaces', API.serviceBus], {
      name: sym('namespaceName'),
      location: sym('location'),
      tags: sym('tags'),
      sku: obj({ name: str('Standard'), tier: str('Standard') }),
      properties: obj({ disableLocalAuth: bool(true), minimumTlsVersion: str('1.2'), publicNetworkAccess: str('Enabled') }),
    }),
  ];
  for (const q of estate.serviceBusQueues) {
    decls.push(
      resource(
        symbols.take(`queue${pascal(q.name)}`),
        ['Microsoft.ServiceBus/namespaces/queues', API.serviceBus],
        {
          name: str(q.name),
          properties: obj({
            maxDeliveryCount: num(q.maxDeliveryCount),
            requiresSession: q.requiresSession === undefined ? undefined : bool(q.requiresSession),
            lockDuration: q.lockDuration === undefined ? undefined : str(q.lockDuration),
            defaultMessageTimeToLive: q.defaultMessageTimeToLive === undefined ? undefined : str(q.defaultMessageTimeToLive),
            deadLetteringOnMessageExpiration: q.deadLetteringOnMessageExpiration === undefined ? undefined : bool(q.deadLetteringOnMessageExpiration),
          }),
        },
        { parent: 'serviceBus', description: `Used by ${q.apps.join(', ')}; messages dead-letter after ${q.maxDeliveryCount} deliveries` },
      ),
    );
  }
  for (const t of estate.serviceBusTopics) {
    const topicSymbol = symbols.take(`topic${pascal(t.name)}`);
    decls.push(
      resource(topicSymbol, ['Microsoft.ServiceBus/namespaces/topics', API.serviceBus], { name: str(t.name) }, { parent: 'serviceBus', description: `Used by ${t.apps.join(', ')}` }),
    );
    for (const s of t.subscriptions) {
      const subSymbol = symbols.take(`${topicSymbol}Sub${pascal(s.name)}`);
      decls.push(
        resource(
          subSymbol,
          ['Microsoft.ServiceBus/namespaces/topics/subscriptions', API.serviceBus],
          { name: str(s.name), properties: obj({ maxDeliveryCount: num(s.maxDeliveryCount), deadLetteringOnFilterEvaluationExceptions: bool(true) }) },
          { parent: topicSymbol },
        ),
      );
      if (s.sqlFilter !== undefined) {
        decls.push(
          resource(
            symbols.take(`${subSymbol}Filter`),
            ['Microsoft.ServiceBus/namespaces/topics/subscriptions/rules', API.serviceBus],
            { name: str('migrated-filter'), properties: obj({ filterType: str('SqlFilter'), sqlFilter: obj({ sqlExpression: str(s.sqlFilter) }) }) },
            { parent: subSymbol, description: 'The SNS filter policy, as a Service Bus SQL filter' },
          ),
        );
      }
    }
  }
  decls.push(
    { kind: 'output', name: 'name', type: 'string', value: sym('serviceBus', 'name') },
    { kind: 'output', name: 'id', type: 'string', value: sym('serviceBus', 'id') },
  );
  return {
    path: SERVICE_BUS_MODULE,
    header: ['Service Bus: the queues and topics that replace SQS FIFO/SNS fan-out, with the Lambda retry budget as maxDeliveryCount.'],
    decls,
  };
}

export function buildEventHubsModule(estate: Estate): BicepFile {
  const symbols = new SymbolTable(['location', 'tags', 'namespaceName', 'eventHubs']);
  const decls: Decl[] = [
    ...locationAndTags,
    param('namespaceName', 'string', 'Event Hubs namespace name'),
    resource('eventHubs', ['Microsoft.EventHub/namespaces', API.eventHub], {
      name: sym('namespaceName'),
      location: sym('location'),
      tags: sym('tags'),
      sku: obj({ name: str('Standard'), tier: str('Standard'), capacity: num(1) }),
      properties: obj({ disableLocalAuth: bool(true), minimumTlsVersion: str('1.2'), publicNetworkAccess: str('Enabled') }),
    }),
  ];
  for (const h of estate.eventHubs) {
    const hub = symbols.take(`hub${pascal(h.name)}`);
    decls.push(
      resource(
        hub,
        ['Microsoft.EventHub/namespaces/eventhubs', API.eventHub],
        { name: str(h.name), properties: obj({ partitionCount: num(h.partitionCount), messageRetentionInDays: num(h.retentionInDays ?? 1) }) },
        { parent: 'eventHubs', description: `${replacesDescription(estate.apps, (e) => e.trigger.type === 'eventHub' && e.trigger.eventHubName === h.name, h.name, `Event hub '${h.name}'`)} (used by ${h.apps.join(', ')})` },
      ),
    );
    if (h.consumerGroup !== '$Default') {
      decls.push(
        resource(symbols.take(`${hub}Group`), ['Microsoft.EventHub/namespaces/eventhubs/consumergroups', API.eventHub], { name: str(h.consumerGroup) }, { parent: hub }),
      );
    }
  }
  decls.push(
    { kind: 'output', name: 'name', type: 'string', value: sym('eventHubs', 'name') },
    { kind: 'output', name: 'id', type: 'string', value: sym('eventHubs', 'id') },
  );
  return {
    path: EVENT_HUBS_MODULE,
    header: ['Event Hubs: the hubs and consumer groups that replace Kinesis streams and receive IoT messages and log subscriptions.'],
    decls,
  };
}

// EventBridge rules in Node: the Event Grid event becomes the EventBridge event (detail-type, source, detail).

import { eventGridRegistration, json, type BindingContext, type TriggerBinding } from '../shared/node-binding.js';

export function eventBridgeBinding(ctx: BindingContext): TriggerBinding {
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

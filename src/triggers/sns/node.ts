// SNS in Node: the Event Grid event carrying the message becomes an SNS notification record.

import { eventGridRegistration, json, SAMPLE_TIME, type BindingContext, type TriggerBinding } from '../shared/node-binding.js';

export function snsBinding(ctx: BindingContext): TriggerBinding {
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

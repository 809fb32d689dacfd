// Kinesis in Node: an Event Hubs batch becomes a Kinesis batch (base64 data, partition keys, sequence numbers).

import { eventHubRegistration, json, type BindingContext, type TriggerBinding } from '../shared/node-binding.js';

export function kinesisBinding(ctx: BindingContext): TriggerBinding {
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
    registration: eventHubRegistration(ctx),
    compare: 'value',
    sample: {
      azureArgs: json(messages),
      triggerMetadata: { partitionKeyArray: messages.map((m) => m.userId), sequenceNumberArray: [100, 101] },
    },
  };
}

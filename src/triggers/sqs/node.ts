// SQS in Node: one Azure queue message becomes a Lambda batch of one; a batch item failure fails the invocation.

import { json, registrationOptions, SAMPLE_TIME, type BindingContext, type TriggerBinding } from '../shared/node-binding.js';

export function sqsBinding(ctx: BindingContext): TriggerBinding {
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

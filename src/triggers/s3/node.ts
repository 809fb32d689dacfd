// S3 in Node: the Event Grid blob trigger's blob becomes an S3 ObjectCreated record.

import { json, registrationOptions, SAMPLE_TIME, type BindingContext, type TriggerBinding } from '../shared/node-binding.js';

export function s3Binding(ctx: BindingContext): TriggerBinding {
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

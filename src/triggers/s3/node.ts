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
      lambdaEvent: {
        Records: [
          {
            eventVersion: '2.1',
            eventSource: 'aws:s3',
            awsRegion: 'us-east-1',
            eventTime: SAMPLE_TIME,
            eventName: 'ObjectCreated:Put',
            s3: { s3SchemaVersion: '1.0', bucket: { name: container, arn: `arn:aws:s3:::${container}` }, object: { key: 'incoming/photo-1.jpg', size: content.length } },
          },
        ],
      },
      azureArgs: `Buffer.from(${json(content)})`,
      triggerMetadata: { blobTrigger: `${container}/incoming/photo-1.jpg`, name: 'incoming/photo-1.jpg', properties: { lastModified: SAMPLE_TIME } },
    },
  };
}

// S3 notifications → a blob container with an Event Grid blob trigger (prefix/suffix as subject filters). Read from
// SAM `S3`, Serverless `s3`, AWS::S3::Bucket notification configurations, permissions, live bucket notifications.

import { displayResolvable, type Resolvable } from '../../model/inventory.js';
import { asArray, asRecord } from '../../discover/templates/context.js';
import { awsSource, resourceTail, slug, storageName } from '../../plan/names.js';
import type { TriggerModule } from '../module.js';
import { grant } from '../shared/roles.js';
import { cfnBase, cfnStrings, targetFunction } from '../shared/cfn-input.js';
import { passthroughBinding } from '../shared/node-binding.js';
import { CONNECTIONS, one } from '../shared/plan.js';
import { pyEventGrid } from '../shared/python-binding.js';
import { samBase, samStrings, samStr } from '../shared/sam-input.js';
import { slsLit, slsNames, slsVal } from '../shared/serverless-input.js';
import { Symbolic } from '../../discover/templates/symbolic.js';
import { s3Binding } from './node.js';
import type { S3Trigger } from './types.js';

/** `Filter.S3Key.Rules` (SAM and CloudFormation): prefix and suffix. */
function keyFilter(rules: unknown, literal: (v: unknown) => string | undefined): Pick<S3Trigger, 'prefix' | 'suffix'> {
  const out: Pick<S3Trigger, 'prefix' | 'suffix'> = {};
  for (const rule of asArray(rules)) {
    const name = literal(asRecord(rule).Name)?.toLowerCase();
    const value = literal(asRecord(rule).Value);
    if (name === 'prefix' && value !== undefined) out.prefix = value;
    if (name === 'suffix' && value !== undefined) out.suffix = value;
  }
  return out;
}

export const s3: TriggerModule<'s3'> = {
  kind: 's3',
  discover: {
    sam: {
      S3: (e) => ({
        ...samBase(e),
        kind: 's3',
        bucket: samStr(e, e.props.Bucket) ?? { symbol: 'unknown-bucket' },
        events: samStrings(e, e.props.Events),
        ...keyFilter(asRecord(asRecord(e.props.Filter).S3Key).Rules, (v) => e.ctx.resolver.literal(v)),
      }),
    },
    serverless: {
      s3: (e) => {
        const bucket = typeof e.spec === 'string' || e.spec instanceof Symbolic ? slsVal(e.ctx, e.spec) : slsVal(e.ctx, e.o.bucket);
        const t: S3Trigger = { ...e.base, kind: 's3', bucket: bucket ?? { symbol: 'unknown-bucket' }, events: e.o.event !== undefined ? slsNames(e.ctx, e.o.event) : ['s3:ObjectCreated:*'] };
        for (const rule of asArray(e.o.rules)) {
          const rr = asRecord(rule);
          if (slsLit(rr.prefix) !== undefined) t.prefix = slsLit(rr.prefix);
          if (slsLit(rr.suffix) !== undefined) t.suffix = slsLit(rr.suffix);
        }
        if (e.o.existing === true) t.existing = true;
        return [t];
      },
    },
    cloudFormation: {
      resources: {
        'AWS::S3::Bucket': (j, logicalId, props) => {
          const r = j.ctx.resolver;
          const bucket: Resolvable = r.literal(props.BucketName) ?? { symbol: `Ref:${logicalId}` };
          asArray(asRecord(props.NotificationConfiguration).LambdaConfigurations).forEach((c, i) => {
            const cfg = asRecord(c);
            const fn = targetFunction(j, cfg.Function);
            if (!fn) return;
            const filter = keyFilter(asRecord(asRecord(cfg.Filter).S3Key).Rules, (v) => r.literal(v));
            fn.triggers.push({ ...cfnBase(j, logicalId, props), id: `${logicalId}#${i}`, kind: 's3', bucket, events: cfnStrings(j, cfg.Event), ...filter });
          });
        },
      },
      permission: {
        principal: 's3.amazonaws.com',
        covers: (t) => t.kind === 's3',
        build: ({ base, src, sourceId }) => ({ ...base, kind: 's3', bucket: sourceId ? { symbol: `Ref:${sourceId}` } : src, events: [] }),
      },
    },
    live: { enricher: 'enrich-s3.ts' },
  },
  plan: {
    map: (t, fn) => {
      const container = storageName(resourceTail(t.bucket, `${fn.name}-bucket`));
      const eventTypes = [...new Set(t.events.map((e) => (/ObjectRemoved/.test(e) ? 'Microsoft.Storage.BlobDeleted' : 'Microsoft.Storage.BlobCreated')))].sort();
      return one(t, { type: 'storageBlob', path: `${container}/{name}`, connection: CONNECTIONS.storage, source: 'EventGrid' }, [
        { kind: 'blob-container', name: container, ...(t.bucket !== undefined ? { source: awsSource(t.bucket) } : {}) },
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
    roles: (m) =>
      m.resources.flatMap((r) =>
        r.kind === 'blob-container'
          ? [
              grant('blobOwner', { kind: 'storage-account' }, `Event Grid blob trigger on container ${r.name}`),
              grant('queueContributor', { kind: 'storage-account' }, `blob trigger poison-message queue for ${r.name}`),
            ]
          : [],
      ),
    display: (t) => displayResolvable(t.bucket),
    http: false,
    drain: false,
    dataStore: false,
    compatible: ['storageBlob', 'eventGrid'],
  },
  convert: {
    node: (ctx) => (ctx.entry.trigger.type === 'storageBlob' ? s3Binding(ctx) : passthroughBinding(ctx)),
    python: (c) => {
      const t = c.entry.trigger;
      if (t.type !== 'storageBlob') return pyEventGrid(c, 'eventbridge_event(grid_event)');
      const bucket = t.path.split('/')[0] ?? 'uploads';
      return [
        c.name,
        `@app.blob_trigger(arg_name="blob", path=${JSON.stringify(t.path)}, connection=${JSON.stringify(t.connection)}, source=func.BlobSource.EVENT_GRID)`,
        `def ${c.ident}(blob: func.InputStream, context: func.Context) -> None:`,
        c.load,
        `    handler(s3_event(blob, ${JSON.stringify(bucket)}), ${c.lambdaContext})`,
      ];
    },
  },
  emit: {
    replaces: (name) => `the S3 bucket '${name}'`,
    cutover: (_fn, _entry, bucket = '"$BUCKET"') => ({
      cutover: `Point the uploaders at the Azure container (the blob trigger fires there), then remove the S3 notification: \`aws s3api get-bucket-notification-configuration --bucket ${bucket} > s3-notification-backup.json\` and \`aws s3api put-bucket-notification-configuration --bucket ${bucket} --notification-configuration '{}'\``,
      failback: `Point the uploaders back at S3 and restore the notification: \`aws s3api put-bucket-notification-configuration --bucket ${bucket} --notification-configuration file://s3-notification-backup.json\``,
    }),
  },
};

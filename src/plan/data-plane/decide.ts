// Move or stay, per resource: the Azure counterpart of each service (mechanical mappings move by default) and the
// user's `--keep-in-aws <service>[:<name>]` / `.migraterc.yaml keepInAws` entries, which keep a resource in AWS
// behind keyless web-identity federation. An entry that matches no resource is an error: a typo would otherwise
// silently move data the team meant to keep.

import type { DataResource, DataService, TargetResource } from '../../model/plan.js';
import { MigrateError } from '../../util/errors.js';
import { compareStrings, sortBy } from '../../util/json.js';
import { settingName, slug, storageName } from '../names.js';
import type { Touched } from './collect.js';

export interface KeepEntry {
  /** As given: `dynamodb` or `dynamodb:OrdersTable`. */
  spec: string;
  /** `--keep-in-aws` or the config file path. */
  by: string;
}

const SERVICE_ALIASES: Record<string, DataService> = {
  dynamodb: 'dynamodb',
  s3: 's3',
  sqs: 'sqs',
  sns: 'sns',
  eventbridge: 'eventbridge',
  events: 'eventbridge',
  secretsmanager: 'secretsmanager',
  ssm: 'ssm',
  kinesis: 'kinesis',
};

const LABEL: Record<DataService, string> = {
  dynamodb: 'DynamoDB table',
  s3: 'S3 bucket',
  sqs: 'SQS queue',
  sns: 'SNS topic',
  eventbridge: 'EventBridge bus',
  secretsmanager: 'Secrets Manager secret',
  ssm: 'SSM parameter',
  kinesis: 'Kinesis stream',
};
export const serviceLabel = (s: DataService): string => LABEL[s];

const KIND_LABEL: Record<NonNullable<DataResource['azure']>['kind'], string> = {
  'cosmos-container': 'Cosmos DB for NoSQL container',
  'blob-container': 'Blob Storage container',
  'service-bus-queue': 'Service Bus queue',
  'storage-queue': 'Storage queue',
  'event-grid-topic': 'Event Grid topic',
  'event-hub': 'Event Hubs hub',
  'key-vault-secret': 'Key Vault secret',
  'app-setting': 'app setting',
};
export const azureKindLabel = (k: NonNullable<DataResource['azure']>['kind']): string => KIND_LABEL[k];

const pascalName = (s: string): string => s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('').slice(0, 127) || 'Secret';

/** The Cosmos DB database every moved table's container lives in (the change-feed trigger mapping uses it too). */
export const COSMOS_DATABASE = 'migrated';

function counterpart(t: Touched, ctx: { triggerResources: TargetResource[]; stackOf: (fn: string) => string | undefined }): NonNullable<DataResource['azure']> & { why: string } {
  // Named like the trigger mappings name the same resource (from the logical id or the literal name), so they meet.
  const name = t.name;
  switch (t.service) {
    case 'dynamodb': {
      const ks = t.info?.keySchema;
      const base = { kind: 'cosmos-container' as const, name: slug(name) || 'items' };
      if (!ks) return { ...base, partitionKey: '/id', why: 'no key schema in the templates: partition key /id assumed, set azure.partitionKey in plan.json' };
      return { ...base, partitionKey: `/${ks.hash}`, ...(ks.range ? { sortKey: ks.range } : {}), why: `partition key /${ks.hash} from the HASH key${ks.range ? `, RANGE key ${ks.range} kept as a property` : ''}` };
    }
    case 's3':
      return { kind: 'blob-container', name: storageName(name), why: 'objects map to blobs one to one' };
    case 'sqs': {
      const queue = storageName(name);
      const planned = ctx.triggerResources.find((r): r is Extract<TargetResource, { kind: 'service-bus-queue' | 'storage-queue' }> => (r.kind === 'service-bus-queue' || r.kind === 'storage-queue') && r.name === queue);
      if (planned) return { kind: planned.kind, name: queue, why: `the queue the trigger already maps to (${planned.kind})` };
      if (t.info?.fifo || name.endsWith('.fifo')) return { kind: 'service-bus-queue', name: queue, why: 'FIFO: Service Bus sessions keep the order' };
      return { kind: 'storage-queue', name: queue, why: 'a standard queue with no trigger in the estate' };
    }
    case 'sns':
      return { kind: 'event-grid-topic', name: slug(name) || 'topic', why: 'publish becomes a CloudEvent on a custom topic' };
    case 'eventbridge': {
      const stack = [...t.usedBy].map(ctx.stackOf).find((s) => s !== undefined);
      const topic = name === 'default' ? `${slug(stack ?? 'app') || 'app'}-events` : slug(name) || 'events';
      return { kind: 'event-grid-topic', name: topic, why: 'PutEvents becomes CloudEvents on a custom topic' };
    }
    case 'secretsmanager':
      // Letters and digits only: the name is both the Key Vault secret and the app setting holding its reference
      // (Key Vault allows hyphens, Linux app settings do not).
      return { kind: 'key-vault-secret', name: pascalName(name), why: 'read through a Key Vault reference; the value is re-entered by the team' };
    case 'ssm':
      return { kind: 'app-setting', name: settingName(name) || 'SSM_PARAMETER', why: 'a configuration value becomes an app setting' };
    case 'kinesis':
      return { kind: 'event-hub', name: slug(name) || 'stream', why: 'records become events on an event hub' };
  }
}

function parseKeep(entry: KeepEntry): { service: DataService; name?: string } {
  const [svc = '', ...rest] = entry.spec.split(':');
  const service = SERVICE_ALIASES[svc.trim().toLowerCase()];
  if (!service) {
    throw new MigrateError('usage', `keep-in-aws '${entry.spec}' (${entry.by}): unknown service '${svc}'`, { hint: `expected <service>[:<resource>] with a service of ${Object.keys(SERVICE_ALIASES).join(', ')}` });
  }
  const name = rest.join(':').trim();
  return name ? { service, name } : { service };
}

export function decide(touched: Touched[], keep: KeepEntry[], ctx: { triggerResources: TargetResource[]; stackOf: (fn: string) => string | undefined }): DataResource[] {
  const rules = keep.map((k) => ({ ...k, ...parseKeep(k), used: false }));
  const out: DataResource[] = touched.map((t) => {
    const azure = counterpart(t, ctx);
    const matches = (r: (typeof rules)[number]) => r.service === t.service && (r.name === undefined || r.name === t.name || r.name === t.info?.physicalName);
    const kept = rules.filter(matches);
    for (const r of kept) r.used = true;
    const { why, ...target } = azure;
    const base = {
      id: `${t.service}:${t.name}`,
      service: t.service,
      name: t.name,
      envVars: [...t.envVars].sort(compareStrings),
      operations: [...t.operations].sort(compareStrings),
      usedBy: [...t.usedBy].sort(compareStrings),
    };
    if (kept.length > 0) {
      return { ...base, decision: 'stay' as const, reason: `kept in AWS by ${kept.map((k) => `${k.by} ${k.spec}`).join(', ')}: the AWS SDK stays, with keyless web-identity federation` };
    }
    return { ...base, decision: 'move' as const, reason: `${LABEL[t.service]} → ${KIND_LABEL[target.kind]}: ${why}`, azure: target };
  });
  const unused = rules.filter((r) => !r.used);
  if (unused.length > 0) {
    const known = out.map((r) => r.id).sort(compareStrings).join(', ') || 'none';
    throw new MigrateError('usage', `keep-in-aws '${unused[0]!.spec}' (${unused[0]!.by}) matches no data-plane resource of this estate`, { hint: `known resources: ${known}` });
  }
  return sortBy(out, (r) => r.id);
}

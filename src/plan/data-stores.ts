// The AWS data stores and messaging resources an estate's functions use, for the reports: read from the execution
// roles' policy statements and from the triggers, with the Azure service each one maps to and whether the plan moves
// it (an Azure role assignment replaces the access) or leaves it in AWS (no Azure role mapped for those actions).

import { displayResolvable, isSymbolic, type Inventory, type Resolvable, type Trigger } from '../model/inventory.js';
import type { Plan } from '../model/plan.js';
import { compareStrings, sortBy } from '../util/json.js';
import { slug } from './names.js';

export interface DataStore {
  service: 'dynamodb' | 's3' | 'sqs' | 'sns' | 'kinesis';
  /** The resource's name as the template or account names it (logical id or physical name). */
  name: string;
  usedBy: string[];
  azure: string;
  /** The Azure resource the plan creates or references for it, when the plan names one. */
  azureName?: string;
  decision: 'move' | 'stay';
}

const SERVICES: Record<DataStore['service'], { label: string; azure: string }> = {
  dynamodb: { label: 'DynamoDB table', azure: 'Cosmos DB container' },
  s3: { label: 'S3 bucket', azure: 'Blob Storage container' },
  sqs: { label: 'SQS queue', azure: 'Service Bus queue' },
  sns: { label: 'SNS topic', azure: 'Event Grid topic' },
  kinesis: { label: 'Kinesis stream', azure: 'Event Hubs hub' },
};

export const dataStoreLabel = (s: DataStore): string => `${SERVICES[s.service].label} ${s.name}`;

/** `Sub:arn:…:table/${OrdersTable}/index/*` → OrdersTable; `arn:aws:s3:::assets/*` → assets; `Ref:Queue` → Queue. */
export function storeName(v: Resolvable): string | undefined {
  let s = isSymbolic(v) ? v.symbol : displayResolvable(v);
  const sub = /\$\{(?!AWS::)([A-Za-z0-9]+)(?:\.[A-Za-z]+)?\}/.exec(s);
  if (sub) return sub[1];
  if (isSymbolic(v)) {
    s = s.replace(/^[A-Za-z]+:/, '').replace(/\.(Arn|Name|StreamArn|Url|QueueUrl|TopicName|QueueName)$/i, '');
    return /^[A-Za-z0-9-]+$/.test(s) ? s : undefined;
  }
  if (s === '*' || !s.startsWith('arn:')) return undefined;
  const rest = s.split(':').slice(5).join(':');
  const name = rest.replace(/^(table|stream)\//, '').split('/')[0];
  return name && name !== '*' ? name : undefined;
}

/** The data store a trigger reads from (queue, bucket, topic, stream), if it is one. */
export function triggerStore(t: Trigger): { service: DataStore['service']; name: string } | undefined {
  const [service, ref]: [DataStore['service'] | undefined, Resolvable | undefined] =
    t.kind === 'sqs' ? ['sqs', t.queue]
    : t.kind === 's3' ? ['s3', t.bucket]
    : t.kind === 'sns' ? ['sns', t.topic]
    : t.kind === 'dynamodb-stream' ? ['dynamodb', t.stream]
    : t.kind === 'kinesis' ? ['kinesis', t.stream]
    : [undefined, undefined];
  const name = service && ref !== undefined ? storeName(ref) : undefined;
  return service && name ? { service, name } : undefined;
}

export function dataStores(plan: Plan, inv: Inventory): DataStore[] {
  const found = new Map<string, { service: DataStore['service']; name: string; usedBy: Set<string>; actions: Set<string> }>();
  const add = (service: DataStore['service'], name: string | undefined, fn: string, actions: string[]) => {
    if (!name) return;
    const key = `${service}\u0000${name}`;
    const e = found.get(key) ?? { service, name, usedBy: new Set<string>(), actions: new Set<string>() };
    e.usedBy.add(fn);
    for (const a of actions) e.actions.add(a);
    found.set(key, e);
  };
  const roles = new Map(inv.roles.map((r) => [r.id, r]));
  for (const fn of inv.functions) {
    for (const t of fn.triggers) {
      const store = triggerStore(t);
      if (store) add(store.service, store.name, fn.name, []);
    }
    const role = fn.roleRef ? roles.get(fn.roleRef) : undefined;
    for (const p of role?.policies ?? []) {
      for (const st of p.statements) {
        if (st.effect !== 'Allow') continue;
        for (const service of Object.keys(SERVICES) as DataStore['service'][]) {
          const actions = st.actions.filter((a) => a.toLowerCase().startsWith(`${service}:`));
          if (actions.length === 0) continue;
          for (const r of st.resources) add(service, storeName(r), fn.name, actions);
        }
      }
    }
  }
  const unmapped = new Set(plan.apps.flatMap((a) => a.identity.unmappedActions));
  // The plan names its resources after the AWS ones (slug of the logical id or physical name).
  const planned = new Set(plan.apps.flatMap((a) => a.resources.flatMap((r) => [r.name, ...('container' in r && typeof r.container === 'string' ? [r.container] : [])])));
  const stores = [...found.values()].map((e) => ({
    service: e.service,
    name: e.name,
    usedBy: [...e.usedBy].sort(compareStrings),
    azure: SERVICES[e.service].azure,
    ...(planned.has(slug(e.name)) ? { azureName: slug(e.name) } : {}),
    decision: [...e.actions].some((a) => unmapped.has(a)) ? ('stay' as const) : ('move' as const),
  }));
  return sortBy(stores, (s) => `${s.service}\u0000${s.name}`);
}

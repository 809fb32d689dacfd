// The estate-wide view of a plan's trigger infrastructure: resources deduplicated by kind and name across apps,
// because apps share one storage account, one Service Bus namespace, one Event Hubs namespace and one Key Vault.

import type { FunctionApp, Plan, TargetResource } from '../../model/plan.js';
import { MigrateError } from '../../util/errors.js';
import { compareStrings, sortBy } from '../../util/json.js';

type Of<K extends TargetResource['kind']> = Extract<TargetResource, { kind: K }>;
export type Owned<K extends TargetResource['kind']> = Of<K> & { apps: string[] };

export interface VnetPlan {
  name: string;
  addressPrefix: string;
  subnets: { app: string; prefix: string; delegation: 'Microsoft.App/environments' | 'Microsoft.Web/serverFarms' }[];
}

export interface Estate {
  plan: Plan;
  apps: FunctionApp[];
  storageQueues: Owned<'storage-queue'>[];
  /** Blob containers, including those that blob-trigger subscriptions watch. */
  blobContainers: string[];
  blobSubscriptions: (Of<'event-grid-blob-subscription'> & { app: string })[];
  eventGridTopics: (Of<'event-grid-topic'> & { app: string })[];
  serviceBusQueues: Owned<'service-bus-queue'>[];
  serviceBusTopics: Owned<'service-bus-topic'>[];
  eventHubs: Owned<'event-hub'>[];
  /** Cosmos DB accounts: `cosmos` is created by the Bicep (COSMOS_CREATED); any other name is an existing account. */
  cosmosAccounts: { name: string; apps: string[]; containers: { database: string; container: string; leaseContainer: string }[] }[];
  /** Containers the created account holds for moved DynamoDB tables, with their partition keys. */
  cosmosContainers: { name: string; partitionKey: string; table: string }[];
  /** Event Grid topics the apps only publish to (moved SNS topics / EventBridge buses no function subscribes to). */
  publishTopics: string[];
  vnets: VnetPlan[];
  /** Every Key Vault secret name referenced by any app. */
  secrets: string[];
  /** The account a Cosmos DB role without a named account refers to. */
  defaultCosmosAccount: string;
  /** Notes for the manual: e.g. one resource defined differently by two apps. */
  notes: string[];
}

function collect<K extends TargetResource['kind']>(apps: FunctionApp[], kind: K, notes: string[]): Owned<K>[] {
  const byName = new Map<string, Owned<K>>();
  for (const app of apps) {
    for (const r of app.resources) {
      if (r.kind !== kind) continue;
      const res = r as Of<K>;
      const seen = byName.get(res.name);
      if (!seen) {
        byName.set(res.name, { ...res, apps: [app.name] });
        continue;
      }
      if (!seen.apps.includes(app.name)) seen.apps.push(app.name);
      const { apps: _ignored, ...first } = seen;
      if (JSON.stringify(first) !== JSON.stringify(res)) {
        notes.push(`${kind} '${res.name}' is defined differently by apps ${seen.apps.join(', ')}; the definition of ${seen.apps[0]} is used.`);
      }
    }
  }
  return sortBy([...byName.values()], (r) => r.name);
}

// Azure naming rules the plan's logical names must meet; a violation is a plan.json edit, not a failed deployment.
const NAME_RULES: { kinds: TargetResource['kind'][]; test: RegExp; rule: string }[] = [
  { kinds: ['storage-queue'], test: /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/, rule: 'storage queue names are 3-63 lowercase letters, digits and single hyphens' },
  { kinds: ['blob-container'], test: /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/, rule: 'blob container names are 3-63 lowercase letters, digits and single hyphens' },
  { kinds: ['service-bus-queue', 'service-bus-topic'], test: /^[A-Za-z0-9][A-Za-z0-9._/-]{0,259}$/, rule: 'Service Bus entity names are up to 260 letters, digits, periods, hyphens, underscores and slashes' },
  { kinds: ['event-hub'], test: /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/, rule: 'Event Hub names are up to 256 letters, digits, periods, hyphens and underscores' },
];

function checkNames(app: FunctionApp): void {
  for (const r of app.resources) {
    const names = r.kind === 'event-grid-blob-subscription' ? [r.container] : [r.name];
    const kind = r.kind === 'event-grid-blob-subscription' ? 'blob-container' : r.kind;
    const rule = NAME_RULES.find((n) => n.kinds.includes(kind));
    for (const name of names) {
      if (rule && !rule.test.test(name)) {
        throw new MigrateError('plan.invalid', `app '${app.name}': ${kind} name '${name}' is not valid in Azure`, { hint: `${rule.rule}; rename it in plan.json (and in the triggers that use it)` });
      }
    }
  }
}

/**
 * Event Grid resources name the function they feed. A plan may leave `functionName` empty (the planner maps the
 * trigger before it names the Azure function): pair it, in order, with the app's matching unclaimed entry.
 */
function resolveEventGridFunctions(app: FunctionApp): TargetResource[] {
  const entries = app.functions.flatMap((f) => f.entries);
  const claimed = new Set(app.resources.flatMap((r) => ((r.kind === 'event-grid-topic' || r.kind === 'event-grid-blob-subscription') && r.functionName ? [r.functionName] : [])));
  return app.resources.map((r) => {
    if ((r.kind !== 'event-grid-topic' && r.kind !== 'event-grid-blob-subscription') || r.functionName) return r;
    const match = entries.find(
      (e) =>
        !claimed.has(e.name) &&
        (r.kind === 'event-grid-topic' ? e.trigger.type === 'eventGrid' : e.trigger.type === 'storageBlob' && e.trigger.path.split('/')[0] === r.container),
    );
    if (!match) {
      throw new MigrateError('plan.invalid', `app '${app.name}': ${r.kind} '${r.name}' names no function and none of the app's functions matches it`, {
        hint: 'set functionName to the Azure function it triggers in plan.json',
      });
    }
    claimed.add(match.name);
    return { ...r, functionName: match.name };
  });
}

/** The Cosmos DB account the plan calls `cosmos` is created by the Bicep, with a container per moved table. */
export const COSMOS_CREATED = 'cosmos';

/** Moved data-plane resources the Bicep creates (docs/data-plane.md): containers, queues, topics, hubs, secrets. */
function movedResources(plan: Plan, apps: FunctionApp[], notes: string[]) {
  const appsOf = (usedBy: string[]) => apps.filter((a) => a.functions.some((f) => usedBy.includes(f.lambdaName))).map((a) => a.name);
  const out = {
    blobContainers: [] as string[],
    storageQueues: [] as Owned<'storage-queue'>[],
    serviceBusQueues: [] as Owned<'service-bus-queue'>[],
    eventHubs: [] as Owned<'event-hub'>[],
    topics: [] as string[],
    secrets: [] as string[],
    cosmos: [] as Estate['cosmosContainers'],
    cosmosApps: [] as string[],
  };
  for (const r of plan.dataPlane ?? []) {
    if (r.decision !== 'move' || !r.azure) continue;
    const a = r.azure;
    const users = appsOf(r.usedBy);
    const rule = NAME_RULES.find((n) => (n.kinds as string[]).includes(a.kind));
    if (rule && !rule.test.test(a.name)) {
      throw new MigrateError('plan.invalid', `dataPlane '${r.id}': ${a.kind} name '${a.name}' is not valid in Azure`, { hint: `${rule.rule}; rename azure.name in plan.json` });
    }
    if (a.kind === 'blob-container') out.blobContainers.push(a.name);
    else if (a.kind === 'storage-queue') out.storageQueues.push({ kind: 'storage-queue', name: a.name, maxDequeueCount: 5, source: r.name, apps: users });
    else if (a.kind === 'service-bus-queue') out.serviceBusQueues.push({ kind: 'service-bus-queue', name: a.name, maxDeliveryCount: 5, lockDuration: 'PT1M', deadLetteringOnMessageExpiration: true, source: r.name, apps: users });
    else if (a.kind === 'event-hub') out.eventHubs.push({ kind: 'event-hub', name: a.name, partitionCount: 4, consumerGroup: '$Default', apps: users });
    else if (a.kind === 'event-grid-topic') out.topics.push(a.name);
    else if (a.kind === 'key-vault-secret') out.secrets.push(a.name);
    else if (a.kind === 'cosmos-container') {
      if (!/^\/[A-Za-z_][A-Za-z0-9_]*$/.test(a.partitionKey ?? '/id')) notes.push(`dataPlane '${r.id}': partition key '${a.partitionKey}' is not a simple top-level path`);
      out.cosmos.push({ name: a.name, partitionKey: a.partitionKey ?? '/id', table: r.name });
      out.cosmosApps.push(...users);
    }
  }
  return out;
}

/** Add what another source already declared only once (by name), keeping the first definition. */
function mergeOwned<T extends { name: string; apps: string[] }>(list: T[], extra: T[]): T[] {
  const out = [...list];
  for (const e of extra) {
    const cur = out.find((x) => x.name === e.name);
    if (!cur) out.push(e);
    else cur.apps = [...new Set([...cur.apps, ...e.apps])].sort(compareStrings);
  }
  return sortBy(out, (x) => x.name);
}

export function collectEstate(input: Plan): Estate {
  const plan: Plan = { ...input, apps: input.apps.map((a) => ({ ...a, resources: resolveEventGridFunctions(a) })) };
  const apps = sortBy(plan.apps, (a) => a.name);
  const notes: string[] = [];
  const names = new Set<string>();
  for (const app of apps) {
    if (names.has(app.name)) throw new MigrateError('plan.invalid', `two apps are named '${app.name}'`, { hint: 'app names must be unique in plan.json' });
    names.add(app.name);
    checkNames(app);
  }
  const blobContainers = new Set<string>();
  const blobSubscriptions: Estate['blobSubscriptions'] = [];
  const eventGridTopics: Estate['eventGridTopics'] = [];
  const cosmos = new Map<string, Estate['cosmosAccounts'][number]>();
  const vnets = new Map<string, VnetPlan>();
  const secrets = new Set<string>();
  for (const app of apps) {
    for (const s of app.keyVaultSecrets) secrets.add(s);
    for (const s of app.settings) if (s.kind === 'keyvault' && s.secretName) secrets.add(s.secretName);
    for (const r of app.resources) {
      if (r.kind === 'blob-container') blobContainers.add(r.name);
      else if (r.kind === 'event-grid-blob-subscription') {
        blobContainers.add(r.container);
        blobSubscriptions.push({ ...r, app: app.name });
      } else if (r.kind === 'event-grid-topic') eventGridTopics.push({ ...r, app: app.name });
      else if (r.kind === 'cosmos-db-existing') {
        const acc = cosmos.get(r.name) ?? { name: r.name, apps: [], containers: [] };
        if (!acc.apps.includes(app.name)) acc.apps.push(app.name);
        acc.containers.push({ database: r.database, container: r.container, leaseContainer: r.leaseContainer });
        cosmos.set(r.name, acc);
      } else if (r.kind === 'vnet' && app.vnetIntegration) {
        const v = vnets.get(r.name) ?? { name: r.name, addressPrefix: r.addressPrefix, subnets: [] };
        const clash = v.subnets.find((s) => s.prefix === r.subnetPrefix);
        if (clash) {
          throw new MigrateError('plan.invalid', `apps '${clash.app}' and '${app.name}' both ask for subnet ${r.subnetPrefix} in VNet '${r.name}'`, {
            hint: 'each function app needs its own delegated subnet: give one of them another subnetPrefix in plan.json',
          });
        }
        v.subnets.push({
          app: app.name,
          prefix: r.subnetPrefix,
          delegation: app.hosting.plan === 'FlexConsumption' ? 'Microsoft.App/environments' : 'Microsoft.Web/serverFarms',
        });
        vnets.set(r.name, v);
      }
    }
    if (app.vnetIntegration && !app.resources.some((r) => r.kind === 'vnet')) {
      throw new MigrateError('plan.invalid', `app '${app.name}' has vnetIntegration but no 'vnet' resource`, {
        hint: "add a { kind: 'vnet', name, addressPrefix, subnetPrefix } resource to the app in plan.json, or set vnetIntegration to false",
      });
    }
  }
  // Apps that used DynamoDB through the SDK get Cosmos DB data roles without a trigger resource: they need the
  // account too. A role without a named account means the estate's (first) account, or one called `cosmos`.
  const defaultAccount = [...cosmos.keys()].sort(compareStrings)[0] ?? 'cosmos';
  for (const app of apps) {
    for (const ra of app.identity.roleAssignments) {
      if (ra.scope.kind !== 'cosmos-db') continue;
      const name = ra.scope.resource ?? defaultAccount;
      const acc = cosmos.get(name) ?? { name, apps: [], containers: [] };
      if (!acc.apps.includes(app.name)) acc.apps.push(app.name);
      cosmos.set(name, acc);
    }
  }
  const moved = movedResources(plan, apps, notes);
  for (const c of moved.blobContainers) blobContainers.add(c);
  for (const s of moved.secrets) secrets.add(s);
  if (moved.cosmos.length > 0) {
    const acc = cosmos.get(COSMOS_CREATED) ?? { name: COSMOS_CREATED, apps: [], containers: [] };
    acc.apps = [...new Set([...acc.apps, ...moved.cosmosApps])];
    cosmos.set(COSMOS_CREATED, acc);
  }
  for (const acc of cosmos.values()) acc.apps.sort(compareStrings);
  const cosmosContainers = sortBy([...new Map(moved.cosmos.map((c) => [c.name, c])).values()], (c) => c.name);
  return {
    plan,
    apps,
    storageQueues: mergeOwned(collect(apps, 'storage-queue', notes), moved.storageQueues),
    blobContainers: [...blobContainers].sort(compareStrings),
    blobSubscriptions: sortBy(blobSubscriptions, (s) => `${s.app}/${s.name}`),
    eventGridTopics: sortBy(eventGridTopics, (t) => `${t.name}/${t.app}`),
    serviceBusQueues: mergeOwned(collect(apps, 'service-bus-queue', notes), moved.serviceBusQueues),
    serviceBusTopics: collect(apps, 'service-bus-topic', notes),
    eventHubs: mergeOwned(collect(apps, 'event-hub', notes), moved.eventHubs),
    cosmosAccounts: sortBy([...cosmos.values()], (c) => c.name),
    cosmosContainers,
    publishTopics: [...new Set(moved.topics)].filter((t) => !eventGridTopics.some((e) => e.name === t)).sort(compareStrings),
    defaultCosmosAccount: defaultAccount,
    vnets: sortBy([...vnets.values()], (v) => v.name),
    secrets: [...secrets].sort(compareStrings),
    notes,
  };
}

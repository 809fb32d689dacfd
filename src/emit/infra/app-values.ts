// The values one app passes to infra/modules/function-app.bicep: hosting, runtime, scale, settings and role
// assignments grouped by the kind of scope they are assigned on. Also what main.bicep and the manual need to know
// about the app (shared resources it touches, supplied parameters, roles emitted and skipped).

import type { Expr } from '../bicep/ast.js';
import { arr, num, obj, str, sym } from '../bicep/expr.js';
import type { DataResource, FunctionApp, RoleAssignment, RoleScope } from '../../model/plan.js';
import { premiumScale } from '../../plan/hosting-policy.js';
import { compareStrings } from '../../util/json.js';
import { buildAppSettings, type SettingsResult, type SuppliedParam } from './app-settings.js';
import type { RoleLoop } from './function-app.js';
import { isCosmosDataPlaneRole, ROLE, ROLE_NAMES } from './roles.js';
import { camel, topicNamePrefix } from './names.js';

/** What main.bicep must pass to the app's module call beyond the common params. */
export interface AppModuleNeeds {
  serviceBus: boolean;
  eventHubs: boolean;
  keyVault: boolean;
  subnet: boolean;
  cosmos: string[];
  /** Cosmos DB accounts whose endpoint the app's settings read (main.bicep looks them up). */
  cosmosEndpoints: string[];
  /** Cosmos DB data-plane roles of the app identity, per account (main.bicep assigns them one at a time). */
  cosmosRoles: { account: string; roleDefinitionGuid: string; description: string }[];
  topics: string[];
  supplied: SuppliedParam[];
  dropped: SettingsResult['dropped'];
  /** Role assignments actually emitted (host + plan), for the manual. */
  roles: { role: string; scope: string; why: string }[];
  /** Plan role assignments that could not be expressed, with the reason. */
  skippedRoles: { role: string; reason: string }[];
}

export interface AppValues {
  needs: AppModuleNeeds;
  /** Module params whose values come from the plan alone (main.bicep adds names and shared-resource outputs). */
  params: [string, Expr][];
}

interface RoleItem {
  loop: RoleLoop;
  entity?: string;
  ra: RoleAssignment;
  label: string;
}

const RUNTIME_FX: Record<string, string> = { node: 'NODE', python: 'PYTHON', java: 'JAVA', 'dotnet-isolated': 'DOTNET-ISOLATED', powershell: 'POWERSHELL', custom: 'CUSTOM' };

function hostRole(id: string, kind: RoleScope['kind'], reason: string): RoleAssignment {
  return { role: ROLE_NAMES[id] ?? id, roleDefinitionId: id, scope: { kind }, reason: `host requirement: ${reason}` };
}

function sortRoles(roles: RoleAssignment[]): RoleAssignment[] {
  return [...roles].sort((a, b) => compareStrings(`${a.scope.kind}/${a.scope.resource ?? ''}/${a.roleDefinitionId}`, `${b.scope.kind}/${b.scope.resource ?? ''}/${b.roleDefinitionId}`));
}

export function appValues(app: FunctionApp, ctx: { topicsInEstate: string[]; defaultCosmosAccount: string; dataPlane?: DataResource[] }): AppValues {
  const flex = app.hosting.plan === 'FlexConsumption';
  const settings = buildAppSettings(app, ctx.dataPlane);
  // Which shared resources this app touches: from settings, from the plan's role scopes, and from its own resources.
  const scopeKinds = new Set(app.identity.roleAssignments.map((r) => r.scope.kind));
  const needs: AppModuleNeeds = {
    serviceBus: settings.uses.serviceBus || scopeKinds.has('service-bus') || app.resources.some((r) => r.kind === 'service-bus-queue' || r.kind === 'service-bus-topic'),
    eventHubs: settings.uses.eventHubs || scopeKinds.has('event-hubs') || app.resources.some((r) => r.kind === 'event-hub'),
    keyVault: settings.uses.keyVault || scopeKinds.has('key-vault'),
    subnet: app.vnetIntegration,
    cosmos: [
      ...new Set([
        ...settings.uses.cosmos,
        ...app.resources.filter((r) => r.kind === 'cosmos-db-existing').map((r) => r.name),
        ...app.identity.roleAssignments.filter((r) => r.scope.kind === 'cosmos-db').map((r) => r.scope.resource ?? ctx.defaultCosmosAccount),
      ]),
    ].sort(compareStrings),
    cosmosEndpoints: [...settings.uses.cosmos].sort(compareStrings),
    cosmosRoles: [],
    topics: [
      ...new Set([
        ...settings.uses.topics,
        ...app.resources.filter((r) => r.kind === 'event-grid-topic').map((r) => r.name),
        // A publisher's role may name a topic another app subscribes to (topics are estate-wide).
        ...app.identity.roleAssignments.flatMap((r) => (r.scope.kind === 'event-grid-topic' && r.scope.resource ? [r.scope.resource] : [])),
      ]),
    ]
      .filter((t) => ctx.topicsInEstate.includes(t))
      .sort(compareStrings),
    supplied: settings.supplied,
    dropped: settings.dropped,
    roles: [],
    skippedRoles: [],
  };

  const host: RoleAssignment[] = [
    hostRole(ROLE.storageBlobDataOwner, 'storage-account', 'host storage and the deployment package'),
    hostRole(ROLE.storageQueueDataContributor, 'storage-account', 'host storage queues (blob-trigger receipts, poison messages)'),
    hostRole(ROLE.storageTableDataContributor, 'storage-account', 'host diagnostic events'),
    hostRole(ROLE.monitoringMetricsPublisher, 'app-insights', 'Entra-authenticated telemetry'),
  ];
  if (needs.keyVault) host.push(hostRole(ROLE.keyVaultSecretsUser, 'key-vault', 'Key Vault references in app settings'));
  // Triggers need their receive roles whatever the plan mapped from IAM (the trigger replaces the event source mapping).
  for (const fn of app.functions) {
    for (const e of fn.entries) {
      const t = e.trigger;
      if (t.type === 'serviceBusQueue' || t.type === 'serviceBusTopic') {
        const entity = t.type === 'serviceBusQueue' ? t.queueName : t.topicName;
        host.push({ ...hostRole(ROLE.serviceBusDataReceiver, 'service-bus', `trigger ${e.name}`), scope: { kind: 'service-bus', resource: entity } });
      } else if (t.type === 'eventHub') {
        host.push({ ...hostRole(ROLE.eventHubsDataReceiver, 'event-hubs', `trigger ${e.name}`), scope: { kind: 'event-hubs', resource: t.eventHubName } });
      }
    }
  }

  const placeRole = (ra: RoleAssignment): Omit<RoleItem, 'ra'> | { skip: string } => {
    const scope = ra.scope;
    switch (scope.kind) {
      case 'storage-account':
        return { loop: 'storageRoles', label: 'estate storage account' };
      case 'app-insights':
        return { loop: 'appInsightsRoles', label: 'Application Insights' };
      case 'key-vault':
        return { loop: 'keyVaultRoles', label: 'Key Vault' };
      case 'resource-group':
        return { loop: 'resourceGroupRoles', label: 'resource group' };
      case 'service-bus': {
        const entity = scope.resource ? app.resources.find((r) => r.name === scope.resource && (r.kind === 'service-bus-queue' || r.kind === 'service-bus-topic')) : undefined;
        if (!entity) return { loop: 'serviceBusRoles', label: 'Service Bus namespace' };
        return { loop: entity.kind === 'service-bus-queue' ? 'serviceBusQueueRoles' : 'serviceBusTopicRoles', entity: entity.name, label: `${entity.kind} '${entity.name}'` };
      }
      case 'event-hubs': {
        const entity = scope.resource ? app.resources.find((r) => r.name === scope.resource && r.kind === 'event-hub') : undefined;
        if (!entity) return { loop: 'eventHubsRoles', label: 'Event Hubs namespace' };
        return { loop: 'eventHubRoles', entity: entity.name, label: `${entity.kind} '${entity.name}'` };
      }
      case 'event-grid-topic':
        if (scope.resource) {
          if (!needs.topics.includes(scope.resource)) return { skip: `Event Grid topic '${scope.resource}' is not created by this estate` };
          return { loop: 'eventGridTopicRoles', entity: scope.resource, label: `Event Grid topic '${scope.resource}'` };
        }
        if (ctx.topicsInEstate.length === 0) return { skip: 'this estate creates no Event Grid topic' };
        // No topic named: the publisher may send to any topic of the estate, so grant it on the resource group.
        return { loop: 'resourceGroupRoles', label: 'resource group (every Event Grid topic of the estate; the plan names none)' };
      case 'cosmos-db':
        return { skip: 'cosmos' };
    }
  };

  // Role assignments: what the host needs, then the plan's mapping of the Lambda execution role; deduplicated.
  const seen = new Set<string>();
  const items: RoleItem[] = [];
  const cosmosRoles = new Map<string, Set<string>>();
  for (const ra of [...host, ...sortRoles(app.identity.roleAssignments)]) {
    if (ra.scope.kind === 'cosmos-db') {
      const acc = ra.scope.resource ?? ctx.defaultCosmosAccount;
      if (!acc || !needs.cosmos.includes(acc)) {
        needs.skippedRoles.push({ role: ra.role, reason: 'no existing Cosmos DB account in this app matches the scope' });
      } else if (!isCosmosDataPlaneRole(ra.roleDefinitionId)) {
        needs.skippedRoles.push({ role: ra.role, reason: `a control-plane role on Cosmos DB account '${acc}' (outside this deployment's resource group): assign it by hand if still needed` });
      } else {
        const set = cosmosRoles.get(acc) ?? new Set<string>();
        set.add(ra.roleDefinitionId);
        cosmosRoles.set(acc, set);
      }
      continue;
    }
    const place = placeRole(ra);
    if ('skip' in place) {
      needs.skippedRoles.push({ role: ra.role, reason: place.skip });
      continue;
    }
    const dedupe = `${place.loop}|${place.entity ?? ''}|${ra.roleDefinitionId}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    items.push({ ...place, ra });
    needs.roles.push({ role: ra.role, scope: place.label, why: ra.reason });
  }
  // A Cosmos account the app triggers on needs data-plane write access for the lease container.
  const triggerAccounts = new Set(app.resources.filter((r) => r.kind === 'cosmos-db-existing').map((r) => r.name));
  for (const acc of needs.cosmos) {
    const set = cosmosRoles.get(acc) ?? new Set<string>();
    if (triggerAccounts.has(acc) || set.size === 0) set.add(ROLE.cosmosDataContributor);
    // No Reader next to a Contributor on the same account: the Contributor's actions include the Reader's.
    if (set.has(ROLE.cosmosDataContributor)) set.delete(ROLE.cosmosDataReader);
    for (const roleId of [...set].sort(compareStrings)) {
      const planned = app.identity.roleAssignments.find((r) => r.scope.kind === 'cosmos-db' && r.roleDefinitionId === roleId);
      const role = planned?.role ?? (roleId === ROLE.cosmosDataContributor ? 'Cosmos DB Built-in Data Contributor' : `Cosmos DB data-plane role ${roleId}`);
      const why = planned?.reason ?? 'change feed trigger and lease container';
      needs.cosmosRoles.push({ account: acc, roleDefinitionGuid: roleId, description: `${app.name}: ${role}: ${why}` });
      needs.roles.push({ role, scope: `Cosmos DB account '${acc}'`, why });
    }
  }

  const params: [string, Expr][] = [
    ['serviceName', str(app.name)],
    ['planType', str(app.hosting.plan)],
    ['planSku', planSku(app)],
    ['planKind', str(flex ? 'functionapp' : app.hosting.plan === 'Premium' ? 'elastic' : 'linux')],
    ['runtimeName', str(app.runtime.name)],
    ['runtimeVersion', str(app.runtime.version)],
  ];
  const alwaysReadyTotal = app.scale.alwaysReady.reduce((n, a) => n + a.instanceCount, 0);
  if (flex) {
    params.push(['instanceMemoryMB', num(app.instanceMemoryMB)], ['maximumInstanceCount', num(app.scale.maximumInstanceCount)]);
    if (app.scale.alwaysReady.length > 0) params.push(['alwaysReady', arr(...app.scale.alwaysReady.map((a) => obj({ name: str(a.name), instanceCount: num(a.instanceCount) })))]);
    if (app.scale.httpPerInstanceConcurrency !== undefined) params.push(['httpPerInstanceConcurrency', num(app.scale.httpPerInstanceConcurrency)]);
  } else {
    params.push(['linuxFxVersion', str(`${RUNTIME_FX[app.runtime.name] ?? app.runtime.name.toUpperCase()}|${app.runtime.version}`)]);
    if (app.hosting.plan === 'Premium') {
      const scale = premiumScale(app.scale.maximumInstanceCount, alwaysReadyTotal);
      params.push(['maximumInstanceCount', num(scale.maximumElasticWorkerCount)], ['minimumElasticInstanceCount', num(scale.minimumElasticInstanceCount)]);
    }
  }
  if (settings.settings.length > 0) params.push(['appSettings', arr(...settings.settings.map((s) => obj({ name: str(s.name), value: s.value })))]);
  if (settings.clientIdSettings.length > 0) params.push(['clientIdSettings', arr(...settings.clientIdSettings.map((n) => str(n)))]);
  if (settings.storageEndpointSettings.length > 0) {
    params.push(['storageEndpointSettings', arr(...settings.storageEndpointSettings.map((s) => obj({ name: str(s.name), service: str(s.service) })))]);
  }
  const loops = new Map<RoleLoop, Expr[]>();
  for (const it of items) {
    const entity: Expr | undefined = it.entity === undefined ? undefined : it.loop === 'eventGridTopicRoles' ? { k: 'interp', parts: [topicNamePrefix(it.entity), sym('resourceToken')] } : str(it.entity);
    const item = obj({ entity, roleDefinitionId: str(it.ra.roleDefinitionId), description: str(`${it.ra.role}: ${it.ra.reason}`) });
    loops.set(it.loop, [...(loops.get(it.loop) ?? []), item]);
  }
  for (const [loop, list] of loops) params.push([loop, arr(...list)]);
  return { needs, params };
}

export const cosmosAccountParam = (acc: string): string => `${camel(acc, 'c')}CosmosAccountName`;

function planSku(app: FunctionApp): Expr {
  if (app.hosting.plan === 'FlexConsumption') return obj({ name: str('FC1'), tier: str('FlexConsumption') });
  if (app.hosting.plan === 'Premium') return obj({ name: str(app.hosting.sku), tier: str('ElasticPremium') });
  return obj({ name: str(app.hosting.sku) });
}

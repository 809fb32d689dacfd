// One function app per module: its user-assigned identity, its hosting plan (FC1 by default, EP/Dedicated when the
// plan escalates), the site, its deployment container, and every role assignment the host and the plan need.

import type { BicepFile, Decl, Expr } from '../bicep/ast.js';
import { arr, bool, call, interp, member, num, obj, roleDefinition, str, sym } from '../bicep/expr.js';
import type { FunctionApp, RoleAssignment, RoleScope } from '../../model/plan.js';
import { compareStrings } from '../../util/json.js';
import { API } from './api-versions.js';
import { buildAppSettings, cosmosModuleSymbol, topicSymbol, type SettingsResult, type SuppliedParam } from './app-settings.js';
import { locationAndTags, param, resource } from './common.js';
import { isCosmosDataPlaneRole, ROLE, ROLE_NAMES } from './roles.js';
import { camel, pascal, SymbolTable, topicNamePrefix } from './names.js';

export const appModulePath = (app: string): string => `infra/app/${app}.bicep`;

/** What main.bicep must pass to an app module beyond the common params. */
export interface AppModuleNeeds {
  serviceBus: boolean;
  eventHubs: boolean;
  keyVault: boolean;
  subnet: boolean;
  cosmos: string[];
  topics: string[];
  supplied: SuppliedParam[];
  dropped: SettingsResult['dropped'];
  /** Role assignments actually emitted (host + plan), for the manual. */
  roles: { role: string; scope: string; why: string }[];
  /** Plan role assignments that could not be expressed, with the reason. */
  skippedRoles: { role: string; reason: string }[];
}

interface ScopeTarget {
  key: string;
  symbol: string;
  label: string;
}

const RUNTIME_FX: Record<string, string> = { node: 'NODE', python: 'PYTHON', java: 'JAVA', 'dotnet-isolated': 'DOTNET-ISOLATED', powershell: 'POWERSHELL', custom: 'CUSTOM' };

export function buildAppModule(app: FunctionApp, ctx: { topicsInEstate: string[]; defaultCosmosAccount: string }): { file: BicepFile; needs: AppModuleNeeds } {
  const flex = app.hosting.plan === 'FlexConsumption';
  const settings = buildAppSettings(app);
  const symbols = new SymbolTable([
    'location', 'tags', 'name', 'planName', 'identityName', 'storageAccountName', 'deploymentContainerName', 'appInsightsName', 'resourceToken',
    'keyVaultName', 'serviceBusNamespaceName', 'eventHubsNamespaceName', 'subnetId', 'cosmosResourceGroupName',
    'identity', 'hostingPlan', 'site', 'storage', 'blobService', 'deploymentContainer', 'appInsights', 'keyVault', 'serviceBus', 'eventHubs',
  ]);
  const decls: Decl[] = [
    ...locationAndTags,
    param('name', 'string', 'Function app name'),
    param('planName', 'string', 'Hosting plan name'),
    param('identityName', 'string', 'User-assigned managed identity name'),
    param('storageAccountName', 'string', 'Estate storage account (host storage and deployment package)'),
    param('appInsightsName', 'string', 'Application Insights component'),
    param('resourceToken', 'string', 'Suffix that makes resource names unique'),
  ];
  // Only Flex deploys from a blob container; Premium/Dedicated take azd's zip deploy.
  if (flex) decls.push(param('deploymentContainerName', 'string', 'Blob container holding the deployment package'));

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
  if (needs.keyVault) decls.push(param('keyVaultName', 'string', 'Key Vault holding the migrated secrets'));
  if (needs.serviceBus) decls.push(param('serviceBusNamespaceName', 'string', 'Service Bus namespace'));
  if (needs.eventHubs) decls.push(param('eventHubsNamespaceName', 'string', 'Event Hubs namespace'));
  if (needs.subnet) decls.push(param('subnetId', 'string', 'Delegated subnet for VNet integration'));
  if (needs.cosmos.length > 0) decls.push(param('cosmosResourceGroupName', 'string', 'Resource group of the existing Cosmos DB account(s)'));
  for (const acc of needs.cosmos) decls.push(param(`${camel(acc, 'c')}CosmosAccountName`, 'string', `Existing Cosmos DB account for '${acc}'`));
  for (const s of settings.supplied) decls.push(param(s.param, 'string', `App setting ${s.setting}: ${s.why}`));

  // Existing shared resources, as role-assignment scopes and setting sources.
  decls.push(
    resource('storage', ['Microsoft.Storage/storageAccounts', API.storageAccounts], { name: sym('storageAccountName') }, { existing: true }),
    resource('blobService', ['Microsoft.Storage/storageAccounts/blobServices', API.storageAccounts], { name: str('default') }, { existing: true, parent: 'storage' }),
    resource('appInsights', ['Microsoft.Insights/components', API.components], { name: sym('appInsightsName') }, { existing: true }),
  );
  if (needs.keyVault) decls.push(resource('keyVault', ['Microsoft.KeyVault/vaults', API.vaults], { name: sym('keyVaultName') }, { existing: true }));
  if (needs.serviceBus) decls.push(resource('serviceBus', ['Microsoft.ServiceBus/namespaces', API.serviceBus], { name: sym('serviceBusNamespaceName') }, { existing: true }));
  if (needs.eventHubs) decls.push(resource('eventHubs', ['Microsoft.EventHub/namespaces', API.eventHub], { name: sym('eventHubsNamespaceName') }, { existing: true }));
  for (const t of needs.topics) {
    decls.push(
      resource(symbols.take(topicSymbol(t)), ['Microsoft.EventGrid/topics', API.eventGrid], { name: { k: 'interp', parts: [topicNamePrefix(t), sym('resourceToken')] } }, { existing: true }),
    );
  }

  decls.push(
    resource('identity', ['Microsoft.ManagedIdentity/userAssignedIdentities', API.userAssignedIdentities], {
      name: sym('identityName'),
      location: sym('location'),
      tags: sym('tags'),
    }, { description: `Replaces the execution role(s) ${app.identity.sourceRoles.join(', ') || '(none)'}` }),
  );
  if (flex) {
    decls.push(
      resource(
        'deploymentContainer',
        ['Microsoft.Storage/storageAccounts/blobServices/containers', API.storageAccounts],
        { name: sym('deploymentContainerName'), properties: obj({ publicAccess: str('None') }) },
        { parent: 'blobService' },
      ),
    );
  }
  decls.push(hostingPlan(app), site(app, settings, needs));

  // Role assignments: what the host needs, then the plan's mapping of the Lambda execution role; deduplicated.
  const scopeSymbols = new Map<string, ScopeTarget>();
  const entityScopes: Decl[] = [];
  const scopeFor = (scope: RoleScope): ScopeTarget | { skip: string } => {
    switch (scope.kind) {
      case 'storage-account':
        return { key: 'storage', symbol: 'storage', label: 'estate storage account' };
      case 'app-insights':
        return { key: 'appInsights', symbol: 'appInsights', label: 'Application Insights' };
      case 'key-vault':
        return { key: 'keyVault', symbol: 'keyVault', label: 'Key Vault' };
      case 'resource-group':
        return { key: 'resourceGroup', symbol: '', label: 'resource group' };
      case 'service-bus':
      case 'event-hubs': {
        const parent = scope.kind === 'service-bus' ? 'serviceBus' : 'eventHubs';
        const entity = scope.resource
          ? app.resources.find((r) => r.name === scope.resource && (scope.kind === 'service-bus' ? r.kind === 'service-bus-queue' || r.kind === 'service-bus-topic' : r.kind === 'event-hub'))
          : undefined;
        if (!entity) return { key: parent, symbol: parent, label: scope.kind === 'service-bus' ? 'Service Bus namespace' : 'Event Hubs namespace' };
        const key = `${parent}/${entity.kind}/${entity.name}`;
        const known = scopeSymbols.get(key);
        if (known) return known;
        const type =
          entity.kind === 'service-bus-queue' ? 'Microsoft.ServiceBus/namespaces/queues' : entity.kind === 'service-bus-topic' ? 'Microsoft.ServiceBus/namespaces/topics' : 'Microsoft.EventHub/namespaces/eventhubs';
        const s = symbols.take(`${entity.kind === 'event-hub' ? 'hub' : entity.kind === 'service-bus-topic' ? 'topic' : 'queue'}${pascal(entity.name)}`);
        entityScopes.push(resource(s, [type, parent === 'serviceBus' ? API.serviceBus : API.eventHub], { name: str(entity.name) }, { existing: true, parent }));
        const t = { key, symbol: s, label: `${entity.kind} '${entity.name}'` };
        scopeSymbols.set(key, t);
        return t;
      }
      case 'event-grid-topic': {
        if (scope.resource) {
          if (!needs.topics.includes(scope.resource)) return { skip: `Event Grid topic '${scope.resource}' is not created by this estate` };
          return { key: `topic/${scope.resource}`, symbol: topicSymbol(scope.resource), label: `Event Grid topic '${scope.resource}'` };
        }
        if (ctx.topicsInEstate.length === 0) return { skip: 'this estate creates no Event Grid topic' };
        // No topic named: the publisher may send to any topic of the estate, so grant it on the resource group.
        return { key: 'resourceGroup', symbol: '', label: 'resource group (every Event Grid topic of the estate; the plan names none)' };
      }
      case 'cosmos-db':
        return { skip: 'cosmos' };
    }
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
  const seen = new Set<string>();
  const cosmosRoles = new Map<string, Set<string>>();
  const roleDecls: Decl[] = [];
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
    const target = scopeFor(ra.scope);
    if ('skip' in target) {
      needs.skippedRoles.push({ role: ra.role, reason: target.skip });
      continue;
    }
    const dedupe = `${target.key}|${ra.roleDefinitionId}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const scopeId: Expr = target.symbol === '' ? member(call('resourceGroup'), 'id') : sym(target.symbol, 'id');
    roleDecls.push(
      resource(
        symbols.take(`role${pascal(target.symbol || 'resourceGroup')}${pascal(ROLE_NAMES[ra.roleDefinitionId] ?? ra.role)}`),
        ['Microsoft.Authorization/roleAssignments', API.roleAssignments],
        {
          name: call('guid', scopeId, sym('identity', 'id'), str(ra.roleDefinitionId)),
          properties: obj({
            roleDefinitionId: roleDefinition(ra.roleDefinitionId),
            principalId: sym('identity', 'properties', 'principalId'),
            principalType: str('ServicePrincipal'),
          }),
        },
        { scope: target.symbol === '' ? undefined : sym(target.symbol), description: `${ra.role}: ${ra.reason}` },
      ),
    );
    needs.roles.push({ role: ra.role, scope: target.label, why: ra.reason });
  }
  // A Cosmos account the app triggers on needs data-plane write access for the lease container.
  const triggerAccounts = new Set(app.resources.filter((r) => r.kind === 'cosmos-db-existing').map((r) => r.name));
  for (const acc of needs.cosmos) {
    const set = cosmosRoles.get(acc) ?? new Set<string>();
    if (triggerAccounts.has(acc)) set.add(ROLE.cosmosDataContributor);
    if (set.size === 0) set.add(ROLE.cosmosDataContributor);
    // The first module per account carries the plain symbol: settings read the account endpoint from it.
    for (const [i, roleId] of [...set].sort(compareStrings).entries()) {
      const symbol = symbols.take(i === 0 ? cosmosModuleSymbol(acc) : `${cosmosModuleSymbol(acc)}Role${roleId.slice(-1)}`);
      roleDecls.push({
        kind: 'module',
        name: symbol,
        path: '../modules/cosmos-access.bicep',
        // Unique per app, account and role, and within the 64-character deployment name limit.
        deploymentName: interp`cosmos-${str(acc.slice(0, 20))}-r${str(roleId.slice(-1))}-${call('uniqueString', sym('name'))}`,
        scope: call('resourceGroup', sym('cosmosResourceGroupName')),
        params: [
          { key: 'accountName', value: sym(`${camel(acc, 'c')}CosmosAccountName`) },
          { key: 'principalId', value: sym('identity', 'properties', 'principalId') },
          { key: 'roleDefinitionGuid', value: str(roleId) },
        ],
      });
      const planned = app.identity.roleAssignments.find((r) => r.scope.kind === 'cosmos-db' && r.roleDefinitionId === roleId);
      needs.roles.push({
        role: planned?.role ?? (roleId === ROLE.cosmosDataContributor ? 'Cosmos DB Built-in Data Contributor' : `Cosmos DB data-plane role ${roleId}`),
        scope: `Cosmos DB account '${acc}'`,
        why: planned?.reason ?? 'change feed trigger and lease container',
      });
    }
  }
  decls.push(...entityScopes, ...roleDecls);
  decls.push(
    { kind: 'output', name: 'name', type: 'string', value: sym('site', 'name') },
    { kind: 'output', name: 'id', type: 'string', value: sym('site', 'id') },
    { kind: 'output', name: 'defaultHostName', type: 'string', value: sym('site', 'properties', 'defaultHostName') },
    { kind: 'output', name: 'identityClientId', type: 'string', value: sym('identity', 'properties', 'clientId') },
    { kind: 'output', name: 'identityPrincipalId', type: 'string', value: sym('identity', 'properties', 'principalId') },
  );
  return {
    file: {
      path: appModulePath(app.name),
      header: [
        `Function app '${app.name}' on ${app.hosting.plan} (${app.hosting.sku}): ${app.hosting.reason}`,
        `Functions: ${app.functions.map((f) => f.lambdaName).join(', ')}`,
      ],
      decls,
    },
    needs,
  };
}

function hostRole(id: string, kind: RoleScope['kind'], reason: string): RoleAssignment {
  return { role: ROLE_NAMES[id] ?? id, roleDefinitionId: id, scope: { kind }, reason: `host requirement: ${reason}` };
}

function sortRoles(roles: RoleAssignment[]): RoleAssignment[] {
  return [...roles].sort((a, b) => compareStrings(`${a.scope.kind}/${a.scope.resource ?? ''}/${a.roleDefinitionId}`, `${b.scope.kind}/${b.scope.resource ?? ''}/${b.roleDefinitionId}`));
}

function hostingPlan(app: FunctionApp): Decl {
  const p = app.hosting;
  let sku: Expr;
  let kind: string;
  let properties: Expr;
  if (p.plan === 'FlexConsumption') {
    sku = obj({ name: str('FC1'), tier: str('FlexConsumption') });
    kind = 'functionapp';
    properties = obj({ reserved: bool(true) });
  } else if (p.plan === 'Premium') {
    sku = obj({ name: str(p.sku), tier: str('ElasticPremium') });
    kind = 'elastic';
    properties = obj({ reserved: bool(true), maximumElasticWorkerCount: num(Math.min(Math.max(app.scale.maximumInstanceCount, 1), 100)) });
  } else {
    sku = obj({ name: str(p.sku) });
    kind = 'linux';
    properties = obj({ reserved: bool(true) });
  }
  return resource('hostingPlan', ['Microsoft.Web/serverfarms', API.serverfarms], {
    name: sym('planName'),
    location: sym('location'),
    tags: sym('tags'),
    kind: str(kind),
    sku,
    properties,
  }, { description: `${p.plan} ${p.sku}: ${p.reason}` });
}

function site(app: FunctionApp, settings: SettingsResult, needs: AppModuleNeeds): Decl {
  const flex = app.hosting.plan === 'FlexConsumption';
  const appSettings = arr(...settings.settings.map((s) => obj({ name: str(s.name), value: s.value })));
  const siteConfig: [string, Expr | undefined][] = [
    ['minTlsVersion', str('1.2')],
    ['http20Enabled', bool(true)],
    ['remoteDebuggingEnabled', bool(false)],
    ['cors', obj({ allowedOrigins: arr(str('https://portal.azure.com')) })],
    ['appSettings', appSettings],
  ];
  let functionAppConfig: Expr | undefined;
  if (flex) {
    const scale: [string, Expr | undefined][] = [
      ['maximumInstanceCount', num(app.scale.maximumInstanceCount)],
      ['instanceMemoryMB', num(app.instanceMemoryMB)],
    ];
    if (app.scale.alwaysReady.length > 0) {
      scale.push(['alwaysReady', arr(...app.scale.alwaysReady.map((a) => obj({ name: str(a.name), instanceCount: num(a.instanceCount) })))]);
    }
    if (app.scale.httpPerInstanceConcurrency !== undefined) {
      scale.push(['triggers', obj({ http: obj({ perInstanceConcurrency: num(app.scale.httpPerInstanceConcurrency) }) })]);
    }
    functionAppConfig = obj({
      deployment: obj({
        storage: obj({
          type: str('blobContainer'),
          value: interp`${sym('storage', 'properties', 'primaryEndpoints', 'blob')}${sym('deploymentContainerName')}`,
          authentication: obj({ type: str('UserAssignedIdentity'), userAssignedIdentityResourceId: sym('identity', 'id') }),
        }),
      }),
      scaleAndConcurrency: obj(scale),
      runtime: obj({ name: str(app.runtime.name), version: str(app.runtime.version) }),
    });
  } else {
    const alwaysReady = app.scale.alwaysReady.reduce((n, a) => n + a.instanceCount, 0);
    siteConfig.unshift(
      ['linuxFxVersion', str(`${RUNTIME_FX[app.runtime.name] ?? app.runtime.name.toUpperCase()}|${app.runtime.version}`)],
      ['ftpsState', str('Disabled')],
      ['alwaysOn', app.hosting.plan === 'Dedicated' ? bool(true) : undefined],
      ['functionAppScaleLimit', app.hosting.plan === 'Premium' ? num(Math.min(app.scale.maximumInstanceCount, 100)) : undefined],
      ['minimumElasticInstanceCount', app.hosting.plan === 'Premium' ? num(Math.max(alwaysReady, 1)) : undefined],
      ['vnetRouteAllEnabled', needs.subnet ? bool(true) : undefined],
    );
  }
  return resource(
    'site',
    ['Microsoft.Web/sites', API.sites],
    {
      name: sym('name'),
      location: sym('location'),
      tags: { k: 'call', fn: 'union', args: [sym('tags'), obj({ 'azd-service-name': str(app.name) })] },
      kind: str('functionapp,linux'),
      identity: obj({
        type: str('UserAssigned'),
        userAssignedIdentities: { k: 'obj', props: [{ key: 'identity', keyExpr: interp`${sym('identity', 'id')}`, value: obj({}) }] },
      }),
      properties: obj({
        serverFarmId: sym('hostingPlan', 'id'),
        httpsOnly: bool(true),
        clientCertEnabled: bool(false),
        keyVaultReferenceIdentity: needs.keyVault ? sym('identity', 'id') : undefined,
        virtualNetworkSubnetId: needs.subnet ? sym('subnetId') : undefined,
        siteConfig: obj(siteConfig),
        functionAppConfig,
      }),
    },
    { description: `Replaces ${app.functions.length} Lambda function(s); azd deploys to it through the azd-service-name tag`, dependsOn: flex ? ['deploymentContainer'] : undefined },
  );
}

// infra/modules/function-app.bicep: the one function-app module every app of the estate calls from main.bicep
// with its own values (app-values.ts). It holds the app's user-assigned identity, its hosting plan, its site (a
// Flex Consumption site, or a Premium/Dedicated site: exactly one is deployed), the Flex deployment container,
// and the app's role assignments, one loop per kind of scope. Parts of the estate that no app uses (Key Vault,
// Service Bus, Event Hubs, Event Grid topics) are left out of the module. Cosmos DB data-plane roles are assigned
// by main.bicep, one write at a time across all apps (cosmos.ts).

import type { BicepFile, Decl, Expr } from '../bicep/ast.js';
import { arr, bool, call, decorator, eq, forEach, index, interp, member, nul, num, obj, str, sym, ternary } from '../bicep/expr.js';
import { API } from './api-versions.js';
import { locationAndTags, param, resource } from './common.js';

export const FUNCTION_APP_MODULE = 'infra/modules/function-app.bicep';

/** The estate-wide parts the module needs (a part no app uses is left out). */
export interface FunctionAppFeatures {
  keyVault: boolean;
  serviceBus: boolean;
  eventHubs: boolean;
  eventGridTopics: boolean;
}

/** Role-assignment array params: the scope each loop assigns on, and whether its items name an entity. */
export const ROLE_LOOPS = {
  storageRoles: { scope: 'storage', label: 'the estate storage account' },
  appInsightsRoles: { scope: 'appInsights', label: 'Application Insights' },
  resourceGroupRoles: { scope: '', label: 'the resource group' },
  keyVaultRoles: { scope: 'keyVault', label: 'the Key Vault' },
  serviceBusRoles: { scope: 'serviceBus', label: 'the Service Bus namespace' },
  serviceBusQueueRoles: { scope: 'serviceBus', entity: 'Microsoft.ServiceBus/namespaces/queues', label: 'a Service Bus queue (entity)' },
  serviceBusTopicRoles: { scope: 'serviceBus', entity: 'Microsoft.ServiceBus/namespaces/topics', label: 'a Service Bus topic (entity)' },
  eventHubsRoles: { scope: 'eventHubs', label: 'the Event Hubs namespace' },
  eventHubRoles: { scope: 'eventHubs', entity: 'Microsoft.EventHub/namespaces/eventhubs', label: 'an event hub (entity)' },
  eventGridTopicRoles: { scope: '', entity: 'Microsoft.EventGrid/topics', label: 'an Event Grid topic (entity: the topic name)' },
} as const;
export type RoleLoop = keyof typeof ROLE_LOOPS;

const FEATURE_OF: Partial<Record<RoleLoop, keyof FunctionAppFeatures>> = {
  keyVaultRoles: 'keyVault',
  serviceBusRoles: 'serviceBus',
  serviceBusQueueRoles: 'serviceBus',
  serviceBusTopicRoles: 'serviceBus',
  eventHubsRoles: 'eventHubs',
  eventHubRoles: 'eventHubs',
  eventGridTopicRoles: 'eventGridTopics',
};

export function roleLoopEnabled(loop: RoleLoop, f: FunctionAppFeatures): boolean {
  const feature = FEATURE_OF[loop];
  return feature === undefined || f[feature];
}

const API_OF: Record<string, string> = {
  'Microsoft.ServiceBus/namespaces/queues': API.serviceBus,
  'Microsoft.ServiceBus/namespaces/topics': API.serviceBus,
  'Microsoft.EventHub/namespaces/eventhubs': API.eventHub,
  'Microsoft.EventGrid/topics': API.eventGrid,
};

const isFlex = sym('isFlex');
const setting = (name: string, value: Expr): Expr => obj({ name: str(name), value });

export function buildFunctionAppModule(f: FunctionAppFeatures): BicepFile {
  const decls: Decl[] = [
    ...locationAndTags,
    param('serviceName', 'string', 'azd service name of the app (azure.yaml)'),
    param('name', 'string', 'Function app name'),
    param('planName', 'string', 'Hosting plan name'),
    { kind: 'param', name: 'planType', type: 'string', decorators: [decorator('allowed', arr(str('FlexConsumption'), str('Premium'), str('Dedicated'))), decorator('description', str('Hosting plan type'))] },
    param('planSku', 'object', 'Hosting plan SKU: FC1/FlexConsumption, EP1-3/ElasticPremium or a Dedicated SKU'),
    param('planKind', 'string', 'Hosting plan kind: functionapp (Flex), elastic (Premium) or linux (Dedicated)'),
    param('identityName', 'string', 'User-assigned managed identity name'),
    param('storageAccountName', 'string', 'Estate storage account (host storage and deployment package)'),
    param('appInsightsName', 'string', 'Application Insights component'),
    param('runtimeName', 'string', 'Worker runtime: node, python, java, dotnet-isolated, powershell'),
    param('runtimeVersion', 'string', 'Worker runtime version'),
    param('deploymentContainerName', 'string', 'Flex: blob container holding the deployment package', str('')),
    param('instanceMemoryMB', 'int', 'Flex: instance memory (512, 2048 or 4096)', { k: 'num', value: 2048 }),
    param('maximumInstanceCount', 'int', 'Flex: maximum instances; Premium: maximum elastic workers', { k: 'num', value: 100 }),
    param('alwaysReady', 'array', 'Flex: always-ready instances, [{name, instanceCount}]', arr()),
    param('httpPerInstanceConcurrency', 'int', 'Flex: HTTP executions per instance (0: the platform default)', { k: 'num', value: 0 }),
    param('linuxFxVersion', 'string', 'Premium/Dedicated: the Linux runtime stack, e.g. NODE|22', str('')),
    param('minimumElasticInstanceCount', 'int', 'Premium: warm instances', { k: 'num', value: 1 }),
    param('subnetId', 'string', "Delegated subnet for VNet integration ('' for none)", str('')),
    param('appSettings', 'array', 'App settings with values known to main.bicep, [{name, value}]', arr()),
    param('clientIdSettings', 'array', 'Names of the settings that carry the identity client id (identity-based connections)', arr()),
    param('storageEndpointSettings', 'array', 'Settings that carry an endpoint of the estate storage account, [{name, service: blob|queue|table}]', arr()),
  ];
  if (f.keyVault) decls.push(param('keyVaultName', 'string', 'Key Vault holding the migrated secrets', str('')));
  if (f.serviceBus) decls.push(param('serviceBusNamespaceName', 'string', 'Service Bus namespace', str('')));
  if (f.eventHubs) decls.push(param('eventHubsNamespaceName', 'string', 'Event Hubs namespace', str('')));
  for (const [loop, spec] of Object.entries(ROLE_LOOPS) as [RoleLoop, (typeof ROLE_LOOPS)[RoleLoop]][]) {
    if (!roleLoopEnabled(loop, f)) continue;
    const fields = 'entity' in spec ? '{entity, roleDefinitionId, description}' : '{roleDefinitionId, description}';
    decls.push(param(loop, 'array', `Role assignments on ${spec.label}, ${fields}`, arr()));
  }

  decls.push(
    { kind: 'var', name: 'isFlex', value: eq(sym('planType'), str('FlexConsumption')) },
    resource('storage', ['Microsoft.Storage/storageAccounts', API.storageAccounts], { name: sym('storageAccountName') }, { existing: true }),
    resource('blobService', ['Microsoft.Storage/storageAccounts/blobServices', API.storageAccounts], { name: str('default') }, { existing: true, parent: 'storage' }),
    resource('appInsights', ['Microsoft.Insights/components', API.components], { name: sym('appInsightsName') }, { existing: true }),
  );
  if (f.keyVault) decls.push(resource('keyVault', ['Microsoft.KeyVault/vaults', API.vaults], { name: sym('keyVaultName') }, { existing: true }));
  if (f.serviceBus) decls.push(resource('serviceBus', ['Microsoft.ServiceBus/namespaces', API.serviceBus], { name: sym('serviceBusNamespaceName') }, { existing: true }));
  if (f.eventHubs) decls.push(resource('eventHubs', ['Microsoft.EventHub/namespaces', API.eventHub], { name: sym('eventHubsNamespaceName') }, { existing: true }));

  decls.push(
    resource('identity', ['Microsoft.ManagedIdentity/userAssignedIdentities', API.userAssignedIdentities], { name: sym('identityName'), location: sym('location'), tags: sym('tags') }, {
      description: 'The app identity: replaces the Lambda execution role(s)',
    }),
    resource(
      'deploymentContainer',
      ['Microsoft.Storage/storageAccounts/blobServices/containers', API.storageAccounts],
      { name: sym('deploymentContainerName'), properties: obj({ publicAccess: str('None') }) },
      { parent: 'blobService', condition: isFlex },
    ),
    resource(
      'hostingPlan',
      ['Microsoft.Web/serverfarms', API.serverfarms],
      {
        name: sym('planName'),
        location: sym('location'),
        tags: sym('tags'),
        kind: sym('planKind'),
        sku: sym('planSku'),
        properties: obj({
          reserved: bool(true),
          maximumElasticWorkerCount: ternary(eq(sym('planType'), str('Premium')), sym('maximumInstanceCount'), { k: 'null' }),
        }),
      },
      { description: 'FC1 by default; EP or Dedicated when a plan rule forces it' },
    ),
    ...settingsVars(),
    site(),
  );
  decls.push(...roleAssignments(f));
  decls.push(
    { kind: 'output', name: 'name', type: 'string', value: sym('site', 'name') },
    { kind: 'output', name: 'id', type: 'string', value: sym('site', 'id') },
    { kind: 'output', name: 'defaultHostName', type: 'string', value: sym('site', 'properties', 'defaultHostName') },
    { kind: 'output', name: 'identityClientId', type: 'string', value: sym('identity', 'properties', 'clientId') },
    { kind: 'output', name: 'identityPrincipalId', type: 'string', value: sym('identity', 'properties', 'principalId') },
  );
  return {
    path: FUNCTION_APP_MODULE,
    header: [
      'One function app: identity, hosting plan, site and role assignments. main.bicep calls it once per app with the app\'s values.',
      'Flex Consumption (planType FlexConsumption) gets functionAppConfig and none of the site properties Flex rejects.',
    ],
    decls,
  };
}

/**
 * A host id unique per site and at most 32 characters: the site name's first 19 letters and digits, then the
 * 13-character uniqueString of the whole name.
 */
export function hostId(siteName: Expr): Expr {
  return interp`${call('take', call('toLower', call('replace', siteName, str('-'), str(''))), num(19))}${call('uniqueString', siteName)}`;
}

/** The host's own settings (identity-based storage and monitoring), then the app's, client ids and storage endpoints. */
function settingsVars(): Decl[] {
  const clientId = sym('identity', 'properties', 'clientId');
  const endpoints = sym('storage', 'properties', 'primaryEndpoints');
  const host = arr(
    setting('AzureWebJobsStorage__credential', str('managedidentity')),
    setting('AzureWebJobsStorage__clientId', clientId),
    setting('AzureWebJobsStorage__blobServiceUri', member(endpoints, 'blob')),
    setting('AzureWebJobsStorage__queueServiceUri', member(endpoints, 'queue')),
    setting('AzureWebJobsStorage__tableServiceUri', member(endpoints, 'table')),
    setting('APPLICATIONINSIGHTS_CONNECTION_STRING', sym('appInsights', 'properties', 'ConnectionString')),
    setting('APPLICATIONINSIGHTS_AUTHENTICATION_STRING', interp`ClientId=${clientId};Authorization=AAD`),
    // The apps share one storage account, where the host id (by default the first 32 characters of the site name)
    // keys each host's locks and timers: two apps whose names agree that far would stop each other's host.
    setting('AzureFunctionsWebHost__hostid', hostId(sym('name'))),
  );
  return [
    // Bicep allows a for-expression only as a declaration's value, so each list is its own variable.
    { kind: 'var', name: 'clientIdSettingValues', value: forEach('n', sym('clientIdSettings'), obj({ name: sym('n'), value: clientId })) },
    { kind: 'var', name: 'storageEndpointSettingValues', value: forEach('s', sym('storageEndpointSettings'), obj({ name: sym('s', 'name'), value: index(endpoints, sym('s', 'service')) })) },
    { kind: 'var', name: 'settings', value: call('concat', host, sym('appSettings'), sym('clientIdSettingValues'), sym('storageEndpointSettingValues')) },
    {
      kind: 'var',
      name: 'nonFlexSettings',
      value: arr(
        setting('FUNCTIONS_EXTENSION_VERSION', str('~4')),
        setting('FUNCTIONS_WORKER_RUNTIME', sym('runtimeName')),
        // No Azure Files content share (it needs shared keys, which the storage account disables): run from package.
        setting('WEBSITE_RUN_FROM_PACKAGE', str('1')),
      ),
    },
    {
      // azd zip-deploys Premium/Dedicated apps (Kudu), which installs nothing unless the site asks for a build:
      // a Python app's requirements.txt is installed by Oryx only with both settings (azd's own advice for non-Flex
      // plans; Flex builds through azure.yaml remoteBuild instead). Node, .NET and Java ship built packages.
      kind: 'var',
      name: 'remoteBuildSettings',
      value: ternary(
        eq(sym('runtimeName'), str('python')),
        arr(setting('SCM_DO_BUILD_DURING_DEPLOYMENT', str('true')), setting('ENABLE_ORYX_BUILD', str('true'))),
        arr(),
      ),
    },
    {
      kind: 'var',
      name: 'scaleTriggers',
      value: ternary(eq(sym('httpPerInstanceConcurrency'), { k: 'num', value: 0 }), nul, obj({ http: obj({ perInstanceConcurrency: sym('httpPerInstanceConcurrency') }) })),
    },
  ];
}

/** A value only Premium/Dedicated sites set: Flex Consumption rejects it, so on Flex it is null (not sent). */
const notOnFlex = (value: Expr): Expr => ternary(isFlex, nul, value);

/**
 * One site for every plan (checkov evaluates an unconditional resource only): the properties Flex Consumption
 * rejects are `isFlex ? null : …`, and functionAppConfig exists on Flex only.
 */
function site(): Decl {
  const premium = eq(sym('planType'), str('Premium'));
  const scale = obj({
    maximumInstanceCount: sym('maximumInstanceCount'),
    instanceMemoryMB: sym('instanceMemoryMB'),
    alwaysReady: sym('alwaysReady'),
    triggers: sym('scaleTriggers'),
  });
  const functionAppConfig = obj({
    deployment: obj({
      storage: obj({
        type: str('blobContainer'),
        value: interp`${sym('storage', 'properties', 'primaryEndpoints', 'blob')}${sym('deploymentContainerName')}`,
        authentication: obj({ type: str('UserAssignedIdentity'), userAssignedIdentityResourceId: sym('identity', 'id') }),
      }),
    }),
    scaleAndConcurrency: scale,
    runtime: obj({ name: sym('runtimeName'), version: sym('runtimeVersion') }),
  });
  const siteConfig: [string, Expr][] = [
    ['minTlsVersion', str('1.2')],
    ['http20Enabled', bool(true)],
    ['remoteDebuggingEnabled', bool(false)],
    ['cors', obj({ allowedOrigins: arr(str('https://portal.azure.com')) })],
    ['linuxFxVersion', notOnFlex(sym('linuxFxVersion'))],
    ['ftpsState', notOnFlex(str('Disabled'))],
    ['alwaysOn', notOnFlex(eq(sym('planType'), str('Dedicated')))],
    ['functionAppScaleLimit', notOnFlex(ternary(premium, sym('maximumInstanceCount'), nul))],
    ['minimumElasticInstanceCount', notOnFlex(ternary(premium, sym('minimumElasticInstanceCount'), nul))],
    ['vnetRouteAllEnabled', notOnFlex({ k: 'binary', op: '!=', left: sym('subnetId'), right: str('') })],
    ['appSettings', ternary(isFlex, sym('settings'), call('concat', sym('settings'), sym('nonFlexSettings'), sym('remoteBuildSettings')))],
  ];
  return resource(
    'site',
    ['Microsoft.Web/sites', API.sites],
    {
      name: sym('name'),
      location: sym('location'),
      tags: call('union', sym('tags'), obj({ 'azd-service-name': sym('serviceName') })),
      kind: str('functionapp,linux'),
      identity: obj({ type: str('UserAssigned'), userAssignedIdentities: { k: 'obj', props: [{ key: 'identity', keyExpr: interp`${sym('identity', 'id')}`, value: obj({}) }] } }),
      properties: obj({
        serverFarmId: sym('hostingPlan', 'id'),
        httpsOnly: bool(true),
        clientCertEnabled: bool(false),
        keyVaultReferenceIdentity: sym('identity', 'id'),
        virtualNetworkSubnetId: ternary(call('empty', sym('subnetId')), nul, sym('subnetId')),
        siteConfig: obj(siteConfig),
        functionAppConfig: ternary(isFlex, functionAppConfig, nul),
      }),
    },
    { dependsOn: ['deploymentContainer'], description: 'The function app: azd deploys to it through the azd-service-name tag' },
  );
}

function roleAssignment(symbol: string, source: string, scope: Expr | undefined, scopeId: Expr, indexed = false): Decl {
  return resource(
    symbol,
    ['Microsoft.Authorization/roleAssignments', API.roleAssignments],
    {
      name: call('guid', scopeId, sym('identity', 'id'), sym('r', 'roleDefinitionId')),
      properties: obj({
        roleDefinitionId: call('subscriptionResourceId', str('Microsoft.Authorization/roleDefinitions'), sym('r', 'roleDefinitionId')),
        principalId: sym('identity', 'properties', 'principalId'),
        principalType: str('ServicePrincipal'),
        description: sym('r', 'description'),
      }),
    },
    { scope, loop: { item: 'r', index: indexed ? 'i' : undefined, source: sym(source) } },
  );
}

function roleAssignments(f: FunctionAppFeatures): Decl[] {
  const out: Decl[] = [];
  for (const [loop, spec] of Object.entries(ROLE_LOOPS) as [RoleLoop, (typeof ROLE_LOOPS)[RoleLoop]][]) {
    if (!roleLoopEnabled(loop, f)) continue;
    const symbol = `${loop.replace(/Roles$/, '')}RoleAssignments`;
    if ('entity' in spec) {
      const entities = `${loop.replace(/Roles$/, '')}Scopes`;
      const topic = spec.entity === 'Microsoft.EventGrid/topics';
      out.push(
        resource(entities, [spec.entity, API_OF[spec.entity]!], { name: sym('r', 'entity') }, { existing: true, parent: topic ? undefined : spec.scope, loop: { item: 'r', source: sym(loop) } }),
        roleAssignment(symbol, loop, index(sym(entities), sym('i')), member(index(sym(entities), sym('i')), 'id'), true),
      );
    } else if (spec.scope === '') {
      out.push(roleAssignment(symbol, loop, undefined, member(call('resourceGroup'), 'id')));
    } else {
      out.push(roleAssignment(symbol, loop, sym(spec.scope), sym(spec.scope, 'id')));
    }
  }
  return out;
}

// infra/main.bicep (subscription scope: resource group, resource token, one module per concern and per app)
// and infra/main.parameters.json (azd substitutes ${AZURE_ENV_NAME} and friends).

import type { BicepFile, Decl, Expr, ObjProp } from '../bicep/ast.js';
import { arr, call, decorator, description, interp, member, obj, str, sym, ternary } from '../bicep/expr.js';
import { stableStringify } from '../../util/json.js';
import { API } from './api-versions.js';
import { resource } from './common.js';
import { customTopicNames } from './event-grid.js';
import type { Estate } from './estate.js';
import { cosmosAccountSymbol } from './app-settings.js';
import { cosmosAccountParam, type AppValues } from './app-values.js';
import { FUNCTION_APP_MODULE } from './function-app.js';
import { camel, envName, pascal, SymbolTable } from './names.js';
import { subnetOutput } from './network.js';
import { COSMOS_ROLES_MODULE } from './cosmos.js';
import { COSMOS_CREATED } from './estate.js';
import { keptByApp } from '../aws/keyless-federation.js';

export interface MainInputs {
  estate: Estate;
  values: Map<string, AppValues>;
  hasKeyVault: boolean;
  hasServiceBus: boolean;
  hasEventHubs: boolean;
  hasEventGrid: boolean;
  hasNetwork: boolean;
}

const token = sym('resourceToken');
const named = (prefix: string): Expr => interp`${str(prefix)}${token}`;
const mod = (name: string, path: string, params: [string, Expr][], extra: { dependsOn?: string[]; description?: string } = {}): Decl => ({
  kind: 'module',
  name,
  path,
  deploymentName: str(name),
  scope: sym('rg'),
  params: params.map(([key, value]): ObjProp => ({ key, value })),
  dependsOn: extra.dependsOn,
  decorators: extra.description ? [description(extra.description)] : undefined,
});
const out = (name: string, value: Expr): Decl => ({ kind: 'output', name, type: 'string', value });

export const appModuleSymbol = (app: string): string => `${camel(app, 'app')}App`;

export function buildMain(i: MainInputs): { file: BicepFile; parameters: string } {
  const { estate } = i;
  const symbols = new SymbolTable(['environmentName', 'location', 'principalId', 'resourceToken', 'tags', 'rg', 'monitoring', 'storage', 'keyVault', 'serviceBus', 'eventHubs', 'eventGrid', 'network', 'cosmosResourceGroupName', 'cosmosResourceGroup', 'cosmos']);
  const decls: Decl[] = [
    { kind: 'targetScope', scope: 'subscription' },
    {
      kind: 'param',
      name: 'environmentName',
      type: 'string',
      decorators: [decorator('minLength', { k: 'num', value: 1 }), decorator('maxLength', { k: 'num', value: 64 }), description('Name of the azd environment; prefixes the resource group and seeds the resource token')],
    },
    {
      kind: 'param',
      name: 'location',
      type: 'string',
      decorators: [decorator('minLength', { k: 'num', value: 1 }), description('Primary location for all resources (must offer Flex Consumption)'), decorator('metadata', obj({ azd: obj({ type: str('location') }) }))],
    },
    { kind: 'param', name: 'principalId', type: 'string', default: str(''), decorators: [description('Object id of the deploying user or pipeline (granted Key Vault Secrets Officer to populate secrets and EventGrid Data Sender to send test events)')] },
  ];
  const parameters: Record<string, { value: string | boolean }> = {
    environmentName: { value: '${AZURE_ENV_NAME}' },
    location: { value: '${AZURE_LOCATION}' },
    principalId: { value: '${AZURE_PRINCIPAL_ID}' },
  };
  const supplied = [...i.values.values()].flatMap((v) => v.needs.supplied);
  for (const s of supplied) {
    decls.push({ kind: 'param', name: s.param, type: 'string', decorators: [description(`${s.app}: app setting ${s.setting} (${s.why}); set with azd env set ${s.envVar}`)] });
    parameters[s.param] = { value: `\${${s.envVar}}` };
  }
  // Existing Cosmos DB accounts (any the plan names other than `cosmos`, which the Bicep creates): their name and
  // group come from main.parameters.json, so `azd env set` changes them; empty means the defaults below.
  const existingCosmos = estate.cosmosAccounts.filter((c) => c.name !== COSMOS_CREATED);
  if (existingCosmos.length > 0) {
    decls.push({ kind: 'param', name: 'cosmosResourceGroupName', type: 'string', default: str(''), decorators: [description("Resource group of the existing Cosmos DB account(s); empty: this deployment's group (azd env set AZURE_COSMOS_RESOURCE_GROUP)")] });
    parameters.cosmosResourceGroupName = { value: '${AZURE_COSMOS_RESOURCE_GROUP}' };
    decls.push({ kind: 'var', name: 'cosmosResourceGroup', value: ternary(call('empty', sym('cosmosResourceGroupName')), interp`rg-${sym('environmentName')}`, sym('cosmosResourceGroupName')) });
    for (const c of existingCosmos) {
      const p = cosmosAccountParam(c.name);
      const envVar = `AZURE_COSMOS_${envName(c.name)}_ACCOUNT_NAME`;
      decls.push({ kind: 'param', name: `${p}Override`, type: 'string', default: str(''), decorators: [description(`Existing Cosmos DB account '${c.name}'; empty: '${c.name}' (azd env set ${envVar})`)] });
      parameters[`${p}Override`] = { value: `\${${envVar}}` };
      decls.push({ kind: 'var', name: p, value: ternary(call('empty', sym(`${p}Override`)), str(c.name), sym(`${p}Override`)) });
    }
  }
  // The existing accounts, for the endpoints the apps' settings read.
  const read = new Set([...i.values.values()].flatMap((v) => v.needs.cosmosEndpoints));
  const cosmosAccounts: Decl[] = existingCosmos.filter((c) => read.has(c.name)).map((c) =>
    resource(symbols.take(cosmosAccountSymbol(c.name)), ['Microsoft.DocumentDB/databaseAccounts', API.cosmos], { name: sym(cosmosAccountParam(c.name)) }, {
      existing: true,
      scope: call('resourceGroup', sym('cosmosResourceGroup')),
    }),
  );
  decls.push(
    { kind: 'var', name: 'resourceToken', value: call('toLower', call('uniqueString', member(call('subscription'), 'id'), sym('environmentName'), sym('location'))) },
    { kind: 'var', name: 'tags', value: obj({ 'azd-env-name': sym('environmentName') }) },
    resource('rg', ['Microsoft.Resources/resourceGroups', API.resourceGroups], {
      name: interp`rg-${sym('environmentName')}`,
      location: sym('location'),
      tags: sym('tags'),
    }),
    ...cosmosAccounts,
    mod('monitoring', './modules/monitoring.bicep', [
      ['location', sym('location')],
      ['tags', sym('tags')],
      ['logAnalyticsName', named('log-')],
      ['appInsightsName', named('appi-')],
    ]),
    mod('storage', './modules/storage.bicep', [
      ['location', sym('location')],
      ['tags', sym('tags')],
      ['storageAccountName', named('st')],
    ]),
  );
  if (i.hasKeyVault) {
    decls.push(mod('keyVault', './modules/key-vault.bicep', [['location', sym('location')], ['tags', sym('tags')], ['keyVaultName', named('kv-')], ['principalId', sym('principalId')]]));
  }
  if (i.hasServiceBus) decls.push(mod('serviceBus', './modules/service-bus.bicep', [['location', sym('location')], ['tags', sym('tags')], ['namespaceName', named('sb-')]]));
  if (i.hasEventHubs) decls.push(mod('eventHubs', './modules/event-hubs.bicep', [['location', sym('location')], ['tags', sym('tags')], ['namespaceName', named('evhns-')]]));
  if (i.hasEventGrid) {
    const params: [string, Expr][] = [['location', sym('location')], ['tags', sym('tags')], ['resourceToken', token]];
    if (estate.blobSubscriptions.length > 0) params.push(['storageAccountName', sym('storage', 'outputs', 'name')], ['systemTopicName', named('evgt-storage-')]);
    if (estate.eventGridTopics.length > 0) params.push(['principalId', sym('principalId')]);
    decls.push(mod('eventGrid', './modules/event-grid.bicep', params));
  }
  if (i.hasNetwork) decls.push(mod('network', './modules/network.bicep', [['location', sym('location')], ['tags', sym('tags')]]));
  if (estate.cosmosAccounts.some((c) => c.name === COSMOS_CREATED)) {
    decls.push(mod('cosmos', './modules/cosmos.bicep', [['location', sym('location')], ['tags', sym('tags')], ['accountName', named('cosmos-')]], { description: 'Cosmos DB for NoSQL: the containers that replace the DynamoDB tables' }));
  }

  const outputs: Decl[] = [
    out('AZURE_LOCATION', sym('location')),
    out('AZURE_TENANT_ID', member(call('tenant'), 'tenantId')),
    out('AZURE_RESOURCE_GROUP', sym('rg', 'name')),
    out('AZURE_STORAGE_ACCOUNT_NAME', sym('storage', 'outputs', 'name')),
    out('APPLICATIONINSIGHTS_CONNECTION_STRING', sym('monitoring', 'outputs', 'connectionString')),
  ];
  if (i.hasKeyVault) outputs.push(out('AZURE_KEY_VAULT_NAME', sym('keyVault', 'outputs', 'name')));
  if (i.hasServiceBus) outputs.push(out('SERVICE_BUS_NAMESPACE', sym('serviceBus', 'outputs', 'name')));
  if (i.hasEventHubs) outputs.push(out('EVENT_HUBS_NAMESPACE', sym('eventHubs', 'outputs', 'name')));
  if (estate.blobSubscriptions.length > 0) outputs.push(out('EVENT_GRID_SYSTEM_TOPIC_NAME', sym('eventGrid', 'outputs', 'systemTopicName')));
  for (const t of customTopicNames(estate)) {
    outputs.push(
      out(`EVENT_GRID_TOPIC_${envName(t)}_ID`, sym('eventGrid', 'outputs', `topic${pascal(t)}Id`)),
      out(`EVENT_GRID_TOPIC_${envName(t)}_ENDPOINT`, sym('eventGrid', 'outputs', `topic${pascal(t)}Endpoint`)),
    );
  }

  const identityNames = estate.apps.map((a) => a.identity.name);
  const keptApps = new Set(keptByApp(estate.plan).map((k) => k.app));
  for (const app of estate.apps) {
    const { needs: n, params: values } = i.values.get(app.name)!;
    const s = symbols.take(appModuleSymbol(app.name));
    const identity = identityNames.filter((x) => x === app.identity.name).length > 1 ? `id-${app.name}` : app.identity.name;
    const params: [string, Expr][] = [
      ['location', sym('location')],
      ['tags', sym('tags')],
      ['name', interp`func-${str(app.name)}-${token}`],
      ['planName', interp`plan-${str(app.name)}-${token}`],
      ['identityName', interp`${str(identity)}-${token}`],
      ['storageAccountName', sym('storage', 'outputs', 'name')],
      ['appInsightsName', sym('monitoring', 'outputs', 'appInsightsName')],
    ];
    if (app.hosting.plan === 'FlexConsumption') {
      params.push(['deploymentContainerName', interp`app-package-${str(app.name.slice(0, 32).replace(/-+$/, ''))}-${call('take', token, { k: 'num', value: 7 })}`]);
    }
    if (n.keyVault) params.push(['keyVaultName', sym('keyVault', 'outputs', 'name')]);
    if (n.serviceBus) params.push(['serviceBusNamespaceName', sym('serviceBus', 'outputs', 'name')]);
    if (n.eventHubs) params.push(['eventHubsNamespaceName', sym('eventHubs', 'outputs', 'name')]);
    if (n.subnet) params.push(['subnetId', sym('network', 'outputs', subnetOutput(app.name))]);
    params.push(...values);
    decls.push(
      mod(s, FUNCTION_APP_MODULE.replace('infra/', './'), params, {
        dependsOn: n.topics.length > 0 ? ['eventGrid'] : undefined,
        description: `Function app '${app.name}' on ${app.hosting.plan} (${app.hosting.sku}): ${app.hosting.reason}. Replaces ${app.functions.map((f) => f.lambdaName).join(', ')}; its identity replaces the execution role(s) ${app.identity.sourceRoles.join(', ') || '(none)'}.`,
      }),
    );
    const e = envName(app.name);
    outputs.push(
      out(`SERVICE_${e}_NAME`, sym(s, 'outputs', 'name')),
      out(`SERVICE_${e}_ID`, sym(s, 'outputs', 'id')),
      out(`SERVICE_${e}_URI`, interp`https://${sym(s, 'outputs', 'defaultHostName')}`),
      out(`SERVICE_${e}_IDENTITY_CLIENT_ID`, sym(s, 'outputs', 'identityClientId')),
    );
    // The AWS role trust of keyless `stay` names the identity's object id (aws/keyless-federation.template.json).
    if (keptApps.has(app.name)) outputs.push(out(`SERVICE_${e}_IDENTITY_PRINCIPAL_ID`, sym(s, 'outputs', 'identityPrincipalId')));
  }
  decls.push(...cosmosRoleModules(estate, i.values, symbols));
  if (estate.cosmosAccounts.some((c) => c.name === COSMOS_CREATED)) {
    outputs.push(out('AZURE_COSMOS_ACCOUNT_NAME', sym('cosmos', 'outputs', 'name')), out('AZURE_COSMOS_ENDPOINT', sym('cosmos', 'outputs', 'endpoint')));
  }
  decls.push(...outputs);
  return {
    file: {
      path: 'infra/main.bicep',
      header: [
        `Generated by migrate convert from plan.json: ${estate.apps.length} function app(s), ${estate.apps.reduce((n, a) => n + a.functions.length, 0)} Lambda function(s).`,
        'Subscription scope: one resource group per azd environment, names suffixed with a token from uniqueString().',
      ],
      decls,
    },
    parameters: stableStringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      contentVersion: '1.0.0.0',
      parameters,
    }),
  };
}

/** One module per Cosmos DB account assigning every app's data-plane roles on it, serialised (@batchSize(1) inside). */
function cosmosRoleModules(estate: Estate, values: Map<string, AppValues>, symbols: SymbolTable): Decl[] {
  const out: Decl[] = [];
  for (const c of estate.cosmosAccounts) {
    const items: Expr[] = [];
    for (const app of estate.apps) {
      for (const r of values.get(app.name)!.needs.cosmosRoles.filter((x) => x.account === c.name)) {
        items.push(obj({ principalId: sym(appModuleSymbol(app.name), 'outputs', 'identityPrincipalId'), roleDefinitionGuid: str(r.roleDefinitionGuid), description: str(r.description) }));
      }
    }
    if (items.length === 0) continue;
    const created = c.name === COSMOS_CREATED;
    const name = symbols.take(`cosmosRoles${pascal(c.name)}`);
    out.push({
      kind: 'module',
      name,
      path: COSMOS_ROLES_MODULE.replace('infra/', './'),
      deploymentName: str(`cosmos-roles-${c.name}`.slice(0, 64)),
      scope: created ? sym('rg') : call('resourceGroup', sym('cosmosResourceGroup')),
      params: [
        { key: 'accountName', value: created ? sym('cosmos', 'outputs', 'name') : sym(cosmosAccountParam(c.name)) },
        { key: 'assignments', value: arr(...items) },
      ],
      decorators: [description(`Cosmos DB data-plane roles of ${c.apps.join(', ')} on account '${c.name}', one write at a time`)],
    });
  }
  return out;
}

// The app settings of one function app: identity-based host storage and monitoring, identity-based binding
// connections derived from its triggers, and the plan's settings (Key Vault references, plain values, placeholders).

import type { Expr } from '../bicep/ast.js';
import type { AppSetting, DataResource, FunctionApp } from '../../model/plan.js';
import { compareStrings } from '../../util/json.js';
import { interp, str, sym } from '../bicep/expr.js';
import { camel, envName, pascal } from './names.js';

/** Settings Flex Consumption rejects or ignores (azure-target.md §4.2): never emitted on a Flex site. */
export const FLEX_FORBIDDEN_SETTINGS = [
  'FUNCTIONS_WORKER_RUNTIME',
  'FUNCTIONS_WORKER_RUNTIME_VERSION',
  'FUNCTIONS_EXTENSION_VERSION',
  'WEBSITE_NODE_DEFAULT_VERSION',
  'WEBSITE_RUN_FROM_PACKAGE',
  'WEBSITE_CONTENTSHARE',
  'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  'ENABLE_ORYX_BUILD',
  'WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT',
  'FUNCTIONS_MAX_HTTP_CONCURRENCY',
  'WEBSITE_VNET_ROUTE_ALL',
  'WEBSITE_DNS_SERVER',
  'WEBSITE_TIME_ZONE',
  'TZ',
] as const;

export const isFlexForbidden = (name: string): boolean =>
  (FLEX_FORBIDDEN_SETTINGS as readonly string[]).includes(name) || name.startsWith('WEBSITE_CONTENT');

/** A module parameter the user supplies through azd (`azd env set <envVar> <value>`). */
export interface SuppliedParam {
  /** Parameter name in the app module and in main.bicep. */
  param: string;
  envVar: string;
  setting: string;
  app: string;
  why: string;
}

export interface SettingsResult {
  /** Settings main.bicep computes, sorted by name. */
  settings: { name: string; value: Expr }[];
  /** Settings the module sets to the identity client id. */
  clientIdSettings: string[];
  /** Settings the module sets to an endpoint of the estate storage account. */
  storageEndpointSettings: { name: string; service: 'blob' | 'queue' | 'table' }[];
  supplied: SuppliedParam[];
  /** Plan settings left out, with the reason (for the manual). */
  dropped: { name: string; reason: string }[];
  /** Which shared resources the settings reference, so the app module declares the matching params. */
  uses: { serviceBus: boolean; eventHubs: boolean; keyVault: boolean; cosmos: Set<string>; topics: Set<string> };
}

/**
 * Setting values: most are main.bicep expressions (module outputs, params); the identity client id and the storage
 * endpoints only exist inside the function-app module, so they are markers the module fills in.
 */
const CLIENT_ID: Expr = { k: 'sym', name: 'identityClientId' };
const ENDPOINT = { blob: { k: 'sym', name: 'storageBlobEndpoint' }, queue: { k: 'sym', name: 'storageQueueEndpoint' }, table: { k: 'sym', name: 'storageTableEndpoint' } } satisfies Record<string, Expr>;
export const S = {
  clientId: CLIENT_ID,
  blob: ENDPOINT.blob,
  queue: ENDPOINT.queue,
  table: ENDPOINT.table,
  serviceBusHost: interp`${sym('serviceBus', 'outputs', 'name')}.servicebus.windows.net`,
  eventHubsHost: interp`${sym('eventHubs', 'outputs', 'name')}.servicebus.windows.net`,
  keyVaultName: sym('keyVault', 'outputs', 'name'),
  keyVaultUri: sym('keyVault', 'outputs', 'uri'),
  // The account the plan calls `cosmos` is created by main.bicep's `cosmos` module; others are existing accounts.
  cosmosEndpoint: (account: string) => (account === 'cosmos' ? sym('cosmos', 'outputs', 'endpoint') : sym(cosmosAccountSymbol(account), 'properties', 'documentEndpoint')),
  topicEndpoint: (topic: string) => sym('eventGrid', 'outputs', `${topicSymbol(topic)}Endpoint`),
};

/** The existing Cosmos DB account main.bicep reads the endpoint of. */
export const cosmosAccountSymbol = (account: string): string => `${camel(account, 'c')}CosmosAccount`;
export const topicSymbol = (topic: string): string => `topic${pascal(topic)}`;

/** Settings the function-app module always writes itself: the plan's own values for them are ignored. */
const MODULE_SETTINGS = new Set([
  'AzureWebJobsStorage__credential',
  'AzureWebJobsStorage__clientId',
  'AzureWebJobsStorage__blobServiceUri',
  'AzureWebJobsStorage__queueServiceUri',
  'AzureWebJobsStorage__tableServiceUri',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
  'FUNCTIONS_EXTENSION_VERSION',
  'FUNCTIONS_WORKER_RUNTIME',
  'WEBSITE_RUN_FROM_PACKAGE',
]);

export function buildAppSettings(app: FunctionApp, dataPlane: DataResource[] = []): SettingsResult {
  const out = new Map<string, Expr>();
  const supplied: SuppliedParam[] = [];
  const dropped: SettingsResult['dropped'] = [];
  const uses: SettingsResult['uses'] = { serviceBus: false, eventHubs: false, keyVault: false, cosmos: new Set(), topics: new Set() };
  const flex = app.hosting.plan === 'FlexConsumption';
  const identityConnection = (prefix: string) => {
    out.set(`${prefix}__credential`, str('managedidentity'));
    out.set(`${prefix}__clientId`, S.clientId);
  };

  for (const name of MODULE_SETTINGS) out.set(name, str(''));

  const cosmosFor = (db: string, container: string): string | undefined =>
    app.resources.find((r) => r.kind === 'cosmos-db-existing' && r.database === db && r.container === container)?.name ??
    app.resources.find((r) => r.kind === 'cosmos-db-existing')?.name;

  // Connection prefixes named by triggers, and what service each one points at.
  const connections = new Map<string, 'queue' | 'blob' | 'serviceBus' | 'eventHubs' | `cosmos:${string}`>();
  for (const fn of app.functions) {
    for (const e of fn.entries) {
      const t = e.trigger;
      if (t.type === 'storageQueue') connections.set(t.connection, 'queue');
      else if (t.type === 'storageBlob') connections.set(t.connection, 'blob');
      else if (t.type === 'serviceBusQueue' || t.type === 'serviceBusTopic') connections.set(t.connection, 'serviceBus');
      else if (t.type === 'eventHub') connections.set(t.connection, 'eventHubs');
      else if (t.type === 'cosmosDB') {
        const acc = cosmosFor(t.databaseName, t.containerName);
        if (acc) connections.set(t.connection, `cosmos:${acc}`);
      } else if (t.type === 'timer') out.set(t.scheduleSetting, str(t.schedule));
    }
  }
  for (const [prefix, target] of [...connections].sort((a, b) => compareStrings(a[0], b[0]))) {
    if (prefix === 'AzureWebJobsStorage') continue;
    identityConnection(prefix);
    if (target === 'queue') out.set(`${prefix}__queueServiceUri`, S.queue);
    else if (target === 'blob') {
      out.set(`${prefix}__blobServiceUri`, S.blob);
      out.set(`${prefix}__queueServiceUri`, S.queue);
    } else if (target === 'serviceBus') {
      out.set(`${prefix}__fullyQualifiedNamespace`, S.serviceBusHost);
      uses.serviceBus = true;
    } else if (target === 'eventHubs') {
      out.set(`${prefix}__fullyQualifiedNamespace`, S.eventHubsHost);
      uses.eventHubs = true;
    } else {
      const acc = target.slice('cosmos:'.length);
      out.set(`${prefix}__accountEndpoint`, S.cosmosEndpoint(acc));
      uses.cosmos.add(acc);
    }
  }

  const supply = (s: AppSetting, why: string) => {
    const param = camel(`${app.name}-${s.name}`, 'p');
    supplied.push({ param, envVar: envName(`${app.name}_${s.name}`), setting: s.name, app: app.name, why });
    out.set(s.name, sym(param));
  };

  for (const s of [...app.settings].sort((a, b) => compareStrings(a.name, b.name))) {
    if (flex && isFlexForbidden(s.name)) {
      dropped.push({
        name: s.name,
        reason:
          s.name === 'WEBSITE_TIME_ZONE' || s.name === 'TZ'
            ? 'time zones are not supported on Flex Consumption: timer schedules run in UTC, convert local-time schedules'
            : 'not allowed on Flex Consumption (the platform manages it)',
      });
      continue;
    }
    if (out.has(s.name)) continue; // derived from the infrastructure: authoritative
    if (s.derived) {
      const value = derivedValue(s, dataPlane, uses);
      if (value) out.set(s.name, value);
      else supply(s, `the ${s.derived} of a resource this estate does not create`);
      continue;
    }
    switch (s.kind) {
      case 'plain':
        if (s.value !== undefined) out.set(s.name, str(s.value));
        else supply(s, 'the inventory carried no value');
        break;
      case 'keyvault': {
        const secret = s.secretName ?? s.name;
        out.set(s.name, interp`@Microsoft.KeyVault(VaultName=${S.keyVaultName};SecretName=${str(secret)})`);
        uses.keyVault = true;
        break;
      }
      case 'identity-connection': {
        const derived = deriveConnection(s.name, app, uses);
        if (derived) out.set(s.name, derived);
        else if (s.value !== undefined) out.set(s.name, str(s.value));
        else supply(s, 'identity-based connection to a service this plan does not create');
        break;
      }
      case 'reference':
        if (s.value !== undefined) out.set(s.name, str(s.value));
        else supply(s, 'refers to a resource outside this estate');
        break;
      case 'placeholder':
        supply(s, s.value ?? 'value unknown at planning time');
        break;
    }
  }
  if (app.keyVaultSecrets.length > 0) uses.keyVault = true;
  const result: SettingsResult = { settings: [], clientIdSettings: [], storageEndpointSettings: [], supplied, dropped, uses };
  for (const [name, value] of [...out.entries()].sort((a, b) => compareStrings(a[0], b[0]))) {
    if (MODULE_SETTINGS.has(name)) continue;
    const service = (Object.keys(ENDPOINT) as (keyof typeof ENDPOINT)[]).find((k) => ENDPOINT[k] === value);
    if (value === CLIENT_ID) result.clientIdSettings.push(name);
    else if (service) result.storageEndpointSettings.push({ name, service });
    else result.settings.push({ name, value });
  }
  return result;
}

function deriveConnection(name: string, app: FunctionApp, uses: SettingsResult['uses']): Expr | undefined {
  const m = /^(.+?)__(credential|clientId|fullyQualifiedNamespace|blobServiceUri|queueServiceUri|tableServiceUri|serviceUri|accountEndpoint|topicEndpointUri)$/.exec(name);
  if (!m) return undefined;
  const [, prefix, suffix] = m as unknown as [string, string, string];
  switch (suffix) {
    case 'credential':
      return str('managedidentity');
    case 'clientId':
      return S.clientId;
    case 'blobServiceUri':
    case 'serviceUri':
      return S.blob;
    case 'queueServiceUri':
      return S.queue;
    case 'tableServiceUri':
      return S.table;
    case 'fullyQualifiedNamespace': {
      const hub = app.resources.some((r) => r.kind === 'event-hub');
      const bus = app.resources.some((r) => r.kind === 'service-bus-queue' || r.kind === 'service-bus-topic');
      if (hub && (!bus || /hub/i.test(prefix))) {
        uses.eventHubs = true;
        return S.eventHubsHost;
      }
      if (bus) {
        uses.serviceBus = true;
        return S.serviceBusHost;
      }
      return undefined;
    }
    case 'accountEndpoint': {
      const acc = app.resources.find((r) => r.kind === 'cosmos-db-existing');
      if (!acc) return undefined;
      uses.cosmos.add(acc.name);
      return S.cosmosEndpoint(acc.name);
    }
    case 'topicEndpointUri': {
      const topic = app.resources.find((r) => r.kind === 'event-grid-topic');
      if (!topic) return undefined;
      uses.topics.add(topic.name);
      return S.topicEndpoint(topic.name);
    }
  }
  return undefined;
}

/** A data-plane setting only the deployment knows (docs/data-plane.md, "Settings"). */
function derivedValue(s: AppSetting, dataPlane: DataResource[], uses: SettingsResult['uses']): Expr | undefined {
  switch (s.derived) {
    case 'client-id':
      return S.clientId;
    case 'blob-endpoint':
      return S.blob;
    case 'queue-endpoint':
      return S.queue;
    case 'cosmos-endpoint':
      uses.cosmos.add('cosmos');
      return S.cosmosEndpoint('cosmos');
    case 'service-bus-fqdn':
      uses.serviceBus = true;
      return S.serviceBusHost;
    case 'key-vault-uri':
      uses.keyVault = true;
      return S.keyVaultUri;
    case 'topic-endpoint': {
      const topic = dataPlane.find((r) => r.id === s.dataResource)?.azure?.name;
      if (!topic) return undefined;
      uses.topics.add(topic);
      return S.topicEndpoint(topic);
    }
    default:
      return undefined;
  }
}

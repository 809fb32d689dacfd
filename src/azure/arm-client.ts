// The one place that talks to Azure: @azure/arm-appservice for Microsoft.Web, the same pipeline (through
// @azure-rest/core-client) for the few reads outside it (other providers' name checks, resource providers,
// permissions, role assignments, Flex runtime stacks, which the SDK's model drops). Both are loaded lazily.
// Bounded: the pipeline retries 429/5xx at most `maxRetries` times honouring Retry-After; every list stops after
// MAX_PAGES pages or MAX_ITEMS items; a nextLink may only point back at the same Resource Manager origin.

import https from 'node:https';
import type { TokenCredential } from '@azure/core-auth';
import type { PathUncheckedResponse } from '@azure-rest/core-client';
import type { ArmReader, DeployedSite, FlexRuntime, NameCheck } from './arm-reader.js';
import type { ArmTarget } from './target.js';

export interface ArmClientOptions {
  target: ArmTarget;
  subscriptionId: string;
  credential: TokenCredential;
  /** Extra trusted CA certificates (PEM), for in-process tests; the CLI relies on NODE_EXTRA_CA_CERTS. */
  ca?: string;
  /** Retries per request for 429/5xx/network errors (default 3). */
  maxRetries?: number;
  /** Cap on any Retry-After wait, in ms (default 30 s). */
  maxRetryDelayMs?: number;
  /** First back-off delay for 5xx/network retries, doubled each time (default 1 s). */
  retryDelayMs?: number;
}

const MAX_PAGES = 50;
const MAX_ITEMS = 5000;
const SMOKE_TIMEOUT_MS = 15_000;
const API = { resources: '2021-04-01', authorization: '2022-04-01', storage: '2023-05-01', keyVault: '2023-07-01', webStacks: '2024-11-01' };

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const regionKey = (s: string) => s.toLowerCase().replace(/\s+/g, '');
const lastSegment = (id: string) => id.slice(id.lastIndexOf('/') + 1);

async function take<T>(items: AsyncIterable<T>, limit = MAX_ITEMS): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}

function resourceGroupOf(id: string): string {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? '';
}

/** Flex-capable versions of one stack: minor versions whose Linux settings carry an FC1 sku. */
export function flexRuntimesFromStacks(body: unknown): FlexRuntime[] {
  const out = new Map<string, FlexRuntime>();
  for (const stack of arr(obj(body).value)) {
    for (const major of arr(obj(obj(stack).properties).majorVersions)) {
      for (const minor of arr(obj(major).minorVersions)) {
        const linux = obj(obj(obj(minor).stackSettings).linuxRuntimeSettings);
        if (linux.isHidden === true || linux.isDeprecated === true) continue;
        for (const sku of [...arr(linux.Sku), ...arr(linux.sku), ...arr(linux.skus)]) {
          const s = obj(sku);
          if (str(s.skuCode)?.toUpperCase() !== 'FC1') continue;
          const runtime = obj(obj(s.functionAppConfigProperties).runtime);
          const name = str(runtime.name);
          const version = str(runtime.version);
          if (name && version) out.set(`${name}@${version}`, { name, version });
        }
      }
    }
  }
  return [...out.values()];
}

export async function createArmClient(o: ArmClientOptions): Promise<ArmReader> {
  const [{ WebSiteManagementClient }, { getClient, createRestError }] = await Promise.all([
    import('@azure/arm-appservice'),
    import('@azure-rest/core-client'),
  ]);
  const options = {
    endpoint: o.target.endpoint,
    credentials: { scopes: [o.target.scope] },
    retryOptions: { maxRetries: o.maxRetries ?? 3, maxRetryDelayInMs: o.maxRetryDelayMs ?? 30_000, retryDelayInMs: o.retryDelayMs ?? 1000 },
    tlsOptions: o.ca ? { ca: o.ca } : undefined,
    userAgentOptions: { userAgentPrefix: 'lambda-to-functions-migrate' },
  };
  const web = new WebSiteManagementClient(o.credential, o.subscriptionId, options);
  const raw = getClient(o.target.endpoint, o.credential, options);
  const sub = `/subscriptions/${encodeURIComponent(o.subscriptionId)}`;

  const check = (res: PathUncheckedResponse): unknown => {
    if (!res.status.startsWith('2')) throw createRestError(res);
    return res.body;
  };
  const get = async (path: string, query: Record<string, string>) => check(await raw.pathUnchecked(path).get({ queryParameters: query }));
  const post = async (path: string, query: Record<string, string>, body: unknown) =>
    check(await raw.pathUnchecked(path).post({ queryParameters: query, body, contentType: 'application/json' }));

  /** GET a list and follow nextLink, bounded, never leaving the Resource Manager origin. */
  async function list(path: string, query: Record<string, string>): Promise<Json[]> {
    const items: Json[] = [];
    let body = obj(await get(path, query));
    for (let page = 1; ; page++) {
      for (const v of arr(body.value)) items.push(obj(v));
      const next = str(body.nextLink);
      if (!next || page >= MAX_PAGES || items.length >= MAX_ITEMS) break;
      if (new URL(next).origin !== o.target.endpoint) throw new Error(`nextLink points outside ${o.target.endpoint}`);
      body = obj(check(await raw.pathUnchecked(next).get()));
    }
    return items.slice(0, MAX_ITEMS);
  }

  const nameCheck = (b: unknown): NameCheck => {
    const r = obj(b);
    return { available: r.nameAvailable === true, reason: str(r.reason), message: str(r.message) };
  };

  return {
    async flexRegions() {
      const regions = await take(web.listGeoRegions({ sku: 'FlexConsumption' }));
      return regions.map((r) => regionKey(r.name ?? r.displayName ?? '')).filter(Boolean);
    },
    async flexRuntimes(location, stack) {
      const body = await get(`/providers/Microsoft.Web/locations/${encodeURIComponent(location)}/functionAppStacks`, {
        'api-version': API.webStacks,
        stack,
        removeHiddenStacks: 'true',
      });
      return flexRuntimesFromStacks(body);
    },
    async checkSiteName(name) {
      const r = await web.checkNameAvailability(name, 'Microsoft.Web/sites');
      return { available: r.nameAvailable === true, reason: r.reason, message: r.message };
    },
    async checkStorageName(name) {
      return nameCheck(await post(`${sub}/providers/Microsoft.Storage/checkNameAvailability`, { 'api-version': API.storage }, { name, type: 'Microsoft.Storage/storageAccounts' }));
    },
    async checkKeyVaultName(name) {
      return nameCheck(await post(`${sub}/providers/Microsoft.KeyVault/checkNameAvailability`, { 'api-version': API.keyVault }, { name, type: 'Microsoft.KeyVault/vaults' }));
    },
    async providers() {
      const items = await list(`${sub}/providers`, { 'api-version': API.resources });
      return items.map((p) => ({ namespace: str(p.namespace) ?? '', registrationState: str(p.registrationState) ?? 'Unknown' }));
    },
    async usages(location) {
      const items = await take(web.getUsagesInLocation.list(location));
      return items.map((u) => ({ name: u.name?.value ?? '', current: u.currentValue ?? 0, limit: u.limit ?? 0, unit: u.unit }));
    },
    async findResources(type, name) {
      const filter = `resourceType eq '${type.replace(/'/g, "''")}' and name eq '${name.replace(/'/g, "''")}'`;
      const items = await list(`${sub}/resources`, { 'api-version': API.resources, $filter: filter });
      return items.map((r) => ({ id: str(r.id) ?? '', name: str(r.name) ?? '', type: str(r.type) ?? '', resourceGroup: resourceGroupOf(str(r.id) ?? '') }));
    },
    async permissions() {
      const items = await list(`${sub}/providers/Microsoft.Authorization/permissions`, { 'api-version': API.authorization });
      return items.map((p) => ({ actions: arr(p.actions).filter((a): a is string => typeof a === 'string'), notActions: arr(p.notActions).filter((a): a is string => typeof a === 'string') }));
    },
    async sites(resourceGroup) {
      const sites = await take(web.webApps.listByResourceGroup(resourceGroup));
      return sites.map((s): DeployedSite => {
        const scale = s.functionAppConfig?.scaleAndConcurrency;
        const uai = Object.values(s.identity?.userAssignedIdentities ?? {});
        return {
          name: s.name ?? '',
          id: s.id ?? '',
          tags: { ...(s.tags ?? {}) },
          defaultHostName: s.defaultHostName,
          runtime: s.functionAppConfig?.runtime ? { name: s.functionAppConfig.runtime.name, version: s.functionAppConfig.runtime.version } : undefined,
          instanceMemoryMB: scale?.instanceMemoryMB,
          maximumInstanceCount: scale?.maximumInstanceCount,
          alwaysReady: (scale?.alwaysReady ?? []).map((a) => ({ name: a.name ?? '', instanceCount: a.instanceCount ?? 0 })),
          principalIds: [...uai.map((u) => u.principalId), s.identity?.principalId].filter((p): p is string => typeof p === 'string'),
          hasUserAssignedIdentity: uai.length > 0,
        };
      });
    },
    async functions(resourceGroup, site) {
      const fns = await take(web.webApps.listFunctions(resourceGroup, site));
      return fns.map((f) => lastSegment(f.name ?? ''));
    },
    async appSettingNames(resourceGroup, site) {
      const r = await web.webApps.listApplicationSettings(resourceGroup, site);
      return Object.keys(r.properties ?? {});
    },
    async keyVaultReferences(resourceGroup, site) {
      const refs = await take(web.webApps.listAppSettingsKeyVaultReferences(resourceGroup, site));
      return refs.map((r) => ({ setting: lastSegment(r.id ?? r.name ?? ''), status: r.status, details: r.details }));
    },
    async roleAssignments(principalId) {
      const items = await list(`${sub}/providers/Microsoft.Authorization/roleAssignments`, {
        'api-version': API.authorization,
        $filter: `principalId eq '${principalId.replace(/'/g, "''")}'`,
      });
      return items.map((a) => {
        const p = obj(a.properties);
        return { roleDefinitionGuid: lastSegment(str(p.roleDefinitionId) ?? '').toLowerCase(), scope: str(p.scope) ?? '' };
      });
    },
    async functionKey(resourceGroup, site, fn) {
      const r = await web.webApps.listFunctionKeys(resourceGroup, site, fn);
      return r.properties?.default ?? Object.values(r.properties ?? {})[0];
    },
    request(method, url, headers) {
      return new Promise<number>((resolve, reject) => {
        const req = https.request(url, { method, headers, timeout: SMOKE_TIMEOUT_MS, ...(o.ca ? { ca: o.ca } : {}) }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${SMOKE_TIMEOUT_MS / 1000} s`)));
        req.on('error', reject);
        req.end();
      });
    },
  };
}

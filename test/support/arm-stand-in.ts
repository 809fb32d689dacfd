// An HTTPS stand-in for Azure Resource Manager on 127.0.0.1, with a self-signed certificate made by openssl for this
// run. It answers the operations preflight/verify use with bodies shaped like the REST API specification's examples
// (azure-rest-api-specs: GetFunctionAppStacksForLocation, GetUsagesInLocation, GetKeyVaultReferencesForAppSettings,
// CreateOrUpdateFunctionAppFlexConsumptionWithDetails for the site shape, ...), records every request, and can
// inject faults (429 with Retry-After, 5xx) per path. HTTP routes under /api/ stand in for the deployed apps.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface SiteSpec {
  app: string;
  name: string;
  runtime: { name: string; version: string };
  instanceMemoryMB: number;
  maximumInstanceCount: number;
  alwaysReady: { name: string; instanceCount: number }[];
  functions: string[];
  settings: string[];
  keyVaultReferences: { setting: string; status: string }[];
  principalId: string;
}

export interface ArmState {
  subscriptionId: string;
  flexRegions: string[];
  /** FC1 runtimes per stack. */
  stacks: Record<string, { name: string; version: string }[]>;
  takenNames: string[];
  resources: { id: string; name: string; type: string }[];
  providers: Record<string, string>;
  usage: { current: number; limit: number };
  permissions: { actions: string[]; notActions: string[] }[];
  resourceGroup: string;
  sites: SiteSpec[];
  roleAssignments: Record<string, string[]>;
  /** Consumed in order by requests whose path matches. */
  faults: { path: RegExp; status: number; headers?: Record<string, string> }[];
  /** Status for /api/<route> requests (default 200). */
  appStatus: Record<string, number>;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
}

export interface ArmStandIn {
  url: string;
  host: string;
  ca: string;
  caFile: string;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

export function makeCertificate(): { key: string; cert: string; certFile: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'arm-stand-in-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

const json = (status: number, body: unknown) => ({ status, body });

function stacksBody(location: string, stack: string, runtimes: { name: string; version: string }[]) {
  return {
    value: [
      {
        id: `/providers/Microsoft.Web/locations/functionAppStacks/${stack}`,
        name: stack,
        type: 'Microsoft.Web/locations/functionAppStacks',
        location,
        properties: {
          displayText: stack,
          value: stack,
          preferredOs: 'Linux',
          majorVersions: runtimes.map((r) => ({
            displayText: `${stack} ${r.version}`,
            value: r.version,
            minorVersions: [
              {
                displayText: `${stack} ${r.version}`,
                value: r.version,
                stackSettings: {
                  linuxRuntimeSettings: {
                    runtimeVersion: `${stack}|${r.version}`,
                    appInsightsSettings: { isSupported: true },
                    remoteDebuggingSupported: false,
                    gitHubActionSettings: { isSupported: true },
                    supportedFunctionsExtensionVersions: ['~4'],
                    Sku: [{ skuCode: 'FC1', instanceMemoryMB: [{ size: '2048', isDefault: true }], functionAppConfigProperties: { runtime: { name: r.name, version: r.version } } }],
                  },
                },
              },
            ],
          })),
        },
      },
    ],
  };
}

function siteBody(s: ArmState, site: SiteSpec, host: string) {
  const id = `/subscriptions/${s.subscriptionId}/resourceGroups/${s.resourceGroup}/providers/Microsoft.Web/sites/${site.name}`;
  const uai = `/subscriptions/${s.subscriptionId}/resourceGroups/${s.resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${site.app}`;
  return {
    id,
    name: site.name,
    type: 'Microsoft.Web/sites',
    kind: 'functionapp,linux',
    location: 'East US',
    tags: { 'azd-env-name': 'test', 'azd-service-name': site.app },
    identity: { type: 'UserAssigned', userAssignedIdentities: { [uai]: { principalId: site.principalId, clientId: '11111111-1111-1111-1111-111111111111' } } },
    properties: {
      state: 'Running',
      hostNames: [host],
      enabled: true,
      resourceGroup: s.resourceGroup,
      defaultHostName: host,
      httpsOnly: true,
      functionAppConfig: {
        runtime: site.runtime,
        scaleAndConcurrency: { alwaysReady: site.alwaysReady, maximumInstanceCount: site.maximumInstanceCount, instanceMemoryMB: site.instanceMemoryMB },
      },
    },
  };
}

function route(s: ArmState, method: string, p: string, q: Record<string, string>, host: string): { status: number; body: unknown } {
  const sub = `/subscriptions/${s.subscriptionId}`.toLowerCase();
  const lp = p.toLowerCase();
  let m: RegExpExecArray | null;
  if (lp.startsWith('/api/')) return json(s.appStatus[p] ?? 200, { ok: true });
  if (method === 'GET' && lp === `${sub}/providers/microsoft.web/georegions`) {
    return json(200, { value: s.flexRegions.map((r) => ({ id: `/subscriptions/${s.subscriptionId}/providers/Microsoft.Web/geoRegions/${r}`, name: r, type: 'Microsoft.Web/geoRegions', properties: { name: r, displayName: r, orgDomain: 'PUBLIC;FLEXCONSUMPTION' } })), nextLink: null });
  }
  if (method === 'GET' && (m = /^\/providers\/microsoft\.web\/locations\/([^/]+)\/functionappstacks$/.exec(lp))) {
    return json(200, stacksBody(m[1]!, q.stack ?? '', s.stacks[q.stack ?? ''] ?? []));
  }
  if (method === 'POST' && /\/providers\/microsoft\.(web|storage|keyvault)\/checknameavailability$/.test(lp)) {
    return { status: 200, body: null };
  }
  if (method === 'GET' && lp === `${sub}/providers`) {
    return json(200, { value: Object.entries(s.providers).map(([ns, state]) => ({ id: `/subscriptions/${s.subscriptionId}/providers/${ns}`, namespace: ns, registrationState: state, registrationPolicy: 'RegistrationRequired', resourceTypes: [] })) });
  }
  if (method === 'GET' && (m = /^\/subscriptions\/[^/]+\/providers\/microsoft\.web\/locations\/([^/]+)\/usages$/.exec(lp))) {
    return json(200, { nextLink: null, value: [{ name: { localizedValue: `Cores usage in ${m[1]}`, value: `Cores usage in ${m[1]}` }, currentValue: s.usage.current, limit: s.usage.limit, unit: 'Core Count' }] });
  }
  if (method === 'GET' && lp === `${sub}/resources`) {
    const f = /resourceType eq '([^']+)' and name eq '([^']+)'/.exec(q.$filter ?? '');
    const hits = s.resources.filter((r) => f && r.type.toLowerCase() === f[1]!.toLowerCase() && r.name === f[2]);
    return json(200, { value: hits.map((r) => ({ ...r, location: 'eastus' })) });
  }
  if (method === 'GET' && lp === `${sub}/providers/microsoft.authorization/permissions`) return json(200, { value: s.permissions.map((p) => ({ ...p, dataActions: [], notDataActions: [] })) });
  if (method === 'GET' && lp === `${sub}/providers/microsoft.authorization/roleassignments`) {
    const principal = /principalId eq '([^']+)'/.exec(q.$filter ?? '')?.[1] ?? '';
    return json(200, {
      value: (s.roleAssignments[principal] ?? []).map((guid, i) => ({
        id: `/subscriptions/${s.subscriptionId}/providers/Microsoft.Authorization/roleAssignments/${i}`,
        name: String(i),
        type: 'Microsoft.Authorization/roleAssignments',
        properties: { roleDefinitionId: `/subscriptions/${s.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`, principalId: principal, principalType: 'ServicePrincipal', scope: `/subscriptions/${s.subscriptionId}/resourceGroups/${s.resourceGroup}` },
      })),
    });
  }
  const rgPrefix = `${sub}/resourcegroups/${s.resourceGroup.toLowerCase()}/providers/microsoft.web/sites`;
  if (!lp.startsWith(rgPrefix)) return json(404, { error: { code: 'ResourceGroupNotFound', message: `not found: ${p}` } });
  if (method === 'GET' && lp === rgPrefix) return json(200, { value: s.sites.map((site) => siteBody(s, site, host)), nextLink: null });
  const rest = p.slice(rgPrefix.length + 1).split('/');
  const site = s.sites.find((x) => x.name === rest[0]);
  if (!site) return json(404, { error: { code: 'ResourceNotFound', message: `no site ${rest[0]}` } });
  const tail = rest.slice(1).join('/').toLowerCase();
  const siteId = `/subscriptions/${s.subscriptionId}/resourceGroups/${s.resourceGroup}/providers/Microsoft.Web/sites/${site.name}`;
  if (method === 'GET' && tail === 'functions') {
    return json(200, { value: site.functions.map((f) => ({ id: `${siteId}/functions/${f}`, name: `${site.name}/${f}`, type: 'Microsoft.Web/sites/functions', properties: { name: f, function_app_id: siteId, invoke_url_template: `https://${host}/api/${f}`, language: 'node', isDisabled: false, config: { bindings: [] } } })) });
  }
  if (method === 'POST' && tail === 'config/appsettings/list') {
    return json(200, { id: `${siteId}/config/appsettings`, name: 'appsettings', type: 'Microsoft.Web/sites/config', properties: Object.fromEntries(site.settings.map((k) => [k, 'stand-in-value'])) });
  }
  if (method === 'GET' && tail === 'config/configreferences/appsettings') {
    return json(200, { value: site.keyVaultReferences.map((r) => ({ id: `${siteId}/config/configreferences/appsettings/${r.setting}`, properties: { reference: `@Microsoft.KeyVault(VaultName=kv;SecretName=${r.setting})`, status: r.status, vaultName: 'keyVaultName', secretName: r.setting, secretVersion: 'secretVersion' } })) });
  }
  if (method === 'POST' && /^functions\/[^/]+\/listkeys$/.test(tail)) return json(200, { properties: { default: 'stand-in-function-key' } });
  return json(404, { error: { code: 'NotFound', message: `stand-in has no ${method} ${p}` } });
}

/** Name checks need the request body; answered here. */
function nameCheck(s: ArmState, body: string) {
  const name = (JSON.parse(body || '{}') as { name?: string }).name ?? '';
  const taken = s.takenNames.includes(name);
  return taken ? { nameAvailable: false, reason: 'AlreadyExists', message: `The name ${name} is already taken.` } : { nameAvailable: true };
}

export async function startArmStandIn(state: ArmState): Promise<ArmStandIn> {
  const { key, cert, certFile } = makeCertificate();
  const requests: LoggedRequest[] = [];
  let host = '';
  const server = https.createServer({ key, cert }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      if (body.length < 100_000) body += c.toString('utf8');
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `https://${host}`);
      const query = Object.fromEntries(url.searchParams.entries());
      const p = decodeURIComponent(url.pathname);
      requests.push({ method: req.method ?? '', path: p, query, authorization: req.headers.authorization });
      const fault = state.faults.findIndex((f) => f.path.test(p));
      if (fault >= 0) {
        const f = state.faults.splice(fault, 1)[0]!;
        res.writeHead(f.status, { 'content-type': 'application/json', ...f.headers });
        res.end(JSON.stringify({ error: { code: f.status === 429 ? 'TooManyRequests' : 'InternalServerError', message: 'stand-in fault' } }));
        return;
      }
      let r = route(state, req.method ?? '', p, query, host);
      if (req.method === 'POST' && /checknameavailability$/i.test(p)) r = json(200, nameCheck(state, body));
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `https://${host}`,
    host,
    ca: cert,
    caFile: certFile,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The only calls preflight/verify may make: GET, or POST to a read-only action. */
export function isReadOnly(r: LoggedRequest): boolean {
  if (r.method === 'GET') return true;
  const last = r.path.slice(r.path.lastIndexOf('/') + 1).toLowerCase();
  return r.method === 'POST' && (last.startsWith('list') || last === 'checknameavailability');
}

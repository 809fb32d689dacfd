// Which Resource Manager to talk to and which token audience it wants. `--cloud` picks a sovereign cloud;
// `--arm-endpoint` (Azure Stack Hub, tests) overrides it, and the token audience follows the endpoint's origin.
// TLS is Node's: custom CAs come from NODE_EXTRA_CA_CERTS, never from an "ignore certificate errors" switch.

import { MigrateError } from '../util/errors.js';

export const CLOUDS = ['public', 'china', 'usgov'] as const;
export type CloudName = (typeof CLOUDS)[number];

interface CloudEndpoints {
  arm: string;
  authorityHost: string;
}

const ENDPOINTS: Record<CloudName, CloudEndpoints> = {
  public: { arm: 'https://management.azure.com', authorityHost: 'https://login.microsoftonline.com' },
  china: { arm: 'https://management.chinacloudapi.cn', authorityHost: 'https://login.chinacloudapi.cn' },
  usgov: { arm: 'https://management.usgovcloudapi.net', authorityHost: 'https://login.microsoftonline.us' },
};

export interface ArmTarget {
  cloud: CloudName;
  /** Resource Manager origin, no trailing slash. */
  endpoint: string;
  /** The token scope: `<endpoint>/.default`. */
  scope: string;
  authorityHost: string;
}

export function resolveTarget(cloud: string | undefined, armEndpoint: string | undefined): ArmTarget {
  const name = (cloud ?? 'public') as CloudName;
  if (!CLOUDS.includes(name)) throw new MigrateError('usage', `--cloud ${cloud}: expected public, china or usgov`);
  const base = ENDPOINTS[name];
  let endpoint = base.arm;
  if (armEndpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(armEndpoint);
    } catch {
      throw new MigrateError('usage', `--arm-endpoint ${JSON.stringify(armEndpoint)} is not a URL`);
    }
    if (url.protocol !== 'https:') throw new MigrateError('usage', `--arm-endpoint must be an https URL (tokens are never sent in clear text), got ${url.protocol}`);
    if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
      throw new MigrateError('usage', '--arm-endpoint must be an origin like https://management.local.azurestack.external');
    }
    endpoint = url.origin;
  }
  return { cloud: name, endpoint, scope: `${endpoint}/.default`, authorityHost: base.authorityHost };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkSubscriptionId(id: string): string {
  if (!GUID.test(id)) throw new MigrateError('usage', `--subscription ${JSON.stringify(id)}: expected a subscription id (a GUID)`);
  return id.toLowerCase();
}

/** Region names as ARM spells them in URLs: `eastus`, `westeurope` (letters and digits only). */
export function checkLocation(location: string): string {
  const l = location.toLowerCase().replace(/\s+/g, '');
  if (!/^[a-z0-9]{2,40}$/.test(l)) throw new MigrateError('usage', `--location ${JSON.stringify(location)}: expected a region name such as eastus`);
  return l;
}

/** Resource group names: 1–90 of letters, digits, `_`, `-`, `.`, `(`, `)`, not ending in `.`. */
export function checkResourceGroup(rg: string): string {
  if (!/^[-\w.()]{1,90}$/.test(rg) || rg.endsWith('.')) throw new MigrateError('usage', `--resource-group ${JSON.stringify(rg)}: not a valid resource group name`);
  return rg;
}

// What preflight and verify read from Azure Resource Manager, as plain data. The checks are pure functions over these
// shapes; src/azure/arm-client.ts is the one place that talks to the SDK clients and fills them in. Every method is a
// read: a GET, or a POST to a read-only action (list*, checkNameAvailability).

export interface NameCheck {
  available: boolean;
  /** `AlreadyExists` or `Invalid` when unavailable. */
  reason?: string;
  message?: string;
}

export interface FlexRuntime {
  /** `node`, `python`, ... (functionAppConfig.runtime.name). */
  name: string;
  version: string;
}

export interface ProviderState {
  namespace: string;
  registrationState: string;
}

export interface UsageQuota {
  /** The usage's name (`name.value`). */
  name: string;
  current: number;
  limit: number;
  unit?: string;
}

export interface FoundResource {
  id: string;
  name: string;
  type: string;
  resourceGroup: string;
}

export interface PermissionSet {
  actions: string[];
  notActions: string[];
}

export interface DeployedSite {
  name: string;
  id: string;
  tags: Record<string, string>;
  defaultHostName?: string;
  runtime?: { name?: string; version?: string };
  instanceMemoryMB?: number;
  maximumInstanceCount?: number;
  alwaysReady: { name: string; instanceCount: number }[];
  /** Principal ids of the identities on the site (user-assigned and system-assigned). */
  principalIds: string[];
  hasUserAssignedIdentity: boolean;
}

export interface KeyVaultReference {
  /** The app setting holding the reference. */
  setting: string;
  /** `Resolved`, `AccessToKeyVaultDenied`, `SecretNotFound`, ... (absent when Azure has not evaluated it yet). */
  status?: string;
  details?: string;
}

export interface RoleAssignmentFact {
  /** Role definition GUID (the last segment of roleDefinitionId), lower case. */
  roleDefinitionGuid: string;
  scope: string;
}

export interface ArmReader {
  /** Regions that offer the Flex Consumption plan (listGeoRegions with sku FlexConsumption), lower case, no spaces. */
  flexRegions(): Promise<string[]>;
  /** Runtime versions a Flex app can use in the region (function app stacks carrying an FC1 sku). */
  flexRuntimes(location: string, stack: string): Promise<FlexRuntime[]>;
  checkSiteName(name: string): Promise<NameCheck>;
  checkStorageName(name: string): Promise<NameCheck>;
  checkKeyVaultName(name: string): Promise<NameCheck>;
  providers(): Promise<ProviderState[]>;
  usages(location: string): Promise<UsageQuota[]>;
  findResources(type: string, name: string): Promise<FoundResource[]>;
  /** The signed-in principal's permissions at subscription scope. */
  permissions(): Promise<PermissionSet[]>;
  sites(resourceGroup: string): Promise<DeployedSite[]>;
  functions(resourceGroup: string, site: string): Promise<string[]>;
  /** Setting names only: values never leave the client. */
  appSettingNames(resourceGroup: string, site: string): Promise<string[]>;
  keyVaultReferences(resourceGroup: string, site: string): Promise<KeyVaultReference[]>;
  roleAssignments(principalId: string): Promise<RoleAssignmentFact[]>;
  /** The default function key, for smoke calls to `function`-level routes; kept in memory only. */
  functionKey(resourceGroup: string, site: string, fn: string): Promise<string | undefined>;
  /** One HTTP request to a deployed app (smoke test); returns the status code. */
  request(method: string, url: string, headers: Record<string, string>): Promise<number>;
}

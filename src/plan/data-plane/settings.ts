// App settings of the data plane (docs/data-plane.md, "Settings"): environment variables that referenced an AWS
// resource now hold the Azure counterpart's name (or endpoint), and the settings the Azure SDK clients and the
// keyless AWS federation read: AZURE_CLIENT_ID, account endpoints, AWS_ROLE_ARN / AWS_REGION / audience.

import type { EnvVar, LambdaFunction } from '../../model/inventory.js';
import type { AppSetting, DataResource } from '../../model/plan.js';
import { compareStrings } from '../../util/json.js';
import { COSMOS_DATABASE } from './decide.js';
import { resourcesUsedBy, resourcesUsedByAny } from './used-by.js';

/** The Entra token audience the AWS IAM OIDC provider trusts (docs/data-plane.md, "Keyless stay"). */
export const WEB_IDENTITY_AUDIENCE = 'api://AzureADTokenExchange';

/** An environment variable that referenced a resource, as a setting that never holds CloudFormation reference text. */
export function referenceSetting(e: EnvVar, fn: LambdaFunction, dataPlane: DataResource[]): AppSetting {
  const from = [fn.name];
  const r = resourcesUsedBy(dataPlane, fn.name).find((d) => d.envVars.includes(e.name));
  if (r?.decision === 'move' && r.azure) {
    if (r.azure.kind === 'event-grid-topic') return { name: e.name, kind: 'reference', derived: 'topic-endpoint', dataResource: r.id, from };
    return { name: e.name, kind: 'reference', value: r.azure.name, dataResource: r.id, from };
  }
  if (r) {
    // Kept in AWS: a literal value still names it; a template reference's physical name is only known in AWS.
    if (e.kind === 'plain' && e.value !== undefined) return { name: e.name, kind: 'plain', value: e.value, dataResource: r.id, from };
    return { name: e.name, kind: 'placeholder', value: `the AWS name or URL of ${r.id}, which stays in AWS`, dataResource: r.id, from };
  }
  const what = e.value?.replace(/^[A-Za-z]+:/, '') ?? 'another resource';
  return { name: e.name, kind: 'placeholder', value: `referred to ${what} in the template, which this migration does not create`, from };
}

/** The endpoint and identity settings an app needs for the data-plane resources its functions use. */
export function dataPlaneSettings(fns: LambdaFunction[], dataPlane: DataResource[]): AppSetting[] {
  const used = resourcesUsedByAny(dataPlane, fns.map((f) => f.name));
  if (used.length === 0) return [];
  const fromOf = (rs: DataResource[]) => [...new Set(fns.filter((f) => resourcesUsedBy(dataPlane, f.name).some((r) => rs.includes(r))).map((f) => f.name))].sort(compareStrings);
  const out: AppSetting[] = [{ name: 'AZURE_CLIENT_ID', kind: 'reference', derived: 'client-id', from: fromOf(used) }];
  const moved = (kinds: string[]) => used.filter((r) => r.decision === 'move' && r.azure && kinds.includes(r.azure.kind));
  const add = (kinds: string[], make: (from: string[]) => AppSetting[]) => {
    const rs = moved(kinds);
    if (rs.length > 0) out.push(...make(fromOf(rs)));
  };
  add(['cosmos-container'], (from) => [
    { name: 'AZURE_COSMOS_ENDPOINT', kind: 'reference', derived: 'cosmos-endpoint', from },
    { name: 'AZURE_COSMOS_DATABASE', kind: 'plain', value: COSMOS_DATABASE, from },
  ]);
  add(['blob-container'], (from) => [{ name: 'AZURE_STORAGE_BLOB_ENDPOINT', kind: 'reference', derived: 'blob-endpoint', from }]);
  add(['storage-queue'], (from) => [{ name: 'AZURE_STORAGE_QUEUE_ENDPOINT', kind: 'reference', derived: 'queue-endpoint', from }]);
  add(['service-bus-queue'], (from) => [{ name: 'AZURE_SERVICEBUS_FQDN', kind: 'reference', derived: 'service-bus-fqdn', from }]);
  add(['key-vault-secret'], (from) => [{ name: 'AZURE_KEYVAULT_URI', kind: 'reference', derived: 'key-vault-uri', from }]);
  // A moved secret's value is read from a Key Vault reference, a moved SSM parameter's from an app setting of its own.
  for (const r of moved(['key-vault-secret', 'app-setting'])) {
    const from = fromOf([r]);
    const name = r.azure!.name;
    if (r.azure!.kind === 'key-vault-secret') out.push({ name, kind: 'keyvault', secretName: name, dataResource: r.id, from });
    else out.push({ name, kind: 'placeholder', value: `the value of SSM parameter ${r.name}, re-entered by the team (MIGRATION.md)`, dataResource: r.id, from });
  }
  const kept = used.filter((r) => r.decision === 'stay');
  if (kept.length > 0) {
    const from = fromOf(kept);
    const regions = [...new Set(fns.filter((f) => from.includes(f.name)).map((f) => f.region).filter((x): x is string => Boolean(x)))];
    out.push(
      { name: 'AWS_ROLE_ARN', kind: 'placeholder', value: 'the IAM role of aws/keyless-federation.template.json (MIGRATION.md, keyless AWS access)', from },
      regions.length === 1 ? { name: 'AWS_REGION', kind: 'plain', value: regions[0]!, from } : { name: 'AWS_REGION', kind: 'placeholder', value: 'the AWS region of the resources that stay', from },
      { name: 'AWS_WEB_IDENTITY_AUDIENCE', kind: 'plain', value: WEB_IDENTITY_AUDIENCE, from },
    );
  }
  return out;
}

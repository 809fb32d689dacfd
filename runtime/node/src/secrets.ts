// Secrets Manager GetSecretValue with a name known only at run time → Key Vault (@azure/keyvault-secrets) in
// AZURE_KEYVAULT_URI. Names known at convert time do not come here: the codemod reads their app setting (a Key
// Vault reference) from process.env instead.

import { SecretClient } from '@azure/keyvault-secrets';
import { azureCredential, need, pipelineOptions, setting } from './azure-clients.js';

export function keyVaultSecrets(): () => Promise<SecretClient> {
  let client: Promise<SecretClient> | undefined;
  return () =>
    (client ??= (async () => {
      return new SecretClient(setting('AZURE_KEYVAULT_URI'), await azureCredential(), pipelineOptions());
    })());
}

/** A Secrets Manager id (name or ARN) → a Key Vault secret name: the name part, other characters as `-`. */
export function keyVaultName(secretId: string): string {
  const name = secretId.startsWith('arn:') ? secretId.split(':').slice(6).join(':').replace(/-[A-Za-z0-9]{6}$/, '') : secretId;
  return name.replace(/[^0-9A-Za-z-]/g, '-');
}

export async function getSecretValue(vault: () => Promise<SecretClient>, p: { SecretId?: string }) {
  const secret = await (await vault()).getSecret(keyVaultName(need(p.SecretId, 'SecretId')));
  return { Name: secret.name, SecretString: secret.value, VersionId: secret.properties.version };
}

// Credentials for a CLI, from @azure/identity (loaded only when a command talks to Azure).
// Default chain: Azure CLI, Azure Developer CLI, environment (service principal, certificate, federated token),
// workload identity. Managed identity only when asked for: the chain never probes the instance metadata endpoint.

import type { TokenCredential } from '@azure/core-auth';
import { MigrateError } from '../util/errors.js';
import type { ArmTarget } from './target.js';

export const CREDENTIAL_KINDS = ['default', 'azure-cli', 'azd', 'environment', 'workload-identity', 'managed-identity'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const SIGN_IN_HINT =
  'sign in with `az login` or `azd auth login`, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_FEDERATED_TOKEN_FILE)';

export async function createCredential(kind: CredentialKind, target: ArmTarget): Promise<TokenCredential> {
  const id = await import('@azure/identity');
  const authorityHost = target.authorityHost;
  const pick = (k: CredentialKind): TokenCredential[] => {
    switch (k) {
      case 'azure-cli':
        return [new id.AzureCliCredential()];
      case 'azd':
        return [new id.AzureDeveloperCliCredential()];
      case 'environment':
        return [new id.EnvironmentCredential({ authorityHost })];
      case 'workload-identity':
        // Its constructor throws when AZURE_FEDERATED_TOKEN_FILE/AZURE_CLIENT_ID are absent: in the default chain
        // that just means "not this one".
        try {
          return [new id.WorkloadIdentityCredential({ authorityHost })];
        } catch (e) {
          if (kind === 'default') return [];
          throw authError(e) ?? e;
        }
      case 'managed-identity':
        return [new id.ManagedIdentityCredential()];
      case 'default':
        return [...pick('azure-cli'), ...pick('azd'), ...pick('environment'), ...pick('workload-identity')];
    }
  };
  return new id.ChainedTokenCredential(...pick(kind));
}

/** Turns an authentication failure into the one-line "how to sign in" error (exit 2). */
export function authError(e: unknown): MigrateError | undefined {
  const name = (e as { name?: string } | undefined)?.name ?? '';
  if (/^(AggregateAuthenticationError|CredentialUnavailableError|AuthenticationError|AuthenticationRequiredError)$/.test(name)) {
    return new MigrateError('azure.auth', 'no Azure credentials', { hint: SIGN_IN_HINT, cause: e });
  }
  return undefined;
}

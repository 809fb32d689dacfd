// How the data-plane helpers build their Azure SDK clients: one credential per process (the app's user-assigned
// managed identity when AZURE_CLIENT_ID is set, else DefaultAzureCredential), endpoints from app settings.
// Local runs and the generated data-plane tests may point the clients at emulators instead (Azurite's connection
// string, the Cosmos emulator key) or replace the HTTP client to record requests; production never sets those.

import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';

interface Overrides {
  credential?: TokenCredential;
  httpClient?: HttpClient;
}

const overrides: Overrides = {};
let defaultCredential: TokenCredential | undefined;

/** Tests only: a credential and/or an HTTP client every client built afterwards uses. */
export function configureAzureClients(next: Overrides): void {
  Object.assign(overrides, next);
}

/** The app's identity: ManagedIdentityCredential with AZURE_CLIENT_ID, else DefaultAzureCredential (local az login). */
export function azureCredential(): Promise<TokenCredential> {
  if (overrides.credential) return Promise.resolve(overrides.credential);
  if (!defaultCredential) {
    const clientId = process.env.AZURE_CLIENT_ID;
    defaultCredential = clientId ? new ManagedIdentityCredential({ clientId }) : new DefaultAzureCredential();
  }
  return Promise.resolve(defaultCredential);
}

/** Pipeline options of the clients asserted at their HTTP boundary in tests (Event Grid, Key Vault). */
export function pipelineOptions(): { httpClient?: HttpClient } {
  return overrides.httpClient ? { httpClient: overrides.httpClient } : {};
}

/** A required app setting, with the setting's name in the error when it is missing. */
export function setting(name: string): string {
  const v = process.env[name];
  // Named like the AWS SDK's missing-region/credentials errors, which the harness counts as unreachable I/O too:
  // a data store with no endpoint configured cannot be reached, so a test that gets here proves nothing.
  if (!v) throw Object.assign(new Error(`app setting ${name} is not set`), { name: 'DataPlaneNotConfigured' });
  return v;
}

/** The error SDK users check (`err.name`, `$metadata.httpStatusCode`), built from an Azure RestError. */
export function awsShapedError(name: string, message: string, status: number): Error {
  const e = Object.assign(new Error(message), { $metadata: { httpStatusCode: status } });
  e.name = name;
  return e;
}

/** A request field the AWS SDK types leave optional (`string | undefined`) but the call needs. */
export function need(value: string | undefined, field: string): string {
  if (value === undefined || value === '') throw new Error(`${field} is required (is its app setting set?)`);
  return value;
}

export function statusOf(e: unknown): number | undefined {
  const s = (e as { statusCode?: unknown; code?: unknown } | null)?.statusCode ?? (e as { code?: unknown } | null)?.code;
  return typeof s === 'number' ? s : undefined;
}

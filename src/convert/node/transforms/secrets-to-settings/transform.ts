// Secrets Manager GetSecretValue and SSM GetParameter on moved secrets/parameters: when the call names its resource
// (through its environment variable), the value is the app setting `azure.name` (a Key Vault reference for secrets),
// read from process.env; a secret whose name is only known at run time is read from Key Vault
// (migrate-runtime/secrets). An SSM parameter with a run-time name stays on AWS with a TODO.

import type { SdkCall } from '../sdk-calls.js';
import { envRead, moveClients, type ServiceMove } from '../move-clients.js';
import type { Transform } from '../types.js';

const settingOf = (c: SdkCall) => (c.envVar !== undefined && (c.resource?.azure?.kind === 'key-vault-secret' || c.resource?.azure?.kind === 'app-setting') ? c.resource.azure.name : undefined);

const SECRETS_MOVE: ServiceMove = {
  module: 'secrets',
  helpers: { GetSecretValue: 'getSecretValue' },
  factory: () => ({ text: 'keyVaultSecrets()', names: ['keyVaultSecrets'] }),
  inline: (c) => {
    const name = c.command === 'GetSecretValue' ? settingOf(c) : undefined;
    return name === undefined ? undefined : `({ SecretString: ${envRead(name)} })`;
  },
};

const SSM_MOVE: ServiceMove = {
  module: 'secrets',
  helpers: {},
  factory: () => undefined,
  inline: (c) => {
    const name = c.command === 'GetParameter' ? settingOf(c) : undefined;
    return name === undefined ? undefined : `({ Parameter: { Name: ${envRead(c.envVar!)}, Type: 'String', Value: ${envRead(name)} } })`;
  },
};

export const secretsToSettings: Transform = {
  name: 'secrets-to-settings',
  description: 'Secrets Manager GetSecretValue / SSM GetParameter on moved resources read their app setting (Key Vault reference) or Key Vault.',
  mentions: ['@aws-sdk/client-secrets-manager', '@aws-sdk/client-ssm'],
  apply: (input) => ({ edits: moveClients(input, { secretsmanager: SECRETS_MOVE, ssm: SSM_MOVE }, (m) => m === '@aws-sdk/client-secrets-manager' || m === '@aws-sdk/client-ssm') }),
};

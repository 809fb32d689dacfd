// The AWS shared configuration as the AWS CLI and SAM read it: the profile from --profile or AWS_PROFILE, its
// region from ~/.aws/config (or AWS_CONFIG_FILE), and credentials from the SDK's own provider chain, which
// handles SSO profiles, credential_process, role_arn + source_profile and web identity. Files are located through
// the CLI's environment (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE), so tests can pass temporary ones.

import { MigrateError } from '../../util/errors.js';

export interface SharedConfigOptions {
  /** --profile; falls back to AWS_PROFILE, then `default`. */
  profile?: string;
  env: NodeJS.ProcessEnv;
}

interface Files {
  filepath?: string;
  configFilepath?: string;
}

function files(env: NodeJS.ProcessEnv): Files {
  return {
    ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
    ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
  };
}

function profileName(o: SharedConfigOptions): string {
  return o.profile ?? o.env.AWS_PROFILE ?? 'default';
}

/** The `region` of the profile in the config file (or the credentials file), if any. */
export async function profileRegion(o: SharedConfigOptions): Promise<string | undefined> {
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ...files(o.env), ignoreCache: true });
  const name = profileName(o);
  const region = configFile[name]?.region ?? credentialsFile[name]?.region;
  if (o.profile && !configFile[name] && !credentialsFile[name]) {
    throw new MigrateError('usage', `no AWS profile '${name}' in the shared config or credentials file`, {
      hint: `see ${o.env.AWS_CONFIG_FILE ?? '~/.aws/config'}, or \`aws configure list-profiles\``,
    });
  }
  return region;
}

/**
 * The credential provider: with --profile exactly that profile (as the AWS CLI does, environment keys do not
 * override it); otherwise keys from the environment, then the SDK's default chain for AWS_PROFILE or `default`.
 * `clientConfig` (region, endpoint) is what the inner STS/SSO clients use to assume roles.
 */
export async function credentialProvider(o: SharedConfigOptions, clientConfig: { region: string; endpoint?: string }): Promise<unknown> {
  const { fromIni, fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  const init = { ...files(o.env), clientConfig: clientConfig.endpoint ? clientConfig : { region: clientConfig.region } };
  if (o.profile) return fromIni({ ...init, profile: o.profile });
  const env = o.env;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    // The environment provider, read from the CLI's environment (tests pass their own) rather than process.env.
    return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN };
  }
  return fromNodeProviderChain({ ...init, ...(env.AWS_PROFILE ? { profile: env.AWS_PROFILE } : {}) });
}

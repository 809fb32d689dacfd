// Resources that stay in AWS, reached without AWS keys: the app's managed identity gets an Entra token for
// AWS_WEB_IDENTITY_AUDIENCE (api://AzureADTokenExchange), and STS AssumeRoleWithWebIdentity exchanges it for
// temporary credentials of AWS_ROLE_ARN (the role whose trust policy names the tenant's IAM OIDC provider).

import { fromWebToken } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { azureCredential } from './azure-clients.js';

const REFRESH_MS = 5 * 60_000;

/** A credential provider for AWS SDK v3 clients: `new S3Client({ credentials: awsWebIdentityCredentials() })`. */
export function awsWebIdentityCredentials(opts: { roleSessionName?: string } = {}): AwsCredentialIdentityProvider {
  let cached: AwsCredentialIdentity | undefined;
  return async () => {
    if (cached?.expiration && cached.expiration.getTime() - Date.now() > REFRESH_MS) return cached;
    const roleArn = process.env.AWS_ROLE_ARN;
    if (!roleArn) throw new Error('app setting AWS_ROLE_ARN is not set (the AWS role this app assumes with its managed identity)');
    const audience = process.env.AWS_WEB_IDENTITY_AUDIENCE ?? 'api://AzureADTokenExchange';
    const token = await (await azureCredential()).getToken(`${audience}/.default`);
    if (!token) throw new Error(`no managed-identity token for ${audience}`);
    const region = process.env.AWS_REGION ?? 'us-east-1';
    cached = await fromWebToken({ roleArn, webIdentityToken: token.token, roleSessionName: opts.roleSessionName ?? 'azure-functions', clientConfig: { region } })();
    return cached;
  };
}

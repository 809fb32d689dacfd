// Keyless `stay`: the real ManagedIdentityCredential gets a token from a local managed-identity endpoint stand-in
// (the App Service protocol, IDENTITY_ENDPOINT + IDENTITY_HEADER, on 127.0.0.1 — never the metadata address), and
// moto's STS exchanges it through AssumeRoleWithWebIdentity for temporary credentials that then call AWS.

import { createServer, type Server } from 'node:http';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMoto, type MotoServer } from '../../../test/support/moto.js';
import { awsWebIdentityCredentials } from '../src/aws-keyless.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/orders-from-azure';
const TOKEN = 'eyJhbGciOiJub25lIn0.eyJhdWQiOiJhcGk6Ly9BenVyZUFEVG9rZW5FeGNoYW5nZSJ9.';

describe('awsWebIdentityCredentials (managed identity → STS AssumeRoleWithWebIdentity)', () => {
  let moto: MotoServer;
  let identity: Server;
  const requests: URL[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    moto = await startMoto();
    identity = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push(url);
      if (req.headers['x-identity-header'] !== 'local-secret') {
        res.writeHead(401).end();
        return;
      }
      const expires = Math.floor(Date.now() / 1000) + 3600;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: TOKEN, expires_on: String(expires), resource: url.searchParams.get('resource'), token_type: 'Bearer', client_id: url.searchParams.get('client_id') }));
    });
    await new Promise<void>((r) => identity.listen(0, '127.0.0.1', () => r()));
    const port = (identity.address() as { port: number }).port;
    Object.assign(process.env, {
      IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token`,
      IDENTITY_HEADER: 'local-secret',
      AZURE_CLIENT_ID: '00000000-0000-4000-8000-00000000c11e',
      AWS_ROLE_ARN: ROLE_ARN,
      AWS_REGION: 'us-east-1',
      AWS_WEB_IDENTITY_AUDIENCE: 'api://AzureADTokenExchange',
      AWS_ENDPOINT_URL: moto.endpoint,
    });
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete process.env[k];
  });

  afterAll(async () => {
    process.env = saved;
    await new Promise((r) => identity.close(r));
    await moto.stop();
  });

  it('exchanges the identity token for temporary credentials of the role, with no AWS keys configured', async () => {
    const credentials = awsWebIdentityCredentials({ roleSessionName: 'orders-app' });
    const creds = await credentials();
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(creds.sessionToken).toBeTruthy();
    expect(creds.expiration!.getTime()).toBeGreaterThan(Date.now());
    // The token was asked for the federation audience, for the app's user-assigned identity.
    expect(requests).toHaveLength(1);
    expect(requests[0]!.searchParams.get('resource')).toBe('api://AzureADTokenExchange');
    expect(requests[0]!.searchParams.get('client_id')).toBe('00000000-0000-4000-8000-00000000c11e');
    // The credentials are the assumed role's: AWS sees the role session, not a user.
    const sts = new STSClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials });
    const who = await sts.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::123456789012:assumed-role/orders-from-azure/orders-app');
    // Cached until close to expiry: a second call neither asks for a token nor calls STS again.
    expect(await credentials()).toBe(creds);
    expect(requests).toHaveLength(1);
  });

  it('refuses to run without AWS_ROLE_ARN', async () => {
    delete process.env.AWS_ROLE_ARN;
    await expect(awsWebIdentityCredentials()()).rejects.toThrow(/AWS_ROLE_ARN/);
    process.env.AWS_ROLE_ARN = ROLE_ARN;
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startMoto, type MotoServer } from './moto.js';

let moto: MotoServer;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());

it('serves the AWS API on loopback', async () => {
  const sts = new STSClient(moto.clientConfig);
  const id = await sts.send(new GetCallerIdentityCommand({}));
  expect(id.Account).toBe('123456789012');
  expect(moto.endpoint.startsWith('http://127.0.0.1:')).toBe(true);
});

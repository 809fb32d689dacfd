// The AWS shared config as the AWS CLI reads it, against a real moto server with temporary AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE: a profile's region, credential_process, role_arn + source_profile, AWS_PROFILE and
// AWS_REGION, and an SSO profile without a login (one clear line, exit 2).

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/model/inventory.js';
import { runCli } from '../../support/cli.js';
import { startMoto, type MotoServer } from '../../support/moto.js';

let moto: MotoServer;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  moto = await startMoto();
  dir = await mkdtemp(path.join(os.tmpdir(), 'aws-shared-config-'));
  const creds = path.join(dir, 'credential-process.mjs');
  // credential_process: prints the documented JSON and leaves a mark, so the test sees the SDK ran it.
  await writeFile(
    creds,
    `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(path.join(dir, 'process-ran'))}, 'yes');\nconsole.log(JSON.stringify({ Version: 1, AccessKeyId: 'testing', SecretAccessKey: 'testing' }));\n`,
  );
  await writeFile(
    path.join(dir, 'config'),
    [
      '[profile dev]',
      'region = us-west-2',
      '',
      '[profile proc]',
      'region = eu-west-1',
      `credential_process = ${JSON.stringify(process.execPath)} ${JSON.stringify(creds)}`,
      '',
      '[profile assumer]',
      'region = us-east-2',
      'role_arn = arn:aws:iam::111122223333:role/MigrateReadOnly',
      'source_profile = dev',
      '',
      '[profile sso]',
      'region = us-east-1',
      'sso_session = corp',
      'sso_account_id = 111122223333',
      'sso_role_name = ReadOnly',
      '',
      '[sso-session corp]',
      'sso_region = us-east-1',
      'sso_start_url = https://example.invalid/start',
      '',
    ].join('\n'),
  );
  await writeFile(path.join(dir, 'credentials'), '[dev]\naws_access_key_id = testing\naws_secret_access_key = testing\n');
  // HOME points into the temporary directory, so no SSO token cache or file of the machine is read.
  env = { NO_COLOR: '1', HOME: dir, AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') };
}, 60_000);
afterAll(async () => {
  await moto?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function discover(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const out = path.join(dir, 'inventory.json');
  await rm(out, { force: true });
  const r = await runCli(['discover', '--aws', '--endpoint-url', moto.endpoint, '--out', out, '--json', ...args], { env: { ...env, ...extraEnv }, cwd: dir });
  const inventory = r.code < 2 ? (JSON.parse(await readFile(out, 'utf8')) as Inventory) : undefined;
  return { ...r, inventory };
}

describe('discover --aws with the shared config', () => {
  it("takes the region of --profile from the config file, as the AWS CLI does", async () => {
    const r = await discover(['--profile', 'dev']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.inventory!.source.regions).toEqual(['us-west-2']);
    expect(r.stderr).toBe('');
  });

  it('AWS_PROFILE selects the profile; AWS_REGION overrides its region; --region overrides both', async () => {
    expect((await discover([], { AWS_PROFILE: 'dev' })).inventory!.source.regions).toEqual(['us-west-2']);
    expect((await discover([], { AWS_PROFILE: 'dev', AWS_REGION: 'ap-south-1' })).inventory!.source.regions).toEqual(['ap-south-1']);
    expect((await discover(['--profile', 'dev', '--region', 'eu-north-1'], { AWS_REGION: 'ap-south-1' })).inventory!.source.regions).toEqual(['eu-north-1']);
  });

  it('runs credential_process for its profile', async () => {
    const r = await discover(['--profile', 'proc']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.inventory!.source.regions).toEqual(['eu-west-1']);
    expect(await readFile(path.join(dir, 'process-ran'), 'utf8')).toBe('yes');
  });

  it('assumes role_arn with the source_profile credentials (the account is the role’s)', async () => {
    const r = await discover(['--profile', 'assumer']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.inventory!.source).toMatchObject({ account: '111122223333', regions: ['us-east-2'] });
  });

  it('an SSO profile without a login is one line naming aws sso login, exit 2', async () => {
    const r = await discover(['--profile', 'sso']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^migrate: AWS credentials were not accepted .*aws sso login/);
  });

  it('a profile that is not in the files is a usage error naming the config file', async () => {
    const r = await discover(['--profile', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no AWS profile 'nope'");
    expect(r.stderr).toContain(path.join(dir, 'config'));
  });

  it('without --profile, AWS_REGION or a profile region: the usage error says where a region comes from', async () => {
    const r = await discover([], { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no AWS region: give --region .*AWS_REGION.*~\/\.aws\/config/);
  });
});

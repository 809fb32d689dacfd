// The commands as a user runs them: dist/cli/main.js in a child process, signed in through the real @azure/identity
// chain (a stand-in `az` on PATH answers `az account get-access-token`), trusting the stand-in's certificate
// through NODE_EXTRA_CA_CERTS exactly as a private CA would be trusted.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { startArmStandIn, type ArmStandIn } from '../support/arm-stand-in.js';
import { ENV, LOCATION, PLAN_FILE, SUBSCRIPTION, matchingState } from './stand-in-state.js';

const MAIN = new URL('../../dist/cli/main.js', import.meta.url).pathname;
let standIn: ArmStandIn;
let dir: string;

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` first');
  standIn = await startArmStandIn(matchingState());
  dir = mkdtempSync(path.join(os.tmpdir(), 'azure-cli-'));
});
afterAll(async () => standIn?.close());

/** Asynchronous, so the in-process stand-in keeps answering while the child runs. */
function migrate(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [MAIN, ...args], { env: { HOME: dir, NO_COLOR: '1', ...env }, timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 })));
}

const preflightArgs = () => ['preflight', '--plan', PLAN_FILE, '--subscription', SUBSCRIPTION, '--location', LOCATION, '--environment', ENV, '--arm-endpoint', standIn.url, '--out-dir', path.join(dir, 'out')];

describe('migrate preflight/verify from the command line', () => {
  it('signs in through the Azure CLI credential with the endpoint as audience and trusts NODE_EXTRA_CA_CERTS', async () => {
    const bin = path.join(dir, 'bin');
    const argsFile = path.join(dir, 'az-args');
    spawnSync('mkdir', ['-p', bin]);
    const expires = Math.floor(Date.now() / 1000) + 3600;
    writeFileSync(
      path.join(bin, 'az'),
      `#!/bin/sh\necho "$@" > '${argsFile}'\necho '{"accessToken":"token-from-az","expiresOn":"2099-01-01 00:00:00.000000","expires_on":${expires},"tokenType":"Bearer"}'\n`,
    );
    chmodSync(path.join(bin, 'az'), 0o755);
    const r = await migrate(preflightArgs(), { PATH: `${bin}:/usr/bin:/bin`, NODE_EXTRA_CA_CERTS: standIn.caFile });
    expect(r.stdout).toContain('preflight: 0 blocker(s)');
    expect(r.code).toBe(0);
    expect(readFileSync(argsFile, 'utf8')).toContain(`--resource ${standIn.url}`);
    expect(standIn.requests.at(-1)!.authorization).toBe('Bearer token-from-az');
    expect(readFileSync(path.join(dir, 'out', 'preflight.md'), 'utf8')).toContain('# migrate preflight');
  });

  it('without credentials exits 2 with one line saying how to sign in, and never waits on a metadata endpoint', async () => {
    const r = await migrate(preflightArgs(), { PATH: '/nonexistent', NODE_EXTRA_CA_CERTS: standIn.caFile });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^migrate: no Azure credentials \(sign in with `az login` or `azd auth login`/);
    expect(r.ms).toBeLessThan(20_000);
  });

  it('without the CA exits 2 naming the endpoint instead of retrying forever', async () => {
    const bin = path.join(dir, 'bin');
    const r = await migrate(preflightArgs(), { PATH: `${bin}:/usr/bin:/bin` });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`cannot reach ${standIn.url}`);
  });

  it('refuses a plain-http endpoint and an unknown cloud in one line', async () => {
    const http = await runCli([...preflightArgs().slice(0, -4), '--arm-endpoint', 'http://127.0.0.1:1']);
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('--arm-endpoint must be an https URL');
    const cloud = await runCli([...preflightArgs(), '--cloud', 'mars']);
    expect(cloud.code).toBe(2);
  });

  it('has --help with examples for both commands', async () => {
    for (const cmd of ['preflight', 'verify']) {
      const r = await runCli([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Examples:');
      expect(r.stdout).toContain(`migrate ${cmd} --plan`);
      expect(r.stdout).toContain('--arm-endpoint');
    }
  });
});

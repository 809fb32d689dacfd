// migrate verify against the HTTPS Resource Manager stand-in (which also stands in for the apps' HTTP routes).
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runVerify } from '../../src/azure/run-verify.js';
import { isReadOnly, startArmStandIn, type ArmStandIn, type ArmState, type LoggedRequest } from '../support/arm-stand-in.js';
import { PLAN_FILE, RG, SUBSCRIPTION, matchingState, plan } from './stand-in-state.js';

const allArmRequests: LoggedRequest[] = [];
let standIn: ArmStandIn | undefined;
const credential = { getToken: () => Promise.resolve({ token: 'stand-in-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

afterEach(async () => {
  if (standIn) {
    allArmRequests.push(...standIn.requests.filter((r) => !r.path.startsWith('/api/')));
    await standIn.close();
    standIn = undefined;
  }
});

async function verify(state: ArmState, smoke: 'off' | 'get' | 'all' = 'off') {
  standIn = await startArmStandIn(state);
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'verify-'));
  const result = await runVerify({
    plan: PLAN_FILE,
    outDir,
    subscription: SUBSCRIPTION,
    resourceGroup: RG,
    armEndpoint: standIn.url,
    credential,
    ca: standIn.ca,
    maxRetries: 1,
    retryDelayMs: 10,
    smoke,
    formats: ['md', 'json', 'sarif'],
    failOn: 'warning',
    cwd: process.cwd(),
    toolVersion: '0.0.0-test',
  });
  return { ...result, outDir, ids: result.report.findings.map((f) => f.ruleId) };
}

const [retail, charge] = plan.apps as [(typeof plan.apps)[0], (typeof plan.apps)[0]];

describe('migrate verify', () => {
  it('passes when what runs in Azure is what the plan says', async () => {
    const r = await verify(matchingState());
    expect(r.report.findings).toEqual([]);
    expect(r.exitCode).toBe(0);
    const md = readFileSync(path.join(r.outDir, 'verify.md'), 'utf8');
    expect(md).toContain('None: the target matches the plan.');
    // setting values never reach the report
    expect(readFileSync(path.join(r.outDir, 'verify.json'), 'utf8')).not.toContain('stand-in-value');
  });

  it('reports every planned app as missing in an empty resource group', async () => {
    const s = matchingState();
    s.sites = [];
    const r = await verify(s);
    expect(r.ids).toEqual(['VER-APP-001', 'VER-APP-001']);
    expect(r.report.findings.map((f) => f.subject.name).sort()).toEqual([charge.name, retail.name].sort());
    expect(r.exitCode).toBe(1);
  });

  it('names the app and the function that is not indexed', async () => {
    const s = matchingState();
    const missing = s.sites[0]!.functions.pop()!;
    const r = await verify(s);
    expect(r.ids).toEqual(['VER-FUNC-001']);
    expect(r.report.findings[0]!.subject.name).toBe(`${retail.name}/${missing}`);
    expect(r.exitCode).toBe(1);
  });

  it('reports a Key Vault reference that does not resolve', async () => {
    const s = matchingState();
    const site = s.sites.find((x) => x.app === charge.name)!;
    site.keyVaultReferences[0]!.status = 'SecretNotFound';
    const r = await verify(s);
    expect(r.ids).toEqual(['VER-KV-001']);
    expect(r.report.findings[0]!.message).toContain(`${site.keyVaultReferences[0]!.setting} is a Key Vault reference with status SecretNotFound`);
  });

  it('compares functionAppConfig, settings and role assignments with the plan', async () => {
    const s = matchingState();
    const site = s.sites.find((x) => x.app === charge.name)!;
    site.instanceMemoryMB = 4096;
    site.alwaysReady = [];
    site.settings = site.settings.filter((n) => n !== 'CURRENCY');
    s.roleAssignments[site.principalId] = [];
    const r = await verify(s);
    expect(r.ids).toEqual(['VER-CONFIG-001', 'VER-CONFIG-001', 'VER-ROLE-001', 'VER-SETTING-001']);
    const text = r.report.findings.map((f) => f.message).join('\n');
    expect(text).toContain('instanceMemoryMB is 4096, the plan says 2048');
    expect(text).toContain('alwaysReady is none, the plan says http=1');
    expect(text).toContain('Key Vault Secrets User');
    expect(text).toContain('CURRENCY');
  });

  it('turns a denied read into VER-CHECK-001 without guessing the findings it would have given', async () => {
    const s = matchingState();
    s.faults = Array.from({ length: 4 }, () => ({ path: /roleAssignments$/, status: 403 }));
    const r = await verify(s);
    expect(r.ids).toEqual(['VER-CHECK-001', 'VER-CHECK-001']);
    expect(r.report.findings[0]!.message).toMatch(/^role assignments of func-.*: HTTP 403/);
    expect(r.exitCode).toBe(1);
  });

  it('smoke-tests GET routes only, unless --smoke-all', async () => {
    const s = matchingState();
    s.appStatus['/api/health'] = 500;
    const r = await verify(s, 'get');
    const calls = standIn!.requests.filter((q) => q.path.startsWith('/api/'));
    expect(calls.map((c) => `${c.method} ${c.path}`).sort()).toEqual(['GET /api/health', 'GET /api/products']);
    expect(r.ids).toEqual(['VER-SMOKE-001']);
    expect(r.report.findings[0]!.subject.name).toBe(`${retail.name}/HealthFunction`);
    expect(r.report.smoke).toHaveLength(2);
    await standIn!.close();
    standIn = undefined;

    const all = await verify(matchingState(), 'all');
    const allCalls = standIn!.requests.filter((q) => q.path.startsWith('/api/')).map((c) => `${c.method} ${c.path}`);
    expect(allCalls).toContain('POST /api/payments');
    expect(all.report.findings).toEqual([]);
    // the function-level route got its key from the list-style POST, and the key is not in the report
    expect(standIn!.requests.some((q) => q.method === 'POST' && q.path.endsWith('/listkeys'))).toBe(true);
    expect(JSON.stringify(all.report)).not.toContain('stand-in-function-key');
  });

  it('reads Resource Manager only with GET and list-style POST calls', () => {
    expect(allArmRequests.length).toBeGreaterThan(20);
    expect(allArmRequests.filter((r) => !isReadOnly(r))).toEqual([]);
  });
});

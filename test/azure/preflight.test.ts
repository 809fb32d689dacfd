// migrate preflight against the HTTPS Resource Manager stand-in, with a stand-in credential.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPreflight } from '../../src/azure/run-preflight.js';
import { isReadOnly, startArmStandIn, type ArmStandIn, type ArmState, type LoggedRequest } from '../support/arm-stand-in.js';
import { ENV, LOCATION, PLAN_FILE, RG, SUBSCRIPTION, matchingState, names, plan } from './stand-in-state.js';

const allRequests: LoggedRequest[] = [];
let standIn: ArmStandIn | undefined;
const scopes: string[][] = [];
const credential = {
  getToken: (s: string | string[]) => {
    scopes.push([s].flat());
    return Promise.resolve({ token: 'stand-in-token', expiresOnTimestamp: Date.now() + 3_600_000 });
  },
};

afterEach(async () => {
  if (standIn) {
    allRequests.push(...standIn.requests);
    await standIn.close();
    standIn = undefined;
  }
});

async function preflight(state: ArmState, extra: { outDir?: string } = {}) {
  standIn ??= await startArmStandIn(state);
  const outDir = extra.outDir ?? mkdtempSync(path.join(os.tmpdir(), 'preflight-'));
  const result = await runPreflight({
    plan: PLAN_FILE,
    outDir,
    subscription: SUBSCRIPTION,
    location: LOCATION,
    environmentName: ENV,
    armEndpoint: standIn.url,
    credential,
    ca: standIn.ca,
    maxRetries: 2,
    retryDelayMs: 10,
    formats: ['md', 'json', 'sarif'],
    failOn: 'blocker',
    cwd: process.cwd(),
    toolVersion: '0.0.0-test',
  });
  return { ...result, outDir, ids: result.report.findings.map((f) => f.ruleId) };
}

describe('migrate preflight', () => {
  it('passes a target that can hold the plan, with reports that are byte-identical across runs', async () => {
    const a = await preflight(matchingState());
    expect(a.report.findings).toEqual([]);
    expect(a.exitCode).toBe(0);
    expect(a.written).toEqual(['preflight.json', 'preflight.md', 'preflight.sarif']);
    const requests = standIn!.requests;
    expect(requests.every((r) => r.authorization === 'Bearer stand-in-token')).toBe(true);
    expect(scopes.at(-1)).toEqual([`${standIn!.url}/.default`]);
    // the names the Bicep will create were checked, with the token main.bicep computes
    const checked = requests.filter((r) => /checknameavailability$/i.test(r.path)).map((r) => r.path.split('/')[4]);
    expect(checked.sort()).toEqual(['Microsoft.KeyVault', 'Microsoft.Storage', 'Microsoft.Web', 'Microsoft.Web']);
    expect(names.names.map((n) => n.name)).toContain(`st${names.resourceToken}`);
    const json1 = readFileSync(path.join(a.outDir, 'preflight.json'), 'utf8');
    const b = await preflight(matchingState()); // same stand-in, same endpoint: same input
    expect(readFileSync(path.join(b.outDir, 'preflight.json'), 'utf8')).toBe(json1);
    expect(readFileSync(path.join(b.outDir, 'preflight.md'), 'utf8')).toBe(readFileSync(path.join(a.outDir, 'preflight.md'), 'utf8'));
    const sarif = JSON.parse(readFileSync(path.join(b.outDir, 'preflight.sarif'), 'utf8')) as { runs: { tool: { driver: { name: string } } }[] };
    expect(sarif.runs[0]!.tool.driver.name).toBe('migrate-preflight');
  });

  it('blocks a region without Flex Consumption', async () => {
    const s = matchingState();
    s.flexRegions = ['West Europe'];
    const r = await preflight(s);
    expect(r.ids).toEqual(['PRE-REGION-001']);
    expect(r.report.findings[0]!.message).toContain('eastus');
    expect(r.exitCode).toBe(1);
  });

  it('blocks a runtime version the region does not offer on Flex', async () => {
    const s = matchingState();
    s.stacks = { node: [{ name: 'node', version: '20' }] };
    const r = await preflight(s);
    expect(r.ids).toEqual(plan.apps.map(() => 'PRE-RUNTIME-001'));
    expect(r.report.findings.map((f) => f.subject.name).sort()).toEqual(plan.apps.map((a) => a.name).sort());
    expect(r.report.findings[0]!.message).toMatch(/node 22; .* offers node 20/);
  });

  it('blocks a taken name, and notes one that an earlier provision of the same environment holds', async () => {
    const s = matchingState();
    const storage = `st${names.resourceToken}`;
    const site = `func-${plan.apps[0]!.name}-${names.resourceToken}`;
    s.takenNames = [storage, site];
    s.resources.push({ id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.Web/sites/${site}`, name: site, type: 'Microsoft.Web/sites' });
    const r = await preflight(s);
    expect(r.ids).toEqual(['PRE-NAME-001', 'PRE-NAME-002']);
    expect(r.report.findings[0]!.message).toContain(storage);
    expect(r.report.findings[0]!.message).toContain('AlreadyExists');
    expect(r.report.findings[1]!.severity).toBe('info');
    expect(r.exitCode).toBe(1);
  });

  it('reports unregistered providers, a missing existing resource, the core quota and missing RBAC rights', async () => {
    const s = matchingState();
    s.providers['Microsoft.ServiceBus'] = 'NotRegistered';
    delete s.providers['Microsoft.EventGrid'];
    s.resources = [];
    s.usage = { current: 240, limit: 250 };
    s.permissions = [{ actions: ['*/read', 'Microsoft.Authorization/*/read'], notActions: [] }];
    const r = await preflight(s);
    expect(r.ids).toEqual(['PRE-EXISTING-001', 'PRE-PROVIDER-001', 'PRE-PROVIDER-001', 'PRE-RBAC-001', 'PRE-QUOTA-001']);
    expect(r.report.findings.find((f) => f.ruleId === 'PRE-QUOTA-001')!.message).toContain('240 of 250');
  });

  it('waits out a 429 with Retry-After, and turns a persistent 5xx into a finding after a bounded number of retries', async () => {
    const s = matchingState();
    s.faults = [
      { path: /geoRegions$/, status: 429, headers: { 'retry-after': '1' } },
      ...Array.from({ length: 10 }, () => ({ path: /\/providers$/, status: 503 })),
    ];
    const r = await preflight(s);
    const geo = standIn!.requests.filter((q) => q.path.endsWith('geoRegions'));
    expect(geo).toHaveLength(2);
    const providers = standIn!.requests.filter((q) => q.path.endsWith('/providers'));
    expect(providers).toHaveLength(3); // first try + maxRetries (2)
    expect(r.ids).toEqual(['PRE-CHECK-001']);
    expect(r.report.findings[0]!.message).toContain('resource providers: HTTP 503');
    expect(r.exitCode).toBe(0); // a warning does not reach --fail-on blocker
  });

  it('makes only GET and read-only POST calls', () => {
    expect(allRequests.length).toBeGreaterThan(50);
    expect(allRequests.filter((r) => !isReadOnly(r))).toEqual([]);
  });
});

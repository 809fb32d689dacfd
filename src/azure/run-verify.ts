// `migrate verify`: plan.json + subscription + resource group → verify.{json,md,sarif}; read-only after `azd deploy`
// except the optional smoke calls, which are GETs to the app's own HTTP routes (other methods only with --smoke-all).

import path from 'node:path';
import { readPlan } from '../model/io.js';
import type { FunctionApp, Plan } from '../model/plan.js';
import type { DeployedSite, RoleAssignmentFact } from './arm-reader.js';
import { sortFindings } from './catalogue.js';
import { exitCodeFor, writeTargetReports, type FailOn, type TargetFormat, type TargetReport } from './report.js';
import type { TargetRunResult } from './run-preflight.js';
import { Session, type SessionOptions } from './session.js';
import { checkResourceGroup, checkSubscriptionId, resolveTarget } from './target.js';
import { siteFor, verifyFindings, type AppFacts, type SmokeResult, type VerifyFacts } from './verify-checks.js';

export interface VerifyRunOptions extends Omit<SessionOptions, 'target' | 'subscriptionId'> {
  plan: string;
  outDir: string;
  subscription: string;
  resourceGroup: string;
  cloud?: string;
  armEndpoint?: string;
  smoke: 'off' | 'get' | 'all';
  /** Route prefix of the generated host.json (`api/` unless changed). */
  routePrefix?: string;
  formats: TargetFormat[];
  failOn: FailOn;
  cwd: string;
  toolVersion: string;
}

const MAX_SMOKE_CALLS = 200;

interface SmokeCall {
  fn: string;
  method: string;
  route: string;
  authLevel: string;
}

/** The HTTP routes to call: no route parameters (we cannot invent values), no admin-level routes. */
export function smokeCalls(app: FunctionApp, mode: 'get' | 'all'): SmokeCall[] {
  const calls: SmokeCall[] = [];
  for (const f of app.functions) {
    for (const e of f.entries) {
      if (e.trigger.type !== 'http' || e.trigger.authLevel === 'admin' || e.trigger.route.includes('{')) continue;
      const methods = e.trigger.methods.length > 0 ? e.trigger.methods.map((m) => m.toUpperCase()) : ['GET'];
      for (const m of [...new Set(methods)].sort()) {
        if (mode === 'get' && m !== 'GET') continue;
        calls.push({ fn: e.name, method: m, route: e.trigger.route.replace(/^\/+/, ''), authLevel: e.trigger.authLevel });
      }
    }
  }
  return calls;
}

async function smoke(session: Session, rg: string, app: FunctionApp, site: DeployedSite, mode: 'get' | 'all', prefix: string, budget: { left: number }): Promise<SmokeResult[]> {
  const out: SmokeResult[] = [];
  if (!site.defaultHostName) return out;
  for (const c of smokeCalls(app, mode)) {
    if (budget.left-- <= 0) break;
    const p = `/${prefix}${c.route}`;
    const result: SmokeResult = { app: app.name, function: c.fn, method: c.method, path: p };
    const headers: Record<string, string> = {};
    if (c.authLevel === 'function') {
      const key = await session.read(`function key of ${app.name}/${c.fn}`, (a) => a.functionKey(rg, site.name, c.fn));
      if (key) headers['x-functions-key'] = key;
    }
    try {
      result.status = await session.arm.request(c.method, `https://${site.defaultHostName}${p}`, headers);
    } catch (e) {
      result.error = (e as Error).message.split('\n')[0]!.slice(0, 200);
    }
    out.push(result);
  }
  return out;
}

async function gather(session: Session, plan: Plan, o: VerifyRunOptions): Promise<VerifyFacts> {
  const rg = o.resourceGroup;
  const sites = await session.read(`sites in ${rg}`, (a) => a.sites(rg));
  if (!sites) return { resourceGroup: rg };
  const apps: Record<string, AppFacts> = {};
  const budget = { left: MAX_SMOKE_CALLS };
  for (const app of plan.apps) {
    const site = siteFor(app.name, sites);
    const f: AppFacts = { site, smoke: [] };
    apps[app.name] = f;
    if (!site) continue;
    f.functions = await session.read(`functions of ${site.name}`, (a) => a.functions(rg, site.name));
    f.settings = await session.read(`app settings of ${site.name}`, (a) => a.appSettingNames(rg, site.name));
    f.keyVaultReferences = await session.read(`Key Vault references of ${site.name}`, (a) => a.keyVaultReferences(rg, site.name));
    // Undefined when any principal's assignments could not be read: no VER-ROLE findings from a partial list.
    let roles: RoleAssignmentFact[] | undefined = site.principalIds.length > 0 ? [] : undefined;
    for (const principal of site.principalIds) {
      const r = await session.read(`role assignments of ${site.name}`, (a) => a.roleAssignments(principal));
      roles = r && roles ? [...roles, ...r] : undefined;
      if (!roles) break;
    }
    f.roleAssignments = roles;
    if (o.smoke !== 'off') f.smoke = await smoke(session, rg, app, site, o.smoke, o.routePrefix ?? 'api/', budget);
  }
  return { resourceGroup: rg, apps };
}

export async function runVerify(o: VerifyRunOptions): Promise<TargetRunResult> {
  const target = resolveTarget(o.cloud, o.armEndpoint);
  const subscriptionId = checkSubscriptionId(o.subscription);
  const resourceGroup = checkResourceGroup(o.resourceGroup);
  const plan = await readPlan(path.resolve(o.cwd, o.plan));
  const session = await Session.open({ ...o, target, subscriptionId }, 'VER-CHECK-001');
  const facts = await gather(session, plan, { ...o, resourceGroup });
  const findings = sortFindings([...session.problems, ...verifyFindings(plan, facts)]);
  const smokeResults = Object.values(facts.apps ?? {}).flatMap((a) => a.smoke);
  const report: TargetReport = {
    command: 'verify',
    target: { cloud: target.cloud, endpoint: target.endpoint, subscription: subscriptionId, resourceGroup },
    findings,
    ...(o.smoke !== 'off' ? { smoke: smokeResults } : {}),
  };
  const exitCode = exitCodeFor(findings, o.failOn);
  const written = await writeTargetReports(path.resolve(o.cwd, o.outDir), report, o.formats, o.toolVersion, exitCode);
  return { report, written, exitCode };
}

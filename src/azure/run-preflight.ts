// `migrate preflight`: plan.json + subscription + region → preflight.{json,md,sarif}; read-only, before provisioning.

import path from 'node:path';
import { readPlan } from '../model/io.js';
import type { Plan } from '../model/plan.js';
import { MigrateError } from '../util/errors.js';
import { sortFindings } from './catalogue.js';
import { plannedNames, preflightFindings, type NameFact, type PreflightFacts } from './preflight-checks.js';
import { exitCodeFor, writeTargetReports, type FailOn, type TargetFormat, type TargetReport } from './report.js';
import { Session, type SessionOptions } from './session.js';
import { checkLocation, checkSubscriptionId, resolveTarget } from './target.js';

export interface PreflightRunOptions extends Omit<SessionOptions, 'target' | 'subscriptionId'> {
  plan: string;
  outDir: string;
  subscription: string;
  location: string;
  /** The azd environment name: the generated Bicep derives every resource name from it. */
  environmentName: string;
  cloud?: string;
  armEndpoint?: string;
  formats: TargetFormat[];
  failOn: FailOn;
  cwd: string;
  toolVersion: string;
}

export interface TargetRunResult {
  report: TargetReport;
  written: string[];
  exitCode: 0 | 1;
}

export function checkEnvironmentName(name: string | undefined): string {
  if (!name) throw new MigrateError('usage', 'the azd environment name is needed to compute resource names', { hint: 'pass --environment <name> or set AZURE_ENV_NAME' });
  if (!/^[A-Za-z0-9-]{1,64}$/.test(name)) throw new MigrateError('usage', `--environment ${JSON.stringify(name)}: azd environment names are 1-64 letters, digits and '-'`);
  return name;
}

async function gather(session: Session, plan: Plan, location: string, names: NameFact[], resourceGroup: string): Promise<PreflightFacts> {
  const flexApps = plan.apps.filter((a) => a.hosting.plan === 'FlexConsumption');
  const facts: PreflightFacts = { location, resourceGroup, runtimes: {}, names, existing: [] };
  if (flexApps.length > 0) {
    facts.flexRegions = await session.read('Flex Consumption regions', (a) => a.flexRegions());
    for (const stack of [...new Set(flexApps.map((a) => a.runtime.name))].sort()) {
      const offered = await session.read(`${stack} stacks in ${location}`, (a) => a.flexRuntimes(location, stack));
      if (offered) facts.runtimes[stack] = offered;
    }
  }
  for (const n of names) {
    const label = `name check for ${n.name}`;
    n.check = await session.read(label, (a) =>
      n.type === 'Microsoft.Web/sites' ? a.checkSiteName(n.name) : n.type === 'Microsoft.Storage/storageAccounts' ? a.checkStorageName(n.name) : a.checkKeyVaultName(n.name),
    );
    if (n.check && !n.check.available) n.existing = await session.read(`lookup of ${n.name}`, (a) => a.findResources(n.type, n.name));
  }
  facts.providers = await session.read('resource providers', (a) => a.providers());
  if (flexApps.length > 0) facts.usages = await session.read(`usages in ${location}`, (a) => a.usages(location));
  const cosmos = [...new Set(plan.apps.flatMap((a) => a.resources.filter((r) => r.kind === 'cosmos-db-existing').map((r) => r.name)))].sort();
  for (const name of cosmos) {
    const type = 'Microsoft.DocumentDB/databaseAccounts';
    facts.existing.push({ kind: 'cosmos-db-existing', name, type, found: await session.read(`lookup of ${name}`, (a) => a.findResources(type, name)) });
  }
  facts.permissions = await session.read('permissions of the signed-in principal', (a) => a.permissions());
  return facts;
}

export async function runPreflight(o: PreflightRunOptions): Promise<TargetRunResult> {
  const target = resolveTarget(o.cloud, o.armEndpoint);
  const subscriptionId = checkSubscriptionId(o.subscription);
  const location = checkLocation(o.location);
  const environmentName = checkEnvironmentName(o.environmentName);
  const plan = await readPlan(path.resolve(o.cwd, o.plan));
  const planned = plannedNames(plan, subscriptionId, environmentName, location);
  const session = await Session.open({ ...o, target, subscriptionId }, 'PRE-CHECK-001');
  const names: NameFact[] = planned.names.map((n) => ({ ...n }));
  const facts = await gather(session, plan, location, names, planned.resourceGroup);
  const findings = sortFindings([...session.problems, ...preflightFindings(plan, facts)]);
  const report: TargetReport = {
    command: 'preflight',
    target: { cloud: target.cloud, endpoint: target.endpoint, subscription: subscriptionId, location, environment: environmentName, resourceGroup: planned.resourceGroup },
    names: planned.names,
    findings,
  };
  const exitCode = exitCodeFor(findings, o.failOn);
  const written = await writeTargetReports(path.resolve(o.cwd, o.outDir), report, o.formats, o.toolVersion, exitCode);
  return { report, written, exitCode };
}

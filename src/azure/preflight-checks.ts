// Preflight: pure checks over what Resource Manager reported (PreflightFacts), before `azd provision`.
// The names are the ones the generated Bicep will create: prefix + uniqueString(subscription id, env name, location).

import type { FunctionApp, Plan } from '../model/plan.js';
import type { ResolvedFinding } from '../model/findings.js';
import type { FlexRuntime, FoundResource, NameCheck, PermissionSet, ProviderState, UsageQuota } from './arm-reader.js';
import { appSubject, estateSubject, targetFinding } from './catalogue.js';
import { uniqueString } from './unique-string.js';

export interface PlannedName {
  /** The plan's app for site names; `estate` for shared resources. */
  owner: string;
  type: 'Microsoft.Web/sites' | 'Microsoft.Storage/storageAccounts' | 'Microsoft.KeyVault/vaults';
  name: string;
}

export interface PlannedNames {
  resourceToken: string;
  resourceGroup: string;
  names: PlannedName[];
}

export function usesKeyVault(plan: Plan): boolean {
  return plan.apps.some(
    (a) => a.keyVaultSecrets.length > 0 || a.settings.some((s) => s.kind === 'keyvault') || a.identity.roleAssignments.some((r) => r.scope.kind === 'key-vault'),
  );
}

/** The names main.bicep derives (src/emit/infra/main.ts): func-<app>-<token>, st<token>, kv-<token>, rg-<env>. */
export function plannedNames(plan: Plan, subscriptionId: string, environmentName: string, location: string): PlannedNames {
  const resourceToken = uniqueString(`/subscriptions/${subscriptionId}`, environmentName, location).toLowerCase();
  const names: PlannedName[] = plan.apps.map((a) => ({ owner: a.name, type: 'Microsoft.Web/sites', name: `func-${a.name}-${resourceToken}` }));
  names.push({ owner: 'estate', type: 'Microsoft.Storage/storageAccounts', name: `st${resourceToken}` });
  if (usesKeyVault(plan)) names.push({ owner: 'estate', type: 'Microsoft.KeyVault/vaults', name: `kv-${resourceToken}` });
  return { resourceToken, resourceGroup: `rg-${environmentName}`, names };
}

/** Resource providers the generated Bicep deploys into. */
export function requiredProviders(plan: Plan): string[] {
  const set = new Set(['Microsoft.Web', 'Microsoft.Storage', 'Microsoft.ManagedIdentity', 'Microsoft.Insights', 'Microsoft.OperationalInsights']);
  if (usesKeyVault(plan)) set.add('Microsoft.KeyVault');
  for (const app of plan.apps) {
    if (app.vnetIntegration) {
      set.add('Microsoft.Network');
      set.add('Microsoft.App');
    }
    for (const r of app.resources) {
      if (r.kind.startsWith('service-bus')) set.add('Microsoft.ServiceBus');
      else if (r.kind === 'event-hub') set.add('Microsoft.EventHub');
      else if (r.kind.startsWith('event-grid')) set.add('Microsoft.EventGrid');
      else if (r.kind === 'cosmos-db-existing') set.add('Microsoft.DocumentDB');
      else if (r.kind === 'vnet') set.add('Microsoft.Network');
    }
  }
  return [...set].sort();
}

/** vCPU per Flex instance by memory size (flex-consumption-plan: 512 MB = 0.25, 2048 = 1, 4096 = 2). */
const CORES: Record<number, number> = { 512: 0.25, 2048: 1, 4096: 2 };
/** The documented default regional quota when the usage API reports none for Flex. */
export const DEFAULT_FLEX_CORES = 250;

const isFlex = (a: FunctionApp) => a.hosting.plan === 'FlexConsumption';

export function plannedFlexCores(plan: Plan): number {
  return plan.apps.filter(isFlex).reduce((sum, a) => sum + a.scale.maximumInstanceCount * (CORES[a.instanceMemoryMB] ?? 1), 0);
}

/** `*` matches any run of characters, case-insensitively, as in Azure RBAC action strings. */
function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(action);
}

export function allows(permissions: PermissionSet[], action: string): boolean {
  return permissions.some((p) => p.actions.some((a) => actionMatches(a, action)) && !p.notActions.some((n) => actionMatches(n, action)));
}

export interface NameFact extends PlannedName {
  check?: NameCheck;
  /** Where a resource of that type and name already lives in this subscription. */
  existing?: FoundResource[];
}

/** Facts gathered by run-preflight; a field left undefined means its check could not run (already a PRE-CHECK finding). */
export interface PreflightFacts {
  location: string;
  resourceGroup: string;
  flexRegions?: string[];
  /** Flex runtimes per stack name (`node`, `python`); a missing key means the stack could not be read. */
  runtimes: Record<string, FlexRuntime[]>;
  names: NameFact[];
  providers?: ProviderState[];
  usages?: UsageQuota[];
  /** Resources the plan references as existing, with what a search found. */
  existing: { kind: string; name: string; type: string; found?: FoundResource[] }[];
  permissions?: PermissionSet[];
}

export function preflightFindings(plan: Plan, facts: PreflightFacts): ResolvedFinding[] {
  const out: ResolvedFinding[] = [];
  const flexApps = plan.apps.filter(isFlex);

  if (facts.flexRegions && flexApps.length > 0 && !facts.flexRegions.includes(facts.location)) {
    out.push(targetFinding('PRE-REGION-001', estateSubject(facts.location), `Flex Consumption is not offered in ${facts.location}; ${flexApps.length} app(s) are planned on it (${flexApps.map((a) => a.name).join(', ')}).`));
  }

  for (const app of flexApps) {
    const offered = facts.runtimes[app.runtime.name];
    if (!offered) continue;
    if (!offered.some((r) => r.name === app.runtime.name && r.version === app.runtime.version)) {
      const list = offered.map((r) => r.version).sort().join(', ') || 'none';
      out.push(targetFinding('PRE-RUNTIME-001', appSubject(app.name), `${app.name} is planned on ${app.runtime.name} ${app.runtime.version}; Flex Consumption in ${facts.location} offers ${app.runtime.name} ${list}.`));
    }
  }

  for (const n of facts.names) {
    if (!n.check || n.check.available) continue;
    const subject = n.owner === 'estate' ? estateSubject(n.name) : appSubject(n.owner);
    const ours = (n.existing ?? []).find((r) => r.resourceGroup.toLowerCase() === facts.resourceGroup.toLowerCase());
    if (ours) {
      out.push(targetFinding('PRE-NAME-002', subject, `${n.type} ${n.name} already exists in ${facts.resourceGroup}.`));
    } else {
      const why = [n.check.reason, n.check.message].filter(Boolean).join(': ');
      out.push(targetFinding('PRE-NAME-001', subject, `${n.type} name ${n.name} is not available${why ? ` (${why})` : ''}.`));
    }
  }

  if (facts.providers) {
    const state = new Map(facts.providers.map((p) => [p.namespace.toLowerCase(), p.registrationState]));
    for (const ns of requiredProviders(plan)) {
      const s = state.get(ns.toLowerCase()) ?? 'NotRegistered';
      if (s !== 'Registered') out.push(targetFinding('PRE-PROVIDER-001', estateSubject(ns), `${ns} is ${s} in the subscription.`));
    }
  }

  if (facts.usages && flexApps.length > 0) {
    const need = plannedFlexCores(plan);
    // GetUsagesInLocation reports the regional Flex quota as cores ("Cores usage in <region>", unit "Core Count").
    const flex = facts.usages.find((u) => /core/i.test(u.name) || /core/i.test(u.unit ?? ''));
    const limit = flex ? flex.limit : DEFAULT_FLEX_CORES;
    const used = flex ? flex.current : 0;
    const source = flex ? `the regional quota ("${flex.name}")` : `the documented default of ${DEFAULT_FLEX_CORES} cores (the usage API reported no core quota)`;
    if (used + need > limit) {
      out.push(targetFinding('PRE-QUOTA-001', estateSubject(facts.location), `At full scale-out the planned Flex apps use ${need} cores in ${facts.location}; ${used} of ${limit} are already in use under ${source}.`));
    }
  }

  for (const e of facts.existing) {
    if (e.found && e.found.length === 0) out.push(targetFinding('PRE-EXISTING-001', estateSubject(e.name), `${e.type} ${e.name} (${e.kind}) was not found in the subscription.`));
  }

  if (facts.permissions && !allows(facts.permissions, 'Microsoft.Authorization/roleAssignments/write')) {
    const count = plan.apps.reduce((n, a) => n + a.identity.roleAssignments.length, 0);
    out.push(targetFinding('PRE-RBAC-001', estateSubject('subscription'), `The signed-in principal lacks Microsoft.Authorization/roleAssignments/write on the subscription; the Bicep creates ${count} role assignment(s) for the apps' identities.`));
  }
  return out;
}

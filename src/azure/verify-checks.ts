// Verify: pure checks comparing what runs in Azure (VerifyFacts) with plan.json, after `azd deploy`.
// Every finding names the app, and the function where there is one.

import type { FunctionApp, Plan } from '../model/plan.js';
import type { ResolvedFinding } from '../model/findings.js';
import type { DeployedSite, KeyVaultReference, RoleAssignmentFact } from './arm-reader.js';
import { appSubject, functionSubject, targetFinding } from './catalogue.js';

export interface SmokeResult {
  app: string;
  function: string;
  method: string;
  /** Path and query, without host or key. */
  path: string;
  status?: number;
  error?: string;
}

/** What was read for one planned app; undefined fields could not be read (already a VER-CHECK finding). */
export interface AppFacts {
  site?: DeployedSite;
  functions?: string[];
  settings?: string[];
  keyVaultReferences?: KeyVaultReference[];
  roleAssignments?: RoleAssignmentFact[];
  smoke: SmokeResult[];
}

export interface VerifyFacts {
  resourceGroup: string;
  /** Keyed by the plan's app name; absent when the resource group could not be listed. */
  apps?: Record<string, AppFacts>;
}

export const AZD_SERVICE_TAG = 'azd-service-name';

/** The site azd deploys `app` to: the one tagged azd-service-name=<app>. */
export function siteFor(app: string, sites: DeployedSite[]): DeployedSite | undefined {
  return sites.find((s) => s.tags[AZD_SERVICE_TAG] === app);
}

/** Planned function names of an app (one per trigger entry; entries with no Azure trigger are wired by hand). */
export function plannedFunctionNames(app: FunctionApp): string[] {
  return app.functions.flatMap((f) => f.entries.filter((e) => e.trigger.type !== 'none').map((e) => e.name));
}

const readyKey = (list: { name: string; instanceCount: number }[]) =>
  list
    .map((a) => `${a.name}=${a.instanceCount}`)
    .sort()
    .join(', ') || 'none';

function configFindings(app: FunctionApp, site: DeployedSite): ResolvedFinding[] {
  const out: ResolvedFinding[] = [];
  const diff = (field: string, planned: string, actual: string | undefined) => {
    if (planned !== (actual ?? 'unset')) {
      out.push(targetFinding('VER-CONFIG-001', appSubject(app.name), `${app.name} (${site.name}): ${field} is ${actual ?? 'unset'}, the plan says ${planned}.`));
    }
  };
  const rt = site.runtime;
  diff('functionAppConfig.runtime', `${app.runtime.name} ${app.runtime.version}`, rt ? `${rt.name ?? '?'} ${rt.version ?? '?'}` : undefined);
  diff('instanceMemoryMB', String(app.instanceMemoryMB), site.instanceMemoryMB?.toString());
  diff('maximumInstanceCount', String(app.scale.maximumInstanceCount), site.maximumInstanceCount?.toString());
  diff('alwaysReady', readyKey(app.scale.alwaysReady), readyKey(site.alwaysReady));
  return out;
}

export function verifyFindings(plan: Plan, facts: VerifyFacts): ResolvedFinding[] {
  const out: ResolvedFinding[] = [];
  if (!facts.apps) return out;
  for (const app of plan.apps) {
    const f = facts.apps[app.name];
    if (!f) continue;
    const site = f.site;
    if (!site) {
      out.push(targetFinding('VER-APP-001', appSubject(app.name), `No site in ${facts.resourceGroup} carries the tag ${AZD_SERVICE_TAG}=${app.name}.`));
      continue;
    }
    if (app.hosting.plan === 'FlexConsumption') out.push(...configFindings(app, site));

    if (f.functions) {
      const indexed = new Set(f.functions.map((n) => n.toLowerCase()));
      for (const fn of plannedFunctionNames(app)) {
        if (!indexed.has(fn.toLowerCase())) {
          out.push(targetFinding('VER-FUNC-001', functionSubject(app.name, fn), `${app.name}: function ${fn} is not indexed (${f.functions.length} function(s) are).`));
        }
      }
    }
    if (f.settings) {
      const present = new Set(f.settings);
      for (const s of app.settings) {
        if (!present.has(s.name)) out.push(targetFinding('VER-SETTING-001', appSubject(app.name), `${app.name}: app setting ${s.name} (${s.kind}) is missing.`));
      }
    }
    for (const ref of f.keyVaultReferences ?? []) {
      if (ref.status !== 'Resolved') {
        out.push(targetFinding('VER-KV-001', appSubject(app.name), `${app.name}: app setting ${ref.setting} is a Key Vault reference with status ${ref.status ?? 'unknown'}${ref.details ? ` (${ref.details})` : ''}.`));
      }
    }
    if (!site.hasUserAssignedIdentity) out.push(targetFinding('VER-ID-001', appSubject(app.name), `${app.name} (${site.name}) has no user-assigned identity.`));
    if (f.roleAssignments) {
      const held = new Set(f.roleAssignments.map((r) => r.roleDefinitionGuid));
      // Cosmos DB data-plane roles are sqlRoleAssignments on the account, not Azure RBAC assignments.
      for (const ra of app.identity.roleAssignments.filter((r) => r.scope.kind !== 'cosmos-db')) {
        if (!held.has(ra.roleDefinitionId.toLowerCase())) {
          out.push(targetFinding('VER-ROLE-001', appSubject(app.name), `${app.name}: the identity lacks ${ra.role} (${ra.roleDefinitionId}) on the ${ra.scope.resource ?? ra.scope.kind}.`));
        }
      }
    }
    for (const s of f.smoke) {
      if (s.error || (s.status ?? 0) >= 400) {
        out.push(
          targetFinding(
            'VER-SMOKE-001',
            functionSubject(app.name, s.function),
            `${app.name}/${s.function}: ${s.method} ${s.path} ${s.error ? `failed: ${s.error}` : `returned ${s.status}`}.`,
            s.error || (s.status ?? 0) >= 500 ? 'blocker' : 'warning',
          ),
        );
      }
    }
  }
  return out;
}

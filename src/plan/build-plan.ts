// buildPlan: inventory + rules → Plan. Pure: the handler-code scan happens before (scanHandlerCode) and is passed in.
// Order: map each Lambda → evaluate function/trigger/role rules (they may escalate the plan) → group into apps →
// per-app identity, settings, scale → app and estate rules → summary, cost, cutover.

import type { Inventory, LambdaFunction, Role } from '../model/inventory.js';
import {
  DESIGN_AREAS,
  PLAN_SCHEMA_VERSION,
  SEVERITIES,
  type DisabledRule,
  type DataResource,
  type Severity,
  type FunctionApp,
  type Plan,
  type PlannedFunction,
  type RoleAssignment,
  type TargetResource,
} from '../model/plan.js';
import { compareStrings, sortBy } from '../util/json.js';
import { compareCost, loadDefaultPrices, type CostAssumptions, type Prices } from './cost.js';
import { chooseCutover } from './cutover.js';
import { groupFunctions, type GroupMember } from './group.js';
import { alwaysReady, carveSubnets, chooseHosting, maximumInstanceCount, memoryTier } from './hosting-policy.js';
import { analyseRole, mergeAssignments, ROLES, type RoleAnalysis } from './identity.js';
import { chooseStrategy, mapRuntime } from './map-runtime.js';
import { mapFunctionTriggers } from './map-trigger.js';
import { needsServiceBus } from '../triggers/sqs/index.js';
import { functionName } from './names.js';
import { evaluateRules, type Subject } from './rules/evaluate.js';
import { indexFindings, type UnindexedFinding } from '../model/findings.js';
import { planRule, type Rule } from './rules/rule.js';
import type { CodeFacts } from './sdk-scan.js';
import { planSettings } from './settings.js';
import { viewBuilders } from './facts/index.js';
import { planDataPlane, type KeepEntry } from './data-plane/index.js';
import { dataPlaneRoles, withoutServices } from './data-plane/roles.js';
import { resourcesUsedBy, resourcesUsedByAny } from './data-plane/used-by.js';

export interface BuildPlanOptions {
  groupBy?: string;
  failOn?: Plan['options']['failOn'];
  rulesets?: string[];
  disabled?: DisabledRule[];
  code?: Map<string, CodeFacts>;
  cost?: Partial<CostAssumptions>;
  prices?: Prices;
  /** Plan.source.root: the inventory root re-expressed relative to the plan's directory. */
  sourceRoot?: string;
  /** `--keep-in-aws` and `.migraterc.yaml keepInAws`: data-plane resources that stay in AWS. */
  keepInAws?: KeepEntry[];
}

export const DEFAULT_COST: CostAssumptions = { invocationsPerMonthPerFunction: 1_000_000, averageDurationMs: 200 };

const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

function hhmmss(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

/** One resource per kind and name; an Event Grid topic appears once per subscribing function (same topic name). */
function resourceKey(r: TargetResource): string {
  return r.kind === 'event-grid-topic' ? `${r.kind}|${r.name}|${r.functionName}` : `${r.kind}|${r.name}`;
}

export function buildPlan(inv: Inventory, allRules: Rule[], options: BuildPlanOptions = {}): Plan {
  const disabled = sortBy(options.disabled ?? [], (d) => d.id);
  const off = new Set(disabled.map((d) => d.id));
  const rules = allRules.filter((r) => !off.has(r.id));
  const code = options.code ?? new Map<string, CodeFacts>();
  const views = viewBuilders(rules);
  const functions = sortBy(inv.functions, (f) => f.id);
  const rolesById = new Map(inv.roles.map((r) => [r.id, r]));
  const roleName = (id?: string) => (id ? (rolesById.get(id)?.name ?? id.split('#').pop() ?? id) : 'no-role');

  // 1. Per-function mapping.
  const mapped = new Map<string, { planned: PlannedFunction; resources: TargetResource[]; roles: RoleAssignment[] }>();
  for (const fn of functions) {
    const { entries, resources, roles } = mapFunctionTriggers(fn);
    const strategy = chooseStrategy(fn, entries);
    const planned: PlannedFunction = {
      lambdaId: fn.id,
      lambdaName: fn.name,
      language: fn.runtime.language,
      strategy: strategy.strategy,
      strategyReason: strategy.reason,
      timeoutSeconds: fn.timeout,
      entries,
    };
    if (fn.handler?.file) planned.handler = { file: fn.handler.file, export: fn.handler.export ?? 'handler' };
    if (fn.code?.path && fn.packageType === 'Zip') planned.codeDir = fn.code.path;
    if (fn.code?.inline !== undefined && planned.handler) planned.inlineCode = fn.code.inline;
    const layerDirs = localLayerDirs(inv, fn);
    if (layerDirs.length > 0) planned.layerDirs = layerDirs;
    mapped.set(fn.id, { planned, resources, roles });
  }

  // Data plane: what each function touches, moved to Azure or kept in AWS (before the rules, which read it).
  const dataPlane = planDataPlane(inv, code, [...mapped.values()].flatMap((m) => m.resources), options.keepInAws ?? []);

  // 2. Function, trigger and role rules.
  const findings: { finding: UnindexedFinding; rule: Rule }[] = [];
  const escalations = new Map<string, { plan: 'Premium' | 'Dedicated'; rules: string[] }>();
  const fnSubjects: Subject[] = functions.map((fn) => {
    const facts = code.get(fn.id);
    const view = views.function({ fn, planned: mapped.get(fn.id)!.planned, code: facts, dataPlane });
    const firstCall = facts?.sdkCalls[0];
    return { subject: { kind: 'function', id: fn.id, name: fn.name }, view, location: fn.source, codeLocation: firstCall ? { file: firstCall.file, line: firstCall.line } : undefined };
  });
  for (const evaluated of evaluateRules(rules, 'function', fnSubjects)) {
    findings.push(evaluated);
    const { rule, subject } = evaluated;
    if (rule.escalate) {
      const cur = escalations.get(subject.subject.id) ?? { plan: 'Premium', rules: [] };
      if (rule.escalate === 'Dedicated') cur.plan = 'Dedicated';
      cur.rules.push(rule.id);
      escalations.set(subject.subject.id, cur);
    }
  }
  // In subject-id order, as the function subjects are: each rule's findings then come out sorted (sortFindings).
  const trigSubjects: Subject[] = sortSubjects(functions.flatMap((fn) =>
    fn.triggers.map((t) => {
      const types = mapped.get(fn.id)!.planned.entries.filter((e) => e.triggerId === t.id).map((e) => e.trigger.type);
      return {
        subject: { kind: 'trigger' as const, id: `${fn.id}#${t.id}`, name: `${fn.name} → ${t.kind}:${t.id}`, functionId: fn.id },
        view: views.trigger({ t, fn, azureTypes: types }),
        location: t.source ?? fn.source,
      };
    }),
  ));
  findings.push(...evaluateRules(rules, 'trigger', trigSubjects));

  const fnsByRole = new Map<string, string[]>();
  for (const fn of functions) {
    if (!fn.roleRef) continue;
    const list = fnsByRole.get(fn.roleRef);
    if (list) list.push(fn.name);
    else fnsByRole.set(fn.roleRef, [fn.name]);
  }
  const roleAnalyses = new Map<string, RoleAnalysis>();
  const serviceBusRoles = new Set<string>();
  for (const fn of functions) if (fn.roleRef && fn.triggers.some((t) => t.kind === 'sqs' && needsServiceBus(t, fn))) serviceBusRoles.add(fn.roleRef);
  const roles: Role[] = sortBy(inv.roles, (r) => r.id);
  for (const r of roles) roleAnalyses.set(r.id, analyseRole(r, { serviceBus: serviceBusRoles.has(r.id) }));
  const roleSubjects: Subject[] = roles.map((r) => ({
    subject: { kind: 'role', id: r.id, name: r.name ?? r.id },
    view: views.role({ role: r, analysis: roleAnalyses.get(r.id)!, functionNames: (fnsByRole.get(r.id) ?? []).sort(compareStrings) }),
    location: r.source,
  }));
  findings.push(...evaluateRules(rules, 'role', roleSubjects));

  // 3. Grouping.
  const members: GroupMember[] = functions.map((fn) => ({ fn, runtime: mapRuntime(fn), plan: escalations.get(fn.id)?.plan ?? 'FlexConsumption', memoryTier: memoryTier(fn.memorySize), privilegedRole: (roleAnalyses.get(fn.roleRef ?? '')?.wildcardActions.length ?? 0) > 0 }));
  const groups = groupFunctions(members, options.groupBy ?? 'default', roleName);

  // 4. Apps.
  const narrowedRoles = new Map<string, RoleAssignment[]>();
  const envCollisionsByApp = new Map<string, string[]>();
  const timeoutsByApp = new Map<string, number[]>();
  const apps: FunctionApp[] = groups.map((g) => {
    const fns: LambdaFunction[] = g.members.map((m) => m.fn);
    const first = g.members[0]!;
    const plan = first.plan;
    const escalationRules = [...new Set(g.members.flatMap((m) => escalations.get(m.fn.id)?.rules ?? []))].sort(compareStrings);
    const maxMemory = Math.max(...fns.map((f) => f.memorySize));
    const hosting = chooseHosting(plan, maxMemory, escalationRules);
    // Entry names unique within the app.
    const usedNames = new Set<string>();
    const plannedFns = fns.map((fn) => {
      // Entries are renamed per app; everything else is shared read-only.
      const src = mapped.get(fn.id)!.planned;
      const p: PlannedFunction = { ...src, entries: src.entries.map((e) => ({ ...e })) };
      for (const e of p.entries) {
        let name = e.name;
        for (let n = 2; usedNames.has(name.toLowerCase()); n++) name = functionName(`${e.name}-${n}`);
        usedNames.add(name.toLowerCase());
        e.name = name;
      }
      return p;
    });
    const plannedOf = new Map(plannedFns.map((p) => [p.lambdaId, p]));
    const resources = new Map<string, TargetResource>();
    for (const fn of fns) {
      const entries = plannedOf.get(fn.id)!.entries;
      const original = mapped.get(fn.id)!.planned.entries;
      for (const r of mapped.get(fn.id)!.resources) {
        let res = r;
        if ((r.kind === 'event-grid-blob-subscription' || r.kind === 'event-grid-topic') && r.functionName) {
          const idx = original.findIndex((e) => e.name === r.functionName);
          res = { ...r, functionName: entries[idx]?.name ?? r.functionName };
        }
        if (!resources.has(resourceKey(res))) resources.set(resourceKey(res), res);
      }
    }
    const settings = planSettings(fns.map((fn) => ({ fn, entries: plannedOf.get(fn.id)!.entries })), dataPlane);
    envCollisionsByApp.set(g.name, settings.collisions);
    timeoutsByApp.set(g.name, fns.map((f) => f.timeout));

    const sourceRoles = [...new Set(fns.map((f) => f.roleRef).filter((r): r is string => Boolean(r)))].sort(compareStrings);
    // The calls the code makes on data-plane resources replace the IAM statements of those services (least privilege).
    // Each resource with only this app's own calls on it: another app's writes do not make this app a writer.
    const ownCalls = (r: DataResource) => [...new Set(fns.filter((f) => resourcesUsedBy(dataPlane, f.name).includes(r)).flatMap((f) => (code.get(f.id)?.operations ?? []).filter((o) => o.service === r.service).map((o) => o.operation)))].sort(compareStrings);
    const dp = dataPlaneRoles(resourcesUsedByAny(dataPlane, fns.map((f) => f.name)).map((r) => ({ ...r, operations: ownCalls(r) })));
    const assignments = sourceRoles.flatMap((r) => {
      const role = rolesById.get(r);
      if (dp.covered.size === 0 || !role) return roleAnalyses.get(r)?.assignments ?? [];
      // Apps sharing a role and the same data-plane services analyse it once.
      const key = `${r}\u0000${[...dp.covered].sort(compareStrings).join(',')}`;
      let narrowed = narrowedRoles.get(key);
      if (!narrowed) narrowedRoles.set(key, (narrowed = analyseRole(withoutServices(role, dp.covered), { serviceBus: serviceBusRoles.has(r) }).assignments));
      return narrowed;
    });
    assignments.push(...dp.assignments);
    const triggerTypes = plannedFns.flatMap((p) => p.entries.map((e) => e.trigger.type));
    // Each trigger's own receive roles, from its kind's module (merged and deduplicated below).
    assignments.push(...fns.flatMap((fn) => mapped.get(fn.id)!.roles));
    if (triggerTypes.includes('serviceBusTopic')) assignments.push({ role: ROLES.sbReceiver.role, roleDefinitionId: ROLES.sbReceiver.id, scope: { kind: 'service-bus' }, reason: 'Service Bus topic trigger' });
    if (settings.keyVaultSecrets.length > 0) {
      assignments.push({ role: ROLES.kvSecretsUser.role, roleDefinitionId: ROLES.kvSecretsUser.id, scope: { kind: 'key-vault' }, reason: `Key Vault references for ${settings.keyVaultSecrets.join(', ')}` });
    }
    const unmapped = [...new Set(sourceRoles.flatMap((r) => roleAnalyses.get(r)?.unmappedActions ?? []))].sort(compareStrings);

    const ready = alwaysReady(plan, fns.map((fn) => ({ fn, entryNames: plannedOf.get(fn.id)!.entries.map((e) => e.name) })));
    const reserved = fns.map((f) => f.reservedConcurrency).filter((r): r is number => r !== undefined);
    const app: FunctionApp = {
      name: g.name,
      groupingReasons: g.reasons,
      hosting,
      runtime: first.runtime,
      instanceMemoryMB: memoryTier(maxMemory),
      functionTimeout: hhmmss(Math.max(...fns.map((f) => f.timeout))),
      scale: { maximumInstanceCount: maximumInstanceCount(reserved), alwaysReady: sortBy(ready, (a) => a.name) },
      identity: { name: `id-${g.name}`.slice(0, 64), sourceRoles: sourceRoles.map((r) => roleName(r)), roleAssignments: mergeAssignments(assignments), unmappedActions: unmapped },
      settings: settings.settings,
      keyVaultSecrets: settings.keyVaultSecrets,
      resources: sortBy([...resources.values()], resourceKey),
      vnetIntegration: fns.some((f) => f.vpc !== undefined),
      functions: sortBy(plannedFns, (p) => p.lambdaName),
    };
    return app;
  });

  // One VNet for the estate; each VPC-attached app gets its own delegated /24 subnet (apps are sorted by name).
  const vnetApps = apps.filter((a) => a.vnetIntegration);
  const carved = carveSubnets(vnetApps.length);
  vnetApps.forEach((a, i) => {
    a.resources = sortBy([...a.resources, { kind: 'vnet', name: 'vnet-functions', addressPrefix: carved.addressPrefix, subnetPrefix: carved.subnets[i]! }], resourceKey);
  });

  // 5. App and estate rules.
  const appSubjects: Subject[] = sortSubjects(apps.map((a) => ({ subject: { kind: 'app', id: a.name, name: a.name }, view: views.app({ app: a, envCollisions: envCollisionsByApp.get(a.name) ?? [], timeouts: timeoutsByApp.get(a.name) ?? [0] }) })));
  findings.push(...evaluateRules(rules, 'app', appSubjects));
  findings.push(...evaluateRules(rules, 'estate', [{ subject: { kind: 'estate', id: 'estate', name: 'estate' }, view: views.estate({ inv, apps }) }]));

  const sorted = sortFindings(findings);
  const tables = indexFindings([...new Set(sorted.map((x) => x.rule))].map(planRule), [sorted.map((x) => x.finding)]);
  const source: Plan['source'] = { ...inv.source };
  if (options.sourceRoot !== undefined) source.root = options.sourceRoot;
  else delete source.root;
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    source,
    options: { groupBy: options.groupBy ?? 'default', failOn: options.failOn ?? 'blocker', rulesets: options.rulesets ?? ['builtin'] },
    summary: {
      functions: functions.length,
      apps: apps.length,
      areas: areaCounts(sorted.map((x) => x.rule)),
    },
    rules: tables.rules,
    subjects: tables.subjects,
    findings: tables.lists[0]!,
    disabledRules: disabled,
    apps,
    cost: compareCost(functions, apps, { ...DEFAULT_COST, ...options.cost }, options.prices ?? loadDefaultPrices()),
    cutover: chooseCutover(functions, code),
    warnings: inv.warnings,
    ...(dataPlane.length > 0 ? { dataPlane } : {}),
  };
}

const sortSubjects = (subjects: Subject[]): Subject[] => sortBy(subjects, (s) => s.subject.id);

/**
 * Findings by severity, rule id, then subject id (stable): bucketed by rule, so only the findings of one rule are
 * compared by subject, and not even those when they came in subject order (rules run over subjects sorted by id).
 */
function sortFindings<T extends { finding: UnindexedFinding; rule: Rule }>(findings: T[]): T[] {
  const byRule = new Map<Rule, T[]>();
  for (const f of findings) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  const rules = [...byRule.keys()].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || compareStrings(a.id, b.id));
  return rules.flatMap((r) => {
    const list = byRule.get(r)!;
    for (let i = 1; i < list.length; i++) {
      if (compareStrings(list[i - 1]!.finding.subject.id, list[i]!.finding.subject.id) > 0) return list.sort((a, b) => compareStrings(a.finding.subject.id, b.finding.subject.id));
    }
    return list;
  });
}

/** Blockers, warnings and notes per design area, counted in one pass over the findings' rules. */
function areaCounts(rules: Rule[]): Plan['summary']['areas'] {
  const counts = new Map(DESIGN_AREAS.map((area) => [area, { area, blockers: 0, warnings: 0, infos: 0 }]));
  for (const r of rules) {
    const c = counts.get(r.area);
    if (!c) continue;
    if (r.severity === 'blocker') c.blockers++;
    else if (r.severity === 'warning') c.warnings++;
    else if (r.severity === 'info') c.infos++;
  }
  return [...counts.values()];
}

/** The local content directories of a function's layers: `Ref:<LogicalId>` in the same template, or a layer id. */
function localLayerDirs(inv: Inventory, fn: LambdaFunction): string[] {
  const dirs: string[] = [];
  for (const ref of fn.layers) {
    const layer = inv.layers.find((l) =>
      typeof ref === 'string'
        ? l.id === ref
        : ref.symbol === `Ref:${l.source?.logicalId ?? ''}` && (l.source?.file === undefined || l.source.file === fn.source?.file),
    );
    if (layer?.contentPath && !dirs.includes(layer.contentPath)) dirs.push(layer.contentPath);
  }
  return dirs;
}

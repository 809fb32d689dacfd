// Subject views: the facts each rule subject exposes to conditions and message placeholders.
// Computed once per subject; rules only read them (docs/rule-language.md lists the attributes).

import type { Inventory, LambdaFunction, Role, Trigger } from '../model/inventory.js';
import type { FunctionApp, PlannedFunction } from '../model/plan.js';
import { compareStrings } from '../util/json.js';
import type { RoleAnalysis } from './identity.js';
import { mapRuntime } from './map-runtime.js';
import { mapScheduleExpression } from './schedule.js';
import type { CodeFacts } from './sdk-scan.js';

export type View = Record<string, unknown>;

/**
 * A view reads the subject's own fields through its prototype and adds computed facts on top: no copy of the
 * subject per view (10,000 functions would otherwise mean 10,000 copies for the garbage collector).
 */
function extend(base: object, facts: Record<string, unknown>): View {
  return Object.assign(Object.create(base) as View, facts);
}

const HTTP_KINDS = new Set(['api-gateway-rest', 'api-gateway-http', 'function-url', 'alb']);

export function functionView(fn: LambdaFunction, planned: PlannedFunction, code: CodeFacts | undefined): View {
  const env = fn.environment;
  const firstCall = code?.sdkCalls[0];
  // Every LambdaFunction field listed in a fixed order, so all function views share one object shape and the
  // per-rule property reads stay monomorphic (a spread of parsed JSON gives each view its own shape).
  return {
    id: fn.id,
    name: fn.name,
    arn: fn.arn,
    region: fn.region,
    account: fn.account,
    source: fn.source,
    stack: fn.stack,
    description: fn.description,
    runtime: fn.runtime,
    handler: fn.handler,
    packageType: fn.packageType,
    memorySize: fn.memorySize,
    timeout: fn.timeout,
    architecture: fn.architecture,
    ephemeralStorage: fn.ephemeralStorage,
    environment: fn.environment,
    kmsKeyArn: fn.kmsKeyArn,
    layers: fn.layers,
    vpc: fn.vpc,
    fileSystems: fn.fileSystems,
    tracing: fn.tracing,
    logging: fn.logging,
    deadLetter: fn.deadLetter,
    asyncInvoke: fn.asyncInvoke,
    reservedConcurrency: fn.reservedConcurrency,
    provisionedConcurrency: fn.provisionedConcurrency,
    snapStart: fn.snapStart,
    aliases: fn.aliases,
    autoPublishAlias: fn.autoPublishAlias,
    deploymentPreference: fn.deploymentPreference,
    versions: fn.versions,
    functionUrl: fn.functionUrl,
    codeSigning: fn.codeSigning,
    tags: fn.tags,
    roleRef: fn.roleRef,
    triggers: fn.triggers,
    extras: fn.extras,
    packageCode: fn.code,
    language: fn.runtime.language,
    runtimeId: fn.runtime.id ?? '',
    runtimeVersion: fn.runtime.version ?? '',
    deprecated: fn.runtime.deprecated === true,
    nodeMajor: fn.runtime.language === 'nodejs' ? Number.parseInt(fn.runtime.version ?? '', 10) || undefined : undefined,
    targetRuntimeVersion: mapRuntime(fn).version,
    runtimeVersionChanges: runtimeVersionChanges(fn),
    strategy: planned.strategy,
    hasVpc: fn.vpc !== undefined,
    layerCount: fn.layers.length,
    layerNames: fn.layers.map((l) => (typeof l === 'string' ? l : l.symbol)),
    efsCount: fn.fileSystems.length,
    hasDestinations: Boolean(fn.asyncInvoke?.destinations?.onSuccess || fn.asyncInvoke?.destinations?.onFailure),
    hasDlq: fn.deadLetter !== undefined,
    asyncRetries: fn.asyncInvoke?.maximumRetryAttempts,
    asyncMaxEventAge: fn.asyncInvoke?.maximumEventAgeInSeconds,
    aliasCount: fn.aliases.length,
    aliasNames: fn.aliases.map((a) => a.name),
    hasCanaryWeights: fn.aliases.some((a) => a.additionalVersionWeights && Object.keys(a.additionalVersionWeights).length > 0),
    hasDeploymentPreference: fn.deploymentPreference !== undefined,
    deploymentPreferenceType: fn.deploymentPreference?.type,
    deploymentAlarmCount: fn.deploymentPreference?.alarms?.length ?? 0,
    envNames: env.map((e) => e.name),
    secretLikeEnv: env.filter((e) => e.kind === 'secret-like').map((e) => e.name),
    secretRefEnv: env.filter((e) => e.kind === 'secret-reference').map((e) => e.name),
    referenceEnv: env.filter((e) => e.kind === 'reference').map((e) => e.name),
    hasKms: fn.kmsKeyArn !== undefined,
    tracingActive: fn.tracing === 'Active',
    logRetentionDays: fn.logging?.retentionInDays,
    logRetentionKnown: fn.logging?.retentionKnown === true,
    logFormat: fn.logging?.logFormat,
    logLevel: fn.logging?.applicationLogLevel,
    tagCount: Object.keys(fn.tags).length,
    tagKeys: Object.keys(fn.tags).sort(compareStrings),
    triggerKinds: [...new Set(fn.triggers.map((t) => t.kind))].sort(compareStrings),
    triggerCount: fn.triggers.length,
    hasHttpTrigger: fn.triggers.some((t) => HTTP_KINDS.has(t.kind)),
    handlerFile: fn.handler?.file,
    handlerMissing: fn.packageType === 'Zip' && (fn.handler?.file === undefined || fn.handler.exists === false),
    extrasKeys: Object.keys(fn.extras ?? {}).sort(compareStrings),
    code: {
      scanned: code !== undefined,
      sdkCalls: code?.sdkCalls.map((c) => `${c.file}:${c.line} ${c.call}`) ?? [],
      sdkServices: code?.sdkServices ?? [],
      usesCallback: code?.usesCallback ?? false,
      usesRemainingTime: code?.usesRemainingTime ?? false,
      usesV2Sdk: code?.usesV2Sdk ?? false,
    },
    codeLocation: firstCall ? { file: firstCall.file, line: firstCall.line } : undefined,
  } satisfies Record<Exclude<keyof LambdaFunction, 'code'>, unknown> & Record<string, unknown>;
}

function patternHasContentFilters(node: unknown): boolean {
  if (Array.isArray(node)) return node.some((x) => x !== null && typeof x === 'object');
  if (node && typeof node === 'object') return Object.values(node as Record<string, unknown>).some(patternHasContentFilters);
  return false;
}

export function triggerView(t: Trigger, fn: LambdaFunction, azureTypes: string[]): View {
  const schedule = t.kind === 'schedule' ? mapScheduleExpression(t.expression) : undefined;
  return extend(t, {
    fn: { name: fn.name, timeout: fn.timeout, memorySize: fn.memorySize, language: fn.runtime.language },
    azureTypes,
    azureType: azureTypes[0],
    scheduleOk: schedule?.ok,
    scheduleExact: schedule?.ok ? schedule.exact : undefined,
    scheduleNcrontab: schedule?.ok ? schedule.ncrontab : undefined,
    scheduleNote: schedule?.ok ? schedule.note : schedule?.reason,
    patternHasContentFilters: t.kind === 'eventbridge-rule' ? patternHasContentFilters(t.pattern) : t.kind === 'sns' ? patternHasContentFilters(t.filterPolicy) : false,
    hasFilterPatterns: 'filterPatterns' in t && Array.isArray(t.filterPatterns) && t.filterPatterns.length > 0,
    authorizerType: 'authorizer' in t ? t.authorizer?.type : undefined,
    authType: 'authType' in t ? t.authType : undefined,
  });
}

export function roleView(role: Role, analysis: RoleAnalysis, functionNames: string[]): View {
  return extend(role, {
    name: role.name ?? role.id,
    actions: analysis.actions,
    wildcardActions: analysis.wildcardActions,
    unmappedActions: analysis.unmappedActions,
    opaquePolicies: analysis.opaquePolicies,
    hasNotActions: analysis.hasNotActions,
    hasConditions: role.policies.some((p) => p.statements.some((s) => s.conditions !== undefined)),
    functionCount: functionNames.length,
    functionNames,
  });
}

export function appView(app: FunctionApp, envCollisions: string[], timeouts: number[]): View {
  return extend(app, {
    functionCount: app.functions.length,
    entryCount: app.functions.reduce((s, f) => s + f.entries.length, 0),
    envCollisions,
    plan: app.hosting.plan,
    roleCount: app.identity.sourceRoles.length,
    sourceRoles: app.identity.sourceRoles,
    timeoutMin: Math.min(...timeouts),
    timeoutMax: Math.max(...timeouts),
    timeoutSpread: Math.max(...timeouts) - Math.min(...timeouts),
    httpEntryCount: app.functions.reduce((s, f) => s + f.entries.filter((e) => e.trigger.type === 'http').length, 0),
    alwaysReadyTotal: app.scale.alwaysReady.reduce((s, r) => s + r.instanceCount, 0),
  });
}

export function estateView(inv: Inventory, apps: FunctionApp[]): View {
  const triggerKinds = new Set<string>();
  for (const f of inv.functions) for (const t of f.triggers) triggerKinds.add(t.kind);
  return {
    name: 'estate',
    source: inv.source,
    sourceKind: inv.source.kind,
    functionCount: inv.functions.length,
    appCount: apps.length,
    languages: [...new Set(inv.functions.map((f) => f.runtime.language))].sort(compareStrings),
    triggerKinds: [...triggerKinds].sort(compareStrings),
    warningCount: inv.warnings.length,
    warningCodes: [...new Set(inv.warnings.map((w) => w.code))].sort(compareStrings),
    regions: [...new Set(inv.functions.map((f) => f.region).filter((r): r is string => Boolean(r)))].sort(compareStrings),
    stacksWithoutTemplate: (inv.stacks ?? []).filter((s) => s.templateAvailable === false).map((s) => s.name),
    apiCount: inv.apis.length,
    maxInstanceDemand: apps.reduce((s, a) => s + a.scale.alwaysReady.reduce((x, r) => x + r.instanceCount, 0) * (a.instanceMemoryMB / 1024) * 0.5, 0),
  };
}

/** True when the Azure stack runs another major (Node) or minor (Python, Java) version than the Lambda did. */
function runtimeVersionChanges(fn: LambdaFunction): boolean {
  const source = fn.runtime.version;
  const target = mapRuntime(fn).version;
  if (!source || !target || !['nodejs', 'python', 'java'].includes(fn.runtime.language)) return false;
  return source !== target;
}

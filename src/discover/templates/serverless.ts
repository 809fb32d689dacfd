// Serverless Framework `serverless.yml`: provider defaults, functions, events and IAM, after variable
// resolution. CloudFormation under `resources:` is read with the same intrinsic resolver as plain templates
// (so `!GetAtt OrdersQueue.Arn` can tell a FIFO queue), and joined like any CloudFormation template.

import path from 'node:path';
import type { ApiInfo, LambdaFunction, Policy, PolicyStatement, Resolvable, Role, SourceLocation, Trigger } from '../../model/inventory.js';
import { TRIGGER_MODULES } from '../../triggers/registry.js';
import { slsAuthorizer, slsLit, slsNum, slsVal, type ServerlessEventInput } from '../../triggers/shared/serverless-input.js';
import { ALEXA, unknownTrigger } from '../../triggers/unknown/index.js';
import { classifyEnvironment } from '../environment.js';
import { asArray, asRecord, functionId, intrinsicKey, locate, type TemplateContext, warn } from './context.js';
import { envOptions, tagsOf, warnLegacyStyle } from './function-properties.js';
import { isGoCodeDir, resolveHandler } from './handler.js';
import { display, Symbolic, toPlain } from './symbolic.js';
import { awsManaged, managedPolicy, statementsOf } from './policies.js';
import { mapRuntime } from './runtime.js';
import { liftWorkers } from './serverless-lift.js';

export interface ServerlessSettings {
  service: string;
  stage: string;
  region: string;
}

interface FnInput {
  ctx: TemplateContext;
  key: string;
  /** Raw (unresolved) function mapping for positions; resolved mapping for values. */
  raw: Record<string, unknown>;
  def: Record<string, unknown>;
  provider: Record<string, unknown>;
  settings: ServerlessSettings;
}

const val = slsVal;
const lit = slsLit;
const num = slsNum;

let adapters: Map<string, (e: ServerlessEventInput) => Trigger[]> | undefined;

/** Serverless event key → the adapter of the module that reads it (src/triggers/<kind>/ `discover.serverless`). */
function serverlessAdapters(): Map<string, (e: ServerlessEventInput) => Trigger[]> {
  adapters ??= new Map(TRIGGER_MODULES.flatMap((m) => Object.entries(m.discover.serverless)));
  return adapters;
}

function mapEvent(f: FnInput, type: string, spec: unknown, id: string, source: SourceLocation): Trigger[] {
  const o = asRecord(spec);
  const base = { id, source, ...(o.enabled === false ? { enabled: false } : {}) };
  const adapter = serverlessAdapters().get(type);
  if (adapter) return adapter({ ctx: f.ctx, key: f.key, raw: f.raw, provider: f.provider, stage: f.settings.stage, type, spec, o, base });
  warn(f.ctx, 'serverless.unknown-event', `event ${type} of function ${f.key} is kept as an unknown trigger${/^alexa/i.test(type) ? `: ${ALEXA}` : ''}`, { obj: f.raw, key: 'events', subject: functionId(f.ctx, f.key) });
  return [unknownTrigger(base, type, toPlain(spec))];
}

function statements(ctx: TemplateContext, list: unknown): PolicyStatement[] {
  return statementsOf({ Statement: asArray(list).map((s) => toPlain(s)) }, ctx.resolver);
}

function iamOf(provider: Record<string, unknown>): { statements: unknown; managed: unknown[]; role: unknown; boundary: unknown } {
  const iam = asRecord(provider.iam);
  const role = iam.role;
  const roleObj = asRecord(role);
  return {
    statements: roleObj.statements ?? provider.iamRoleStatements,
    managed: asArray(roleObj.managedPolicies ?? provider.iamManagedPolicies),
    role: typeof role === 'string' || role instanceof Symbolic || intrinsicKey(role) ? role : provider.role,
    boundary: roleObj.permissionsBoundary,
  };
}

/** A mapping, or a list of mappings merged in order (later keys win); positions stay on the items' own keys. */
function mergedMapping(v: unknown): Record<string, unknown> {
  if (!Array.isArray(v)) return asRecord(v);
  const out: Record<string, unknown> = {};
  for (const item of v) Object.assign(out, asRecord(item));
  return out;
}

export function collectServerlessFunctions(ctx: TemplateContext, config: Record<string, unknown>, rawConfig: Record<string, unknown>, settings: ServerlessSettings): LambdaFunction[] {
  const provider = asRecord(config.provider);
  // `functions:` may be a list of mappings (the framework merges them, e.g. one `${file()}` per item).
  const lift = liftWorkers(ctx, config, rawConfig, settings);
  const rawOwn = mergedMapping(rawConfig.functions);
  const rawFunctions = { ...lift.raw, ...rawOwn };
  const functions = { ...lift.resolved, ...mergedMapping(config.functions) };
  // The copy keeps the key positions functions point at: their own, and a Lift worker's construct.
  ctx.positions.copyKeys(rawOwn, rawFunctions);
  for (const key of Object.keys(lift.raw)) {
    const at = ctx.positions.key(rawConfig.constructs, key.replace(/Worker$/, ''));
    if (at && !(key in rawOwn)) ctx.positions.setKey(rawFunctions, key, at);
  }
  const iam = iamOf(provider);
  const out: LambdaFunction[] = [];
  let sharedRole: Role | undefined;
  const sharedRoleId = () => {
    if (iam.role !== undefined) {
      // A role name that is a logical id under `resources:` is that template role.
      if (typeof iam.role === 'string' && iam.role in ctx.resources) return functionId(ctx, iam.role);
      const ref = val(ctx, iam.role) ?? { symbol: 'unknown-role' };
      const id = display(ref);
      if (!ctx.out.roles.some((r) => r.id === id)) ctx.out.roles.push({ id, arn: ref, trustedServices: [], policies: [], source: locate(ctx, rawConfig.provider, 'iam') });
      return id;
    }
    if (!sharedRole) {
      const policies: Policy[] = [managedPolicy(awsManaged('service-role/AWSLambdaBasicExecutionRole'))];
      const st = statements(ctx, iam.statements);
      if (st.length > 0) policies.push({ name: `${settings.service}-${settings.stage}-lambda`, kind: 'inline', statements: st });
      for (const m of iam.managed) policies.push(managedPolicy(val(ctx, m) ?? { symbol: 'unknown-policy' }));
      sharedRole = { id: functionId(ctx, 'IamRoleLambdaExecution'), name: `${settings.service}-${settings.stage}-${settings.region}-lambdaRole`, arn: { symbol: 'GetAtt:IamRoleLambdaExecution.Arn' }, trustedServices: ['lambda.amazonaws.com'], policies, source: locate(ctx, rawConfig, 'provider') };
      const boundary = val(ctx, iam.boundary);
      if (boundary !== undefined) sharedRole.permissionsBoundary = boundary;
      ctx.out.roles.push(sharedRole);
    }
    return sharedRole.id;
  };

  for (const key of Object.keys(functions)) {
    const def = asRecord(functions[key]);
    const raw = asRecord(rawFunctions[key]);
    const f: FnInput = { ctx, key, raw, def, provider, settings };
    const id = functionId(ctx, key);
    const image = def.image;
    const packageType = image !== undefined ? 'Image' : 'Zip';
    const runtimeId = lit(def.runtime) ?? lit(provider.runtime) ?? (packageType === 'Zip' ? 'nodejs20.x' : undefined);
    const { info: runtime, known } = mapRuntime(runtimeId);
    const codeDir = ctx.dir;
    if (!known) warn(ctx, 'runtime.unknown', `runtime ${runtimeId} is not a Lambda runtime id (language recorded as unknown)`, { obj: raw, key: 'runtime', subject: id, logicalId: key });
    else if (runtime.deprecated) warn(ctx, 'runtime.deprecated', `runtime ${runtimeId} is deprecated by AWS`, { obj: def.runtime !== undefined ? raw : rawConfig.provider, key: 'runtime', subject: id, logicalId: key });
    if (runtime.language === 'custom' && isGoCodeDir(codeDir)) runtime.language = 'go';
    const env = { ...asRecord(provider.environment), ...asRecord(def.environment) };
    const envValues: Record<string, Resolvable> = {};
    for (const [k, v] of Object.entries(env)) {
      const r = val(ctx, v);
      if (r !== undefined) envValues[k] = r;
    }
    const arch = lit(def.architecture) ?? lit(provider.architecture);
    const fn: LambdaFunction = {
      id,
      name: lit(def.name) ?? `${settings.service}-${settings.stage}-${key}`,
      source: locate(ctx, rawFunctions, key, key),
      stack: settings.service,
      region: settings.region,
      runtime,
      packageType,
      memorySize: num(def.memorySize) ?? num(provider.memorySize) ?? 1024,
      timeout: num(def.timeout) ?? num(provider.timeout) ?? 6,
      architecture: arch === 'arm64' ? 'arm64' : 'x86_64',
      ephemeralStorage: num(def.ephemeralStorageSize) ?? 512,
      environment: classifyEnvironment(envValues, envOptions(ctx, env)),
      layers: [...asArray(def.layers ?? provider.layers)].map((l) => val(ctx, l) ?? { symbol: 'unknown-layer' }),
      fileSystems: [],
      aliases: [],
      tags: tagsOf(ctx, { ...asRecord(provider.tags), ...asRecord(def.tags) }),
      triggers: [],
    };
    const description = lit(def.description);
    if (description) fn.description = description;
    fn.code = packageType === 'Image' ? { repositoryType: 'ECR', ...(val(ctx, typeof image === 'string' ? image : asRecord(image).uri ?? asRecord(image).name) !== undefined ? { imageUri: val(ctx, typeof image === 'string' ? image : asRecord(image).uri ?? asRecord(image).name)! } : {}) } : { repositoryType: 'Zip', path: path.relative(ctx.root, codeDir).split(path.sep).join('/') || '.' };
    const handlerRaw = lit(def.handler);
    if (handlerRaw && packageType === 'Zip') {
      const { handler, missing, legacyStyle, refused } = resolveHandler({ raw: handlerRaw, language: runtime.language, codeDir, root: ctx.root });
      fn.handler = handler;
      if (legacyStyle) warnLegacyStyle(ctx, legacyStyle, handler.file ?? handlerRaw, { obj: raw, key: 'handler', subject: id, logicalId: key });
      if (missing) warn(ctx, 'handler.missing-file', `handler ${handlerRaw} has no source file under ${fn.code.path}${refused ? ` (refused: ${refused})` : ''}`, { obj: raw, key: 'handler', subject: id, logicalId: key });
    }
    const vpc = asRecord(def.vpc ?? provider.vpc);
    if (Object.keys(vpc).length > 0) fn.vpc = { subnetIds: asArray(vpc.subnetIds).map((x) => val(ctx, x) ?? ''), securityGroupIds: asArray(vpc.securityGroupIds).map((x) => val(ctx, x) ?? '') };
    const fsc = asRecord(def.fileSystemConfig);
    if (fsc.arn !== undefined) fn.fileSystems.push({ arn: val(ctx, fsc.arn)!, localMountPath: lit(fsc.localMountPath) ?? '' });
    const tracing = asRecord(provider.tracing).lambda ?? def.tracing;
    if (tracing === true || tracing === 'Active') fn.tracing = 'Active';
    else if (tracing === 'PassThrough') fn.tracing = 'PassThrough';
    const kms = val(ctx, def.kmsKeyArn ?? provider.kmsKeyArn);
    if (kms !== undefined) fn.kmsKeyArn = kms;
    const dl = val(ctx, def.onError);
    if (dl !== undefined) fn.deadLetter = dl;
    const dest = asRecord(def.destinations);
    const asyncCfg: NonNullable<LambdaFunction['asyncInvoke']> = {};
    if (num(def.maximumRetryAttempts) !== undefined) asyncCfg.maximumRetryAttempts = num(def.maximumRetryAttempts);
    if (num(def.maximumEventAge) !== undefined) asyncCfg.maximumEventAgeInSeconds = num(def.maximumEventAge);
    if (dest.onSuccess !== undefined || dest.onFailure !== undefined) {
      asyncCfg.destinations = {};
      const s = val(ctx, typeof dest.onSuccess === 'object' && !intrinsicKey(dest.onSuccess) && !(dest.onSuccess instanceof Symbolic) ? asRecord(dest.onSuccess).arn : dest.onSuccess);
      const fl = val(ctx, typeof dest.onFailure === 'object' && !intrinsicKey(dest.onFailure) && !(dest.onFailure instanceof Symbolic) ? asRecord(dest.onFailure).arn : dest.onFailure);
      if (s !== undefined) asyncCfg.destinations.onSuccess = s;
      if (fl !== undefined) asyncCfg.destinations.onFailure = fl;
    }
    if (Object.keys(asyncCfg).length > 0) fn.asyncInvoke = asyncCfg;
    if (num(def.reservedConcurrency) !== undefined) fn.reservedConcurrency = num(def.reservedConcurrency);
    if (num(def.provisionedConcurrency) !== undefined) fn.provisionedConcurrency = num(def.provisionedConcurrency);
    if (def.snapStart === true) fn.snapStart = true;
    if (def.url !== undefined) {
      const u = asRecord(def.url);
      const authType = u.authorizer === 'aws_iam' ? 'AWS_IAM' : 'NONE';
      const invokeMode = u.invokeMode === 'RESPONSE_STREAM' ? 'RESPONSE_STREAMING' : 'BUFFERED';
      fn.functionUrl = { authType, invokeMode };
      fn.triggers.push({ id: 'url', kind: 'function-url', authType, invokeMode, source: locate(ctx, raw, 'url', key) });
    }
    const logRetention = num(provider.logRetentionInDays);
    if (logRetention !== undefined || def.logRetentionInDays !== undefined) fn.logging = { retentionInDays: num(def.logRetentionInDays) ?? logRetention, retentionKnown: true };

    // Role: explicit per function, per-function statements, or the shared service role.
    const ownStatements = asRecord(asRecord(def.iam).role).statements ?? def.iamRoleStatements;
    if (def.role !== undefined) {
      const ref = val(ctx, def.role) ?? { symbol: 'unknown-role' };
      const target = typeof def.role === 'string' && ctx.resources[def.role] ? functionId(ctx, def.role) : display(ref);
      fn.roleRef = target;
      if (!ctx.out.roles.some((r) => r.id === target)) ctx.out.roles.push({ id: target, arn: ref, trustedServices: [], policies: [], source: locate(ctx, raw, 'role', key) });
    } else if (ownStatements !== undefined) {
      const role: Role = {
        id: functionId(ctx, `${key}IamRoleLambdaExecution`),
        name: `${settings.service}-${settings.stage}-${key}-${settings.region}-lambdaRole`,
        trustedServices: ['lambda.amazonaws.com'],
        policies: [managedPolicy(awsManaged('service-role/AWSLambdaBasicExecutionRole')), { name: `${settings.service}-${settings.stage}-${key}`, kind: 'inline', statements: statements(ctx, ownStatements) }],
        source: locate(ctx, raw, 'iam', key),
      };
      ctx.out.roles.push(role);
      fn.roleRef = role.id;
    } else {
      fn.roleRef = sharedRoleId();
    }

    if (def.events !== undefined && !Array.isArray(def.events)) {
      warn(ctx, 'serverless.events-not-a-list', `events of function ${key} is not a list; the framework expects a list of {type: settings}, so no triggers are taken from it`, { obj: raw, key: 'events', subject: id, logicalId: key });
    }
    const rawEvents = asArray(raw.events);
    asArray(def.events).forEach((ev, i) => {
      const e = asRecord(ev);
      const type = Object.keys(e)[0];
      if (!type) return;
      const source = locate(ctx, rawEvents[i] ?? raw, type, key);
      fn.triggers.push(...mapEvent(f, type, e[type], `${type}-${i}`, source));
    });
    out.push(fn);
  }
  return out;
}

/** The APIs the framework creates for http, httpApi and websocket events (its CloudFormation logical ids). */
export function collectServerlessApis(ctx: TemplateContext, config: Record<string, unknown>, rawConfig: Record<string, unknown>, settings: ServerlessSettings, fns: LambdaFunction[]): void {
  const provider = asRecord(config.provider);
  const uses = (kind: Trigger['kind']) => fns.some((f) => f.triggers.some((t) => t.kind === kind));
  const source = locate(ctx, rawConfig, 'provider');
  if (uses('api-gateway-rest')) {
    const api: ApiInfo = { id: functionId(ctx, 'ApiGatewayRestApi'), name: lit(asRecord(provider.apiGateway).restApiName) ?? `${settings.stage}-${settings.service}`, kind: 'rest', stages: [settings.stage], source };
    ctx.out.apis.push(api);
  }
  if (uses('api-gateway-http')) {
    const httpApi = asRecord(provider.httpApi);
    const api: ApiInfo = { id: functionId(ctx, 'HttpApi'), name: lit(httpApi.name) ?? `${settings.stage}-${settings.service}`, kind: 'http', stages: ['$default'], source };
    const authorizers = Object.entries(asRecord(httpApi.authorizers)).map(([name, a]) => {
      const info = slsAuthorizer(ctx, { name, ...asRecord(a) });
      return info ?? { type: 'CUSTOM', name };
    });
    if (authorizers.length > 0) api.authorizers = authorizers;
    if (httpApi.cors !== undefined) api.cors = toPlain(httpApi.cors);
    ctx.out.apis.push(api);
  }
  if (uses('websocket')) {
    ctx.out.apis.push({ id: functionId(ctx, 'WebsocketsApi'), name: lit(provider.websocketsApiName) ?? `${settings.stage}-${settings.service}-websockets`, kind: 'websocket', stages: [settings.stage], source });
  }
}

// Serverless Framework `serverless.yml`: provider defaults, functions, events and IAM, after variable
// resolution. CloudFormation under `resources:` is read with the same intrinsic resolver as plain templates
// (so `!GetAtt OrdersQueue.Arn` can tell a FIFO queue), and joined like any CloudFormation template.

import path from 'node:path';
import type { ApiInfo, AuthorizerInfo, LambdaFunction, Policy, PolicyStatement, Resolvable, Role, Trigger } from '../../model/inventory.js';
import { classifyEnvironment } from '../environment.js';
import { asArray, asRecord, functionId, intrinsicKey, locate, type TemplateContext, warn } from './context.js';
import { envOptions, tagsOf, warnLegacyStyle } from './function-properties.js';
import { isGoCodeDir, resolveHandler } from './handler.js';
import { display, Symbolic, toPlain } from './intrinsics.js';
import { awsManaged, managedPolicy, statementsOf } from './policies.js';
import { mapRuntime } from './runtime.js';
import { queueIsFifo, tableStreamViewType } from './trigger-details.js';

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

/** A resolved Serverless value: a literal stays, a Symbolic or intrinsic becomes a symbol. */
function val(ctx: TemplateContext, v: unknown): Resolvable | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Symbolic) return { symbol: v.symbol };
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (intrinsicKey(v)) return ctx.resolver.str(v);
  return { symbol: `Value:${display(v)}` };
}
const lit = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
const names = (ctx: TemplateContext, v: unknown) => asArray(v).map((x) => display(val(ctx, x) ?? ''));

function httpAuthorizer(ctx: TemplateContext, a: unknown): AuthorizerInfo | undefined {
  if (a === undefined) return undefined;
  if (typeof a === 'string') return a === 'aws_iam' ? { type: 'AWS_IAM' } : { type: a.startsWith('arn:') && a.includes(':cognito-idp:') ? 'COGNITO_USER_POOLS' : 'CUSTOM', name: a.split(':').pop() ?? a, ref: a };
  const o = asRecord(a);
  const type = lit(o.type)?.toUpperCase();
  const info: AuthorizerInfo = { type: type === 'COGNITO_USER_POOLS' || type === 'AWS_IAM' || type === 'REQUEST' || type === 'TOKEN' || type === 'JWT' ? type : o.arn !== undefined && display(val(ctx, o.arn)).includes('cognito-idp') ? 'COGNITO_USER_POOLS' : 'CUSTOM' };
  const name = lit(o.name) ?? lit(o.id);
  if (name) info.name = name;
  const ref = val(ctx, o.arn ?? o.issuerUrl ?? o.authorizerId);
  if (ref !== undefined) info.ref = ref;
  return info;
}

/** A string, or the text of a value holding an unresolved variable (kept as written, never dropped). */
const specText = (v: unknown): string | undefined => (v instanceof Symbolic ? v.symbol : lit(v));

function warnUnresolvedPath(f: FnInput, p: string | undefined, source: ReturnType<typeof locate>): void {
  if (p === undefined || !p.includes('${')) return;
  f.ctx.out.warnings.push({ code: 'serverless.unresolved-path', message: `http path ${p} holds a variable that cannot be resolved offline; the route is kept as written`, source, subject: functionId(f.ctx, f.key) });
}

function mapEvent(f: FnInput, type: string, spec: unknown, id: string, source: ReturnType<typeof locate>): Trigger[] {
  const { ctx, settings } = f;
  const o = asRecord(spec);
  const b = { id, source, ...(o.enabled === false ? { enabled: false } : {}) };
  switch (type) {
    case 'http': {
      const [m, p] = typeof specText(spec) === 'string' ? specText(spec)!.split(/\s+/, 2) : [lit(o.method), specText(o.path)];
      warnUnresolvedPath(f, p, source);
      const t: Trigger = { ...b, kind: 'api-gateway-rest', api: { symbol: 'Ref:ApiGatewayRestApi' }, path: `/${(p ?? '').replace(/^\//, '')}`, method: (m ?? 'ANY').toUpperCase() === '*' ? 'ANY' : (m ?? 'ANY').toUpperCase(), stage: settings.stage, integration: lit(o.integration) === 'lambda' ? 'AWS' : 'AWS_PROXY' };
      const auth = httpAuthorizer(ctx, o.authorizer);
      if (auth) t.authorizer = auth;
      if (o.private === true) t.apiKeyRequired = true;
      return [t];
    }
    case 'httpApi': {
      const s = specText(spec);
      const [m, p] = s === '*' ? ['ANY', '$default'] : s ? s.split(/\s+/, 2) : [lit(o.method), specText(o.path)];
      warnUnresolvedPath(f, p, source);
      const t: Trigger = { ...b, kind: 'api-gateway-http', api: { symbol: 'Ref:HttpApi' }, path: p ?? '$default', method: (m ?? 'ANY') === '*' ? 'ANY' : (m ?? 'ANY').toUpperCase(), payloadFormatVersion: lit(asRecord(f.provider.httpApi).payload) === '1.0' ? '1.0' : '2.0' };
      // `authorizer: { name }` refers to provider.httpApi.authorizers, which holds its type and issuer.
      const named = typeof o.authorizer === 'string' ? o.authorizer : lit(asRecord(o.authorizer).name);
      const def = named !== undefined ? asRecord(asRecord(asRecord(f.provider.httpApi).authorizers)[named]) : {};
      const auth = httpAuthorizer(ctx, Object.keys(def).length > 0 ? { ...def, ...asRecord(o.authorizer), name: named } : o.authorizer);
      if (auth) t.authorizer = auth;
      return [t];
    }
    case 'sqs': {
      const arnRaw = typeof spec === 'string' || spec instanceof Symbolic || intrinsicKey(spec) ? spec : o.arn;
      const t: Trigger = { ...b, kind: 'sqs', queue: val(ctx, arnRaw) ?? { symbol: 'unknown-queue' } };
      const fifo = queueIsFifo(ctx, arnRaw instanceof Symbolic ? undefined : arnRaw);
      if (fifo !== undefined) t.fifo = fifo;
      const bs = num(o.batchSize);
      if (bs !== undefined) t.batchSize = bs;
      const w = num(o.maximumBatchingWindow);
      if (w !== undefined) t.maximumBatchingWindowInSeconds = w;
      if (o.functionResponseType === 'ReportBatchItemFailures') t.reportBatchItemFailures = true;
      if (Array.isArray(o.filterPatterns)) t.filterPatterns = toPlain(o.filterPatterns) as unknown[];
      const mc = num(o.maximumConcurrency);
      if (mc !== undefined) t.maximumConcurrency = mc;
      return [t];
    }
    case 'sns': {
      const topic = typeof spec === 'string' || spec instanceof Symbolic || intrinsicKey(spec) ? val(ctx, spec) : val(ctx, o.arn ?? o.topicName);
      const t: Trigger = { ...b, kind: 'sns', topic: topic ?? { symbol: 'unknown-topic' } };
      if (o.filterPolicy !== undefined) t.filterPolicy = toPlain(o.filterPolicy);
      if (o.filterPolicyScope === 'MessageAttributes' || o.filterPolicyScope === 'MessageBody') t.filterPolicyScope = o.filterPolicyScope;
      if (o.redrivePolicy !== undefined) t.redrivePolicy = toPlain(o.redrivePolicy);
      return [t];
    }
    case 's3': {
      const bucket = typeof spec === 'string' || spec instanceof Symbolic ? val(ctx, spec) : val(ctx, o.bucket);
      const t: Trigger = { ...b, kind: 's3', bucket: bucket ?? { symbol: 'unknown-bucket' }, events: o.event !== undefined ? names(ctx, o.event) : ['s3:ObjectCreated:*'] };
      for (const rule of asArray(o.rules)) {
        const rr = asRecord(rule);
        if (lit(rr.prefix) !== undefined) t.prefix = lit(rr.prefix);
        if (lit(rr.suffix) !== undefined) t.suffix = lit(rr.suffix);
      }
      if (o.existing === true) t.existing = true;
      return [t];
    }
    case 'schedule': {
      const rates = typeof spec === 'string' ? [spec] : asArray(o.rate).map((x) => display(val(ctx, x) ?? ''));
      const via = o.method === 'scheduler' || o.timezone !== undefined ? 'scheduler' : 'events';
      return rates.map((expression, i) => {
        const t: Trigger = { ...b, id: rates.length > 1 ? `${id}-${i}` : id, kind: 'schedule', expression, via };
        if (lit(o.timezone)) t.timezone = lit(o.timezone);
        if (o.input !== undefined) t.input = 'constant';
        else if (o.inputPath !== undefined) t.input = 'path';
        else if (o.inputTransformer !== undefined) t.input = 'transformer';
        return t;
      });
    }
    case 'stream': {
      const arnRaw = typeof spec === 'string' || spec instanceof Symbolic || intrinsicKey(spec) ? spec : o.arn;
      const arn = val(ctx, arnRaw) ?? { symbol: 'unknown-stream' };
      const text = display(arn);
      const dynamo = lit(o.type) === 'dynamodb' || (lit(o.type) !== 'kinesis' && (text.includes(':dynamodb:') || tableStreamViewType(ctx, arnRaw) !== undefined || /StreamArn/.test(text)));
      const t = { ...b, stream: arn } as Trigger & { kind: 'kinesis' | 'dynamodb-stream' };
      const fields: Record<string, unknown> = {
        startingPosition: lit(o.startingPosition),
        batchSize: num(o.batchSize),
        maximumBatchingWindowInSeconds: num(o.maximumBatchingWindow),
        bisectBatchOnFunctionError: typeof o.bisectBatchOnFunctionError === 'boolean' ? o.bisectBatchOnFunctionError : undefined,
        maximumRetryAttempts: num(o.maximumRetryAttempts),
        maximumRecordAgeInSeconds: num(o.maximumRecordAgeInSeconds),
        parallelizationFactor: num(o.parallelizationFactor),
        tumblingWindowInSeconds: num(o.tumblingWindowInSeconds),
        reportBatchItemFailures: o.functionResponseType === 'ReportBatchItemFailures' ? true : undefined,
        onFailure: val(ctx, asRecord(o.destinations).onFailure),
        filterPatterns: Array.isArray(o.filterPatterns) ? toPlain(o.filterPatterns) : undefined,
      };
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) (t as unknown as Record<string, unknown>)[k] = v;
      if (dynamo) {
        const view = tableStreamViewType(ctx, arnRaw);
        return [{ ...t, kind: 'dynamodb-stream', ...(view ? { streamViewType: view } : {}) }];
      }
      return [{ ...t, kind: 'kinesis' }];
    }
    case 'eventBridge':
    case 'cloudwatchEvent': {
      if (o.schedule !== undefined) return [{ ...b, kind: 'schedule', expression: display(val(ctx, o.schedule) ?? ''), via: 'events' }];
      const t: Trigger = { ...b, kind: 'eventbridge-rule', pattern: toPlain(o.pattern ?? o.event) ?? null };
      const bus = val(ctx, o.eventBus);
      if (bus !== undefined) t.eventBus = bus;
      const name = val(ctx, o.name);
      if (name !== undefined) t.ruleName = name;
      if (o.input !== undefined) t.input = 'constant';
      else if (o.inputPath !== undefined) t.input = 'path';
      else if (o.inputTransformer !== undefined) t.input = 'transformer';
      const retry = asRecord(o.retryPolicy);
      if (Object.keys(retry).length > 0) {
        t.retryPolicy = {};
        if (num(retry.maximumRetryAttempts) !== undefined) t.retryPolicy.maximumRetryAttempts = num(retry.maximumRetryAttempts);
        if (num(retry.maximumEventAge) !== undefined) t.retryPolicy.maximumEventAgeInSeconds = num(retry.maximumEventAge);
      }
      const dl = val(ctx, o.deadLetterQueueArn);
      if (dl !== undefined) t.deadLetter = dl;
      return [t];
    }
    case 'alb': {
      const c = asRecord(o.conditions);
      const t: Trigger = { ...b, kind: 'alb', targetGroup: val(ctx, o.targetGroupName) ?? { symbol: `TargetGroup:${f.key}` } };
      const conditions: { path?: string[]; host?: string[]; method?: string[] } = {};
      if (c.path !== undefined) conditions.path = names(ctx, c.path);
      if (c.host !== undefined) conditions.host = names(ctx, c.host);
      if (c.method !== undefined) conditions.method = names(ctx, c.method).map((m) => m.toUpperCase());
      if (Object.keys(conditions).length > 0) t.conditions = conditions;
      if (o.multiValueHeaders === true) t.multiValueHeaders = true;
      return [t];
    }
    case 'cloudwatchLog': {
      const t: Trigger = { ...b, kind: 'cloudwatch-logs', logGroup: (typeof spec === 'string' ? spec : val(ctx, o.logGroup)) ?? { symbol: 'unknown-log-group' } };
      if (lit(o.filter) !== undefined) t.filterPattern = lit(o.filter);
      return [t];
    }
    case 'cognitoUserPool':
      return [{ ...b, kind: 'cognito', userPool: val(ctx, o.pool) ?? { symbol: 'unknown-user-pool' }, triggers: names(ctx, o.trigger) }];
    case 'iot': {
      const t: Trigger = { ...b, kind: 'iot' };
      if (lit(o.sql) !== undefined) t.sql = lit(o.sql);
      if (lit(o.name) !== undefined) t.rule = lit(o.name);
      return [t];
    }
    case 'websocket':
      return [{ ...b, kind: 'websocket', api: { symbol: 'Ref:WebsocketsApi' }, route: typeof spec === 'string' ? spec : (lit(o.route) ?? '$default') }];
    case 'kafka':
    case 'msk': {
      const t: Trigger = { ...b, kind: 'kafka', flavor: type === 'msk' ? 'msk' : 'self-managed', topics: names(ctx, o.topic) };
      if (type === 'msk') t.cluster = val(ctx, o.arn) ?? { symbol: 'unknown-cluster' };
      if (o.bootstrapServers !== undefined) t.bootstrapServers = names(ctx, o.bootstrapServers);
      if (num(o.batchSize) !== undefined) t.batchSize = num(o.batchSize);
      if (lit(o.startingPosition)) t.startingPosition = lit(o.startingPosition);
      if (lit(o.consumerGroupId)) t.consumerGroupId = lit(o.consumerGroupId);
      return [t];
    }
    case 'activemq':
    case 'rabbitmq': {
      const t: Trigger = { ...b, kind: 'mq', engine: type, broker: val(ctx, o.arn) ?? { symbol: 'unknown-broker' }, queues: names(ctx, o.queue) };
      if (num(o.batchSize) !== undefined) t.batchSize = num(o.batchSize);
      return [t];
    }
    default:
      warn(ctx, 'serverless.unknown-event', `event ${type} of function ${f.key} is kept as an unknown trigger`, { obj: f.raw, key: 'events', subject: functionId(ctx, f.key) });
      return [{ ...b, kind: 'unknown', sourceType: type, detail: asRecord(toPlain(spec)) }];
  }
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
  const rawFunctions = mergedMapping(rawConfig.functions);
  const functions = mergedMapping(config.functions);
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
      const info = httpAuthorizer(ctx, { name, ...asRecord(a) });
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

// AWS SAM: AWS::Serverless::Function (with Globals merged), its Events, policies and implicit role,
// AWS::Serverless::Api/HttpApi (including OpenAPI DefinitionBody integrations) and LayerVersion.

import path from 'node:path';
import type { ApiInfo, LambdaFunction, Policy, Role, Trigger } from '../../model/inventory.js';
import { asArray, asRecord, functionId, intrinsicKey, locate, referencedLogicalId, relToRoot, type TemplateContext, warn } from './context.js';
import { applyAsyncConfig, baseFunction, type CodeLocation, inlineCode, localCode, tagsOf } from './function-properties.js';
import { display, toPlain } from './symbolic.js';
import { awsManaged, expandPolicyTemplate, isPolicyTemplate, managedPolicy, statementsOf } from './policies.js';
import { mapSamEvent } from './sam-events.js';
import { API_AUTHORIZER } from '../../triggers/shared/cfn-input.js';

/** Properties where the function's own value replaces the global one even though it is a list. */
const SCALAR_LISTS = new Set(['Architectures']);

/** Globals merge: maps merge (recursively), lists append, scalars and intrinsics from the function win. */
export function mergeGlobals(globals: Record<string, unknown>, own: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...globals };
  for (const [k, v] of Object.entries(own)) {
    const g = out[k];
    if (Array.isArray(g) && Array.isArray(v) && !SCALAR_LISTS.has(k)) out[k] = [...(g as unknown[]), ...(v as unknown[])];
    else if (isPlainMap(g) && isPlainMap(v)) out[k] = mergeGlobals(g, v);
    else out[k] = v;
  }
  return out;
}

const isPlainMap = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && intrinsicKey(v) === undefined;

/** Managed policies SAM adds to an implicit role because of what the function uses. */
const EVENT_POLICIES: Record<string, string> = {
  SQS: 'service-role/AWSLambdaSQSQueueExecutionRole',
  Kinesis: 'service-role/AWSLambdaKinesisExecutionRole',
  DynamoDB: 'service-role/AWSLambdaDynamoDBExecutionRole',
  MSK: 'service-role/AWSLambdaMSKExecutionRole',
};

function codeLocation(ctx: TemplateContext, props: Record<string, unknown>, metadata: Record<string, unknown>): CodeLocation {
  const r = ctx.resolver;
  if (r.literal(props.PackageType) === 'Image') {
    const loc: CodeLocation = { repositoryType: 'ECR' };
    const uri = r.str(props.ImageUri);
    if (uri !== undefined) loc.imageUri = uri;
    const docker = r.literal(metadata.DockerContext);
    if (docker) loc.dir = path.resolve(ctx.dir, docker);
    return loc;
  }
  if (props.InlineCode !== undefined) return inlineCode(ctx, props.InlineCode);
  const uri = props.CodeUri;
  if (uri === undefined) return { repositoryType: 'Zip', dir: ctx.dir };
  const lit = r.literal(uri);
  if (lit !== undefined) return lit.startsWith('s3://') ? { repositoryType: 'S3' } : localCode(ctx, lit);
  return { repositoryType: 'S3' };
}

function roleFor(ctx: TemplateContext, fn: LambdaFunction, logicalId: string, props: Record<string, unknown>, eventTypes: string[]): void {
  const r = ctx.resolver;
  if (props.Role !== undefined) {
    const target = referencedLogicalId(props.Role, ctx.resources);
    if (target && r.resourceType(target) === 'AWS::IAM::Role') {
      fn.roleRef = functionId(ctx, target);
      return;
    }
    const arn = r.str(props.Role) ?? { symbol: 'unknown-role' };
    fn.roleRef = display(arn);
    if (!ctx.out.roles.some((x) => x.id === fn.roleRef)) {
      ctx.out.roles.push({ id: fn.roleRef, arn, trustedServices: [], policies: [], source: locate(ctx, props, 'Role', logicalId) });
    }
    return;
  }
  const policies: Policy[] = [managedPolicy(awsManaged('service-role/AWSLambdaBasicExecutionRole'))];
  if (fn.tracing === 'Active') policies.push(managedPolicy(awsManaged('AWSXrayWriteOnlyAccess')));
  if (fn.vpc) policies.push(managedPolicy(awsManaged('service-role/AWSLambdaVPCAccessExecutionRole')));
  for (const t of [...new Set(eventTypes)].sort()) {
    const p = EVENT_POLICIES[t];
    if (p) policies.push(managedPolicy(awsManaged(p)));
  }
  const given = props.Policies;
  const list = typeof given === 'string' || intrinsicKey(given) ? [given] : asArray(given);
  list.forEach((entry, i) => {
    if (typeof entry === 'string' || intrinsicKey(entry)) {
      policies.push(managedPolicy(r.str(entry) ?? { symbol: 'unknown-policy' }));
      return;
    }
    const e = asRecord(entry);
    if (e.Statement !== undefined) {
      policies.push({ name: `${logicalId}RolePolicy${i}`, kind: 'inline', statements: statementsOf(e, r) });
      return;
    }
    const keys = Object.keys(e);
    if (keys.length === 1 && isPolicyTemplate(keys[0]!)) {
      policies.push(expandPolicyTemplate(keys[0]!, e[keys[0]!], r));
      return;
    }
    warn(ctx, 'template.unknown-policy', `policy entry ${i} of ${logicalId} is neither a policy template, a managed policy nor a statement`, { obj: props, key: 'Policies', subject: fn.id });
    policies.push({ name: keys.join(',') || `policy${i}`, kind: 'inline', statements: [], opaque: true });
  });
  const role: Role = {
    id: functionId(ctx, `${logicalId}Role`),
    name: `${logicalId}Role`,
    arn: { symbol: `GetAtt:${logicalId}Role.Arn` },
    trustedServices: ['lambda.amazonaws.com'],
    policies,
    source: locate(ctx, ctx.body.Resources, logicalId, logicalId),
  };
  const boundary = r.str(props.PermissionsBoundary);
  if (boundary !== undefined) role.permissionsBoundary = boundary;
  ctx.out.roles.push(role);
  fn.roleRef = role.id;
}

/** Build every AWS::Serverless::Function of the template. */
export function collectSamFunctions(ctx: TemplateContext, stack: string, functions: Map<string, LambdaFunction>): void {
  const r = ctx.resolver;
  const globals = asRecord(asRecord(ctx.body.Globals).Function);
  for (const [logicalId, resource] of Object.entries(ctx.resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const own = asRecord(resource.Properties);
    const props = mergeGlobals(globals, own);
    const metadata = asRecord(resource.Metadata);
    const id = functionId(ctx, logicalId);
    const condition = typeof resource.Condition === 'string' ? resource.Condition : undefined;
    const condValue = condition ? r.condition(condition) : undefined;
    if (condition && condValue === false) {
      warn(ctx, 'template.condition-false', `${logicalId} is not created: condition ${condition} is false with the parameter defaults`, { obj: ctx.resources, key: logicalId, subject: id, logicalId });
      continue;
    }
    const name = r.literal(props.FunctionName) ?? logicalId;
    const buildProps = asRecord(metadata.BuildProperties);
    const entryPoints = r.literal(metadata.BuildMethod) === 'esbuild' ? asArray(r.resolve(buildProps.EntryPoints)).filter((x): x is string => typeof x === 'string') : undefined;
    const fn = baseFunction({ ctx, logicalId, container: ctx.resources, props, ownProps: own, code: codeLocation(ctx, props, metadata), codeKey: props.InlineCode !== undefined ? 'InlineCode' : 'CodeUri', name, stack, entryPoints });
    const tracing = r.literal(props.Tracing);
    if (tracing === 'Active' || tracing === 'PassThrough') fn.tracing = tracing;
    fn.tags = tagsOf(ctx, props.Tags);
    const dlq = asRecord(props.DeadLetterQueue);
    const dl = r.str(dlq.TargetArn);
    if (dl !== undefined) fn.deadLetter = dl;
    if (props.EventInvokeConfig !== undefined) applyAsyncConfig(ctx, fn, asRecord(props.EventInvokeConfig));
    const alias = r.literal(props.AutoPublishAlias);
    if (alias) {
      fn.autoPublishAlias = alias;
      fn.aliases.push({ name: alias });
    }
    const dp = asRecord(props.DeploymentPreference);
    const dpType = r.literal(dp.Type);
    if (dpType) {
      fn.deploymentPreference = { type: dpType };
      const alarms = r.list(dp.Alarms);
      if (alarms.length > 0) fn.deploymentPreference.alarms = alarms;
      const hooks = asRecord(dp.Hooks);
      if (Object.keys(hooks).length > 0) {
        fn.deploymentPreference.hooks = Object.fromEntries(Object.entries(hooks).map(([k, v]) => [k, r.str(v) ?? { symbol: 'unknown' }]));
      }
    }
    const pc = r.num(asRecord(props.ProvisionedConcurrencyConfig).ProvisionedConcurrentExecutions);
    if (pc !== undefined) fn.provisionedConcurrency = pc;
    if (props.FunctionUrlConfig !== undefined) {
      const url = asRecord(props.FunctionUrlConfig);
      const authType = r.literal(url.AuthType) === 'NONE' ? 'NONE' : 'AWS_IAM';
      const invokeMode = r.literal(url.InvokeMode) === 'RESPONSE_STREAM' ? 'RESPONSE_STREAMING' : 'BUFFERED';
      fn.functionUrl = { authType, invokeMode };
      const t: Trigger = { id: 'FunctionUrl', kind: 'function-url', authType, invokeMode, source: locate(ctx, props, 'FunctionUrlConfig', logicalId) };
      if (url.Cors !== undefined) {
        const cors = asRecord(toPlain(r.resolve(url.Cors)));
        fn.functionUrl.cors = cors;
        t.cors = cors;
      }
      fn.triggers.push(t);
    }
    const extras = { ...(fn.extras ?? {}) };
    if (condition) extras.condition = condValue === undefined ? { name: condition, value: 'unknown' } : { name: condition, value: condValue };
    if (Object.keys(extras).length > 0) fn.extras = extras;

    if (Array.isArray(own.Events)) {
      warn(ctx, 'template.events-not-a-map', `Events of ${logicalId} is a list; SAM expects a mapping of event name to {Type, Properties}, so no triggers are taken from it`, { obj: own, key: 'Events', subject: fn.id, logicalId });
    }
    const events = asRecord(own.Events);
    const eventTypes: string[] = [];
    for (const [eventName, ev] of Object.entries(events)) {
      const event = asRecord(ev);
      const type = r.literal(event.Type);
      if (type) eventTypes.push(type);
      fn.triggers.push(mapSamEvent({ ctx, fnLogicalId: logicalId, eventName, props: asRecord(event.Properties), event, events }, type));
    }
    roleFor(ctx, fn, logicalId, props, eventTypes);
    functions.set(logicalId, fn);
  }
}

/** SAM APIs (explicit and implicit) and triggers from their OpenAPI definitions. */
export function collectSamApis(ctx: TemplateContext, functions: Map<string, LambdaFunction>): void {
  const r = ctx.resolver;
  const globals = asRecord(ctx.body.Globals);
  for (const [logicalId, resource] of Object.entries(ctx.resources)) {
    const type = resource.Type;
    if (type !== 'AWS::Serverless::Api' && type !== 'AWS::Serverless::HttpApi') continue;
    const http = type === 'AWS::Serverless::HttpApi';
    const props = mergeGlobals(asRecord(globals[http ? 'HttpApi' : 'Api']), asRecord(resource.Properties));
    const api: ApiInfo = { id: functionId(ctx, logicalId), name: r.literal(props.Name) ?? logicalId, kind: http ? 'http' : 'rest', source: locate(ctx, ctx.resources, logicalId, logicalId) };
    const stage = r.literal(props.StageName);
    api.stages = [stage ?? (http ? '$default' : 'Prod')];
    const authorizers = Object.entries(asRecord(asRecord(props.Auth).Authorizers)).map(([name, def]) => {
      const d = asRecord(def);
      if (d.UserPoolArn !== undefined) return { type: 'COGNITO_USER_POOLS', name, ref: r.str(d.UserPoolArn) ?? '' };
      if (d.JwtConfiguration !== undefined) return { type: 'JWT', name, ref: r.str(asRecord(d.JwtConfiguration).issuer) ?? '' };
      if (d.FunctionArn !== undefined) return { type: http ? 'CUSTOM' : r.literal(d.FunctionPayloadType) === 'REQUEST' ? 'REQUEST' : 'TOKEN', name, ref: r.str(d.FunctionArn) ?? '' };
      return { type: 'CUSTOM', name };
    });
    if (authorizers.length > 0) api.authorizers = authorizers;
    // A Lambda authorizer defined here is a function of this template that API Gateway invokes.
    for (const [name, def] of Object.entries(asRecord(asRecord(props.Auth).Authorizers))) {
      const target = referencedLogicalId(asRecord(def).FunctionArn, ctx.resources);
      const fn = target ? functions.get(target) : undefined;
      if (!fn) continue;
      const type = http ? 'REQUEST' : r.literal(asRecord(def).FunctionPayloadType) === 'REQUEST' ? 'REQUEST' : 'TOKEN';
      fn.triggers.push({ id: `${logicalId} authorizer ${name}`, kind: 'unknown', sourceType: API_AUTHORIZER, source: locate(ctx, asRecord(props.Auth).Authorizers, name, logicalId), detail: { api: { symbol: `Ref:${logicalId}` }, name, type } });
    }
    const cors = props.Cors ?? props.CorsConfiguration;
    if (cors !== undefined) api.cors = toPlain(r.resolve(cors));
    ctx.out.apis.push(api);
    collectOpenApiTriggers(ctx, logicalId, props.DefinitionBody, http ? 'api-gateway-http' : 'api-gateway-rest', functions, stage);
  }
  // Implicit APIs SAM creates for events without an explicit API.
  const implicit = (name: string, kind: 'rest' | 'http', triggerKind: Trigger['kind']) => {
    const uses = [...functions.values()].some((f) => f.triggers.some((t) => t.kind === triggerKind && 'api' in t && typeof t.api === 'object' && t.api?.symbol === `Ref:${name}`));
    if (uses) ctx.out.apis.push({ id: functionId(ctx, name), name, kind, stages: [kind === 'rest' ? 'Prod' : '$default'] });
  };
  implicit('ServerlessRestApi', 'rest', 'api-gateway-rest');
  implicit('ServerlessHttpApi', 'http', 'api-gateway-http');
}

/** `paths.<path>.<method>.x-amazon-apigateway-integration.uri` pointing at a function of this template. */
export function collectOpenApiTriggers(
  ctx: TemplateContext,
  apiLogicalId: string,
  body: unknown,
  kind: 'api-gateway-rest' | 'api-gateway-http',
  functions: Map<string, LambdaFunction>,
  stage?: string,
): void {
  if (body === undefined) return;
  if (intrinsicKey(body)) {
    warn(ctx, 'template.external-definition', `the OpenAPI definition of ${apiLogicalId} is not inline (${intrinsicKey(body)}); its integrations are not read`, { obj: ctx.resources, key: apiLogicalId });
    return;
  }
  const paths = asRecord(asRecord(body).paths);
  for (const [p, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(asRecord(ops))) {
      const integration = asRecord(asRecord(op)['x-amazon-apigateway-integration']);
      if (integration.uri === undefined) continue;
      const target = referencedLogicalId(integration.uri, ctx.resources);
      const fn = target ? functions.get(target) : undefined;
      if (!fn) continue;
      const m = method.toLowerCase() === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase();
      const integrationType = ctx.resolver.literal(integration.type)?.toUpperCase();
      const exists = fn.triggers.find((t) => t.kind === kind && t.path === p && t.method === m && typeof t.api === 'object' && t.api?.symbol === `Ref:${apiLogicalId}`);
      if (exists) {
        // The definition says how API Gateway calls the function (an event names only the route).
        if (exists.kind === 'api-gateway-rest' && integrationType) exists.integration = integrationType;
        continue;
      }
      const base = { id: `${apiLogicalId} ${m} ${p}`, source: locate(ctx, ops, method, apiLogicalId) };
      const api = { symbol: `Ref:${apiLogicalId}` };
      if (kind === 'api-gateway-rest') {
        const t: Trigger = { ...base, kind, api, path: p, method: m, integration: integrationType ?? 'AWS_PROXY' };
        if (stage) t.stage = stage;
        fn.triggers.push(t);
      } else {
        const pfv = ctx.resolver.literal(integration.payloadFormatVersion);
        fn.triggers.push({ ...base, kind, api, path: p, method: m, payloadFormatVersion: pfv === '1.0' ? '1.0' : '2.0' });
      }
    }
  }
}

/** AWS::Serverless::LayerVersion and AWS::Lambda::LayerVersion. */
export function collectLayers(ctx: TemplateContext): void {
  const r = ctx.resolver;
  for (const [logicalId, resource] of Object.entries(ctx.resources)) {
    const sam = resource.Type === 'AWS::Serverless::LayerVersion';
    if (!sam && resource.Type !== 'AWS::Lambda::LayerVersion') continue;
    const props = asRecord(resource.Properties);
    const content = r.literal(sam ? props.ContentUri : undefined);
    const layer = {
      id: functionId(ctx, logicalId),
      name: r.literal(props.LayerName) ?? logicalId,
      source: locate(ctx, ctx.resources, logicalId, logicalId),
      ...(content && !content.startsWith('s3://') ? { contentPath: relToRoot(ctx, path.resolve(ctx.dir, content)) } : {}),
    } as import('../../model/inventory.js').Layer;
    const rts = r.list(props.CompatibleRuntimes).filter((x): x is string => typeof x === 'string');
    if (rts.length > 0) layer.compatibleRuntimes = rts;
    const archs = r.list(props.CompatibleArchitectures).filter((x): x is string => typeof x === 'string');
    if (archs.length > 0) layer.compatibleArchitectures = archs;
    ctx.out.layers.push(layer);
  }
}

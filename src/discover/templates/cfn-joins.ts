// Triggers and settings that CloudFormation defines on other resources, joined back to their function by
// logical id (Ref/GetAtt/Sub) or by literal name/ARN: event source mappings, permissions, URLs, aliases,
// subscriptions, rules, schedules, bucket notifications, API integrations, target groups, user pools, IoT rules.

import type { AuthorizerInfo, LambdaFunction, Resolvable, Trigger, TriggerKind } from '../../model/inventory.js';
import { allReferencedLogicalIds, asArray, asRecord, functionId, locate, referencedLogicalId, type TemplateContext } from './context.js';
import { applyAsyncConfig } from './function-properties.js';
import { display, toPlain } from './intrinsics.js';
import { collectOpenApiTriggers } from './sam.js';
import { queueIsFifo, streamTriggerFields, tableStreamViewType } from './trigger-details.js';

type Fns = Map<string, LambdaFunction>;

/** A function API Gateway calls to authorize requests: not a route, but the plan must see it. */
export const API_AUTHORIZER = 'api-gateway-authorizer';

interface JoinContext {
  ctx: TemplateContext;
  fns: Fns;
  /** Literal function name → logical id. */
  byName: Map<string, string>;
}

/** The function a raw FunctionName/Arn/Endpoint value designates, following Aliases and Versions. */
function targetFunction(j: JoinContext, raw: unknown, depth = 0): LambdaFunction | undefined {
  const lookup = (n: string) => j.byName.get(n) ?? (j.fns.has(n) ? n : undefined);
  let id = referencedLogicalId(raw, j.ctx.resources, lookup);
  if (!id) {
    const lit = j.ctx.resolver.literal(raw);
    if (lit) id = referencedLogicalId(lit, j.ctx.resources, lookup);
  }
  if (!id) return undefined;
  if (j.fns.has(id)) return j.fns.get(id);
  const type = j.ctx.resolver.resourceType(id);
  if ((type === 'AWS::Lambda::Alias' || type === 'AWS::Lambda::Version') && depth < 3) {
    return targetFunction(j, j.ctx.resolver.resourceProperties(id).FunctionName, depth + 1);
  }
  return undefined;
}

function base(j: JoinContext, logicalId: string, props: Record<string, unknown>) {
  const t: { id: string; source: ReturnType<typeof locate>; enabled?: boolean } = { id: logicalId, source: locate(j.ctx, j.ctx.resources, logicalId, logicalId) };
  const enabled = j.ctx.resolver.bool(props.Enabled);
  if (enabled === false || j.ctx.resolver.literal(props.State) === 'DISABLED') t.enabled = false;
  return t;
}

const strList = (j: JoinContext, v: unknown) => j.ctx.resolver.list(v).map((x) => (typeof x === 'string' ? x : `{${x.symbol}}`));

function sourceKind(j: JoinContext, raw: unknown): 'sqs' | 'kinesis' | 'dynamodb-stream' | 'msk' | 'mq' | undefined {
  const id = referencedLogicalId(raw, j.ctx.resources);
  const type = id ? j.ctx.resolver.resourceType(id) : undefined;
  const byType: Record<string, 'sqs' | 'kinesis' | 'dynamodb-stream' | 'msk' | 'mq'> = {
    'AWS::SQS::Queue': 'sqs',
    'AWS::Kinesis::Stream': 'kinesis',
    'AWS::DynamoDB::Table': 'dynamodb-stream',
    'AWS::DynamoDB::GlobalTable': 'dynamodb-stream',
    'AWS::MSK::Cluster': 'msk',
    'AWS::MSK::ServerlessCluster': 'msk',
    'AWS::AmazonMQ::Broker': 'mq',
  };
  if (type && byType[type]) return byType[type];
  const text = display(j.ctx.resolver.str(raw) ?? '');
  if (/:sqs:/.test(text)) return 'sqs';
  if (/:kinesis:/.test(text)) return 'kinesis';
  if (/:dynamodb:/.test(text)) return 'dynamodb-stream';
  if (/:kafka:/.test(text)) return 'msk';
  if (/:mq:/.test(text)) return 'mq';
  return undefined;
}

function eventSourceMapping(j: JoinContext, logicalId: string, props: Record<string, unknown>, fn: LambdaFunction): void {
  const r = j.ctx.resolver;
  const b = base(j, logicalId, props);
  const selfManaged = asRecord(asRecord(props.SelfManagedEventSource).Endpoints).KafkaBootstrapServers;
  if (selfManaged !== undefined) {
    const t: Trigger = { ...b, kind: 'kafka', flavor: 'self-managed', bootstrapServers: strList(j, selfManaged), topics: strList(j, props.Topics) };
    const bs = r.num(props.BatchSize);
    if (bs !== undefined) t.batchSize = bs;
    const sp = r.literal(props.StartingPosition);
    if (sp) t.startingPosition = sp;
    const cg = r.literal(asRecord(props.SelfManagedKafkaEventSourceConfig).ConsumerGroupId);
    if (cg) t.consumerGroupId = cg;
    fn.triggers.push(t);
    return;
  }
  const kind = sourceKind(j, props.EventSourceArn);
  const source = r.str(props.EventSourceArn) ?? { symbol: 'unknown-source' };
  switch (kind) {
    case 'sqs': {
      const t: Trigger = { ...b, kind: 'sqs', queue: source };
      const fifo = queueIsFifo(j.ctx, props.EventSourceArn);
      if (fifo !== undefined) t.fifo = fifo;
      const f = streamTriggerFields(j.ctx, props, 'EventSourceArn');
      if (f.batchSize !== undefined) t.batchSize = f.batchSize;
      if (f.maximumBatchingWindowInSeconds !== undefined) t.maximumBatchingWindowInSeconds = f.maximumBatchingWindowInSeconds;
      if (f.reportBatchItemFailures) t.reportBatchItemFailures = true;
      if (f.filterPatterns) t.filterPatterns = f.filterPatterns;
      const mc = r.num(asRecord(props.ScalingConfig).MaximumConcurrency);
      if (mc !== undefined) t.maximumConcurrency = mc;
      fn.triggers.push(t);
      return;
    }
    case 'kinesis':
      fn.triggers.push({ ...b, kind: 'kinesis', ...streamTriggerFields(j.ctx, props, 'EventSourceArn') });
      return;
    case 'dynamodb-stream': {
      const t: Trigger = { ...b, kind: 'dynamodb-stream', ...streamTriggerFields(j.ctx, props, 'EventSourceArn') };
      const view = tableStreamViewType(j.ctx, props.EventSourceArn);
      if (view) t.streamViewType = view;
      fn.triggers.push(t);
      return;
    }
    case 'msk': {
      const t: Trigger = { ...b, kind: 'kafka', flavor: 'msk', cluster: source, topics: strList(j, props.Topics) };
      const bs = r.num(props.BatchSize);
      if (bs !== undefined) t.batchSize = bs;
      const sp = r.literal(props.StartingPosition);
      if (sp) t.startingPosition = sp;
      const cg = r.literal(asRecord(props.AmazonManagedKafkaEventSourceConfig).ConsumerGroupId);
      if (cg) t.consumerGroupId = cg;
      fn.triggers.push(t);
      return;
    }
    case 'mq': {
      const t: Trigger = { ...b, kind: 'mq', broker: source, queues: strList(j, props.Queues) };
      const bs = r.num(props.BatchSize);
      if (bs !== undefined) t.batchSize = bs;
      fn.triggers.push(t);
      return;
    }
    default:
      fn.triggers.push({ ...b, kind: 'unknown', sourceType: 'AWS::Lambda::EventSourceMapping', detail: { eventSourceArn: toPlain(source) } });
  }
}

function inputKind(t: Record<string, unknown>): 'constant' | 'path' | 'transformer' | undefined {
  if (t.Input !== undefined) return 'constant';
  if (t.InputPath !== undefined) return 'path';
  if (t.InputTransformer !== undefined) return 'transformer';
  return undefined;
}

function eventsRule(j: JoinContext, logicalId: string, props: Record<string, unknown>): void {
  const r = j.ctx.resolver;
  asArray(props.Targets).forEach((target, i) => {
    const tg = asRecord(target);
    const fn = targetFunction(j, tg.Arn);
    if (!fn) return;
    const b = { ...base(j, logicalId, props), id: asArray(props.Targets).length > 1 ? `${logicalId}#${r.literal(tg.Id) ?? i}` : logicalId };
    const input = inputKind(tg);
    const expression = r.literal(props.ScheduleExpression);
    if (expression) {
      const t: Trigger = { ...b, kind: 'schedule', expression, via: 'events' };
      if (input) t.input = input;
      fn.triggers.push(t);
      return;
    }
    const t: Trigger = { ...b, kind: 'eventbridge-rule', pattern: toPlain(r.resolve(props.EventPattern)) ?? null, ruleName: r.str(props.Name) ?? { symbol: `Ref:${logicalId}` } };
    const bus = r.str(props.EventBusName);
    if (bus !== undefined) t.eventBus = bus;
    if (input) t.input = input;
    const retry = asRecord(tg.RetryPolicy);
    if (Object.keys(retry).length > 0) {
      t.retryPolicy = {};
      const a = r.num(retry.MaximumRetryAttempts);
      const e = r.num(retry.MaximumEventAgeInSeconds);
      if (a !== undefined) t.retryPolicy.maximumRetryAttempts = a;
      if (e !== undefined) t.retryPolicy.maximumEventAgeInSeconds = e;
    }
    const dl = r.str(asRecord(tg.DeadLetterConfig).Arn);
    if (dl !== undefined) t.deadLetter = dl;
    fn.triggers.push(t);
  });
}

/** Path of an AWS::ApiGateway::Resource chain (`/orders/{id}`), or `/` for the API root. */
function restPath(j: JoinContext, raw: unknown, depth = 0): string {
  const id = referencedLogicalId(raw, j.ctx.resources);
  if (!id || depth > 20 || j.ctx.resolver.resourceType(id) !== 'AWS::ApiGateway::Resource') return '/';
  const props = j.ctx.resolver.resourceProperties(id);
  const parent = restPath(j, props.ParentId, depth + 1);
  const part = j.ctx.resolver.literal(props.PathPart) ?? `{${id}}`;
  return parent === '/' ? `/${part}` : `${parent}/${part}`;
}

function restAuthorizer(j: JoinContext, props: Record<string, unknown>): AuthorizerInfo | undefined {
  const r = j.ctx.resolver;
  const type = r.literal(props.AuthorizationType);
  if (!type || type === 'NONE') return undefined;
  const authId = referencedLogicalId(props.AuthorizerId, j.ctx.resources);
  if (authId) {
    const a = r.resourceProperties(authId);
    const info: AuthorizerInfo = { type: r.literal(a.Type) ?? type, name: r.literal(a.Name) ?? authId };
    const ref = r.str(a.AuthorizerUri) ?? r.list(a.ProviderARNs)[0];
    if (ref !== undefined) info.ref = ref;
    return info;
  }
  return { type };
}

function apiGatewayMethod(j: JoinContext, logicalId: string, props: Record<string, unknown>): void {
  const r = j.ctx.resolver;
  const integration = asRecord(props.Integration);
  const fn = [...allReferencedLogicalIds(integration.Uri, j.ctx.resources)].map((id) => j.fns.get(id)).find(Boolean);
  if (!fn) return;
  const t: Trigger = {
    ...base(j, logicalId, props),
    kind: 'api-gateway-rest',
    api: r.str(props.RestApiId) ?? { symbol: 'unknown-api' },
    path: restPath(j, props.ResourceId),
    method: (r.literal(props.HttpMethod) ?? 'ANY').toUpperCase(),
    integration: r.literal(integration.Type) ?? 'AWS_PROXY',
  };
  const auth = restAuthorizer(j, props);
  if (auth) t.authorizer = auth;
  if (r.bool(props.ApiKeyRequired)) t.apiKeyRequired = true;
  const timeout = r.num(integration.TimeoutInMillis);
  if (timeout !== undefined) t.timeoutInMillis = timeout;
  fn.triggers.push(t);
}

function v2Routes(j: JoinContext, integrationId: string): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  for (const [id, res] of Object.entries(j.ctx.resources)) {
    if (res.Type !== 'AWS::ApiGatewayV2::Route') continue;
    const props = asRecord(res.Properties);
    if (allReferencedLogicalIds(props.Target, j.ctx.resources).has(integrationId)) out.push([id, props]);
  }
  return out;
}

function apiGatewayV2Integration(j: JoinContext, logicalId: string, props: Record<string, unknown>): void {
  const r = j.ctx.resolver;
  const fn = [...allReferencedLogicalIds(props.IntegrationUri, j.ctx.resources)].map((id) => j.fns.get(id)).find(Boolean);
  if (!fn) return;
  const apiId = referencedLogicalId(props.ApiId, j.ctx.resources);
  const websocket = apiId ? r.literal(r.resourceProperties(apiId).ProtocolType) === 'WEBSOCKET' : false;
  const api = r.str(props.ApiId) ?? { symbol: 'unknown-api' };
  for (const [routeId, route] of v2Routes(j, logicalId)) {
    const key = r.literal(route.RouteKey) ?? '$default';
    const b = base(j, routeId, route);
    if (websocket) {
      fn.triggers.push({ ...b, kind: 'websocket', api, route: key });
      continue;
    }
    const [method, ...rest] = key.split(' ');
    const t: Trigger = {
      ...b,
      kind: 'api-gateway-http',
      api,
      path: rest.length > 0 ? rest.join(' ') : key,
      method: rest.length > 0 ? method!.toUpperCase() : 'ANY',
      payloadFormatVersion: r.literal(props.PayloadFormatVersion) === '1.0' ? '1.0' : '2.0',
    };
    const authType = r.literal(route.AuthorizationType);
    if (authType && authType !== 'NONE') {
      const authId = referencedLogicalId(route.AuthorizerId, j.ctx.resources);
      const info: AuthorizerInfo = { type: authType };
      if (authId) {
        info.name = r.literal(r.resourceProperties(authId).Name) ?? authId;
        const issuer = r.str(asRecord(r.resourceProperties(authId).JwtConfiguration).Issuer);
        if (issuer !== undefined) info.ref = issuer;
      }
      t.authorizer = info;
    }
    const timeout = r.num(props.TimeoutInMillis);
    if (timeout !== undefined) t.timeoutInMillis = timeout;
    fn.triggers.push(t);
  }
}

function targetGroup(j: JoinContext, logicalId: string, props: Record<string, unknown>): void {
  const r = j.ctx.resolver;
  if (r.literal(props.TargetType) !== 'lambda') return;
  const multi = asArray(props.TargetGroupAttributes).some((a) => r.literal(asRecord(a).Key) === 'lambda.multi_value_headers.enabled' && r.literal(asRecord(a).Value) === 'true');
  const conditions: { path?: string[]; host?: string[]; method?: string[] } = {};
  for (const res of Object.values(j.ctx.resources)) {
    if (res.Type !== 'AWS::ElasticLoadBalancingV2::ListenerRule') continue;
    const rp = asRecord(res.Properties);
    const forwards = asArray(rp.Actions).some((a) => allReferencedLogicalIds(asRecord(a).TargetGroupArn ?? asRecord(a).ForwardConfig, j.ctx.resources).has(logicalId));
    if (!forwards) continue;
    for (const c of asArray(rp.Conditions)) {
      const cr = asRecord(c);
      const field = r.literal(cr.Field);
      const values = (cfg: string) => strList(j, cr.Values ?? asRecord(cr[cfg]).Values);
      if (field === 'path-pattern') conditions.path = [...(conditions.path ?? []), ...values('PathPatternConfig')];
      if (field === 'host-header') conditions.host = [...(conditions.host ?? []), ...values('HostHeaderConfig')];
      if (field === 'http-request-method') conditions.method = [...(conditions.method ?? []), ...values('HttpRequestMethodConfig')];
    }
  }
  for (const target of asArray(props.Targets)) {
    const fn = targetFunction(j, asRecord(target).Id);
    if (!fn) continue;
    const t: Trigger = { ...base(j, logicalId, props), kind: 'alb', targetGroup: { symbol: `Ref:${logicalId}` } };
    if (Object.keys(conditions).length > 0) t.conditions = conditions;
    if (multi) t.multiValueHeaders = true;
    fn.triggers.push(t);
  }
}

/** Kinds a Permission principal stands for (aws-source §1c). */
const PRINCIPAL_KINDS: Record<string, TriggerKind> = {
  'apigateway.amazonaws.com': 'api-gateway-rest',
  's3.amazonaws.com': 's3',
  'sns.amazonaws.com': 'sns',
  'events.amazonaws.com': 'eventbridge-rule',
  'logs.amazonaws.com': 'cloudwatch-logs',
  'elasticloadbalancing.amazonaws.com': 'alb',
  'iot.amazonaws.com': 'iot',
  'cognito-idp.amazonaws.com': 'cognito',
};

/** A Permission whose source no other resource describes still reveals a push trigger. */
function permission(j: JoinContext, logicalId: string, props: Record<string, unknown>, fn: LambdaFunction): void {
  const r = j.ctx.resolver;
  const action = r.literal(props.Action) ?? 'lambda:InvokeFunction';
  if (action === 'lambda:InvokeFunctionUrl') return; // the AWS::Lambda::Url resource is the trigger
  const principal = r.literal(props.Principal) ?? display(r.str(props.Principal) ?? '');
  const kind = PRINCIPAL_KINDS[principal];
  const sourceArn = r.str(props.SourceArn);
  const sourceId = referencedLogicalId(props.SourceArn, j.ctx.resources) ?? [...allReferencedLogicalIds(props.SourceArn, j.ctx.resources)][0];
  const b = base(j, logicalId, props);
  const arnText = sourceArn === undefined ? '' : display(sourceArn);
  const covered = (k: TriggerKind) =>
    fn.triggers.some(
      (t) =>
        t.kind === k ||
        (k === 'api-gateway-rest' && (t.kind === 'api-gateway-http' || t.kind === 'websocket' || (t.kind === 'unknown' && t.sourceType === API_AUTHORIZER))) ||
        (k === 'eventbridge-rule' && t.kind === 'schedule'),
    );
  if (kind === 'api-gateway-rest' && arnText.includes('/authorizers/')) {
    if (!covered(kind)) fn.triggers.push({ ...b, kind: 'unknown', sourceType: API_AUTHORIZER, detail: { sourceArn: toPlain(sourceArn) } });
    return;
  }
  if (!kind) {
    fn.triggers.push({ ...b, kind: 'unknown', sourceType: principal || 'unknown', detail: sourceArn === undefined ? {} : { sourceArn: toPlain(sourceArn) } });
    return;
  }
  if (covered(kind)) return;
  const src: Resolvable = sourceArn ?? { symbol: 'unknown-source' };
  switch (kind) {
    case 'api-gateway-rest': {
      // arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}
      const m = /execute-api:[^/]*\/([^/]*)\/([^/]*)(\/.*)?$/.exec(arnText);
      const apiType = sourceId ? r.resourceType(sourceId) : undefined;
      const api: Resolvable = sourceId ? { symbol: `Ref:${sourceId}` } : src;
      const method = m?.[2] && m[2] !== '*' ? m[2].toUpperCase() : 'ANY';
      const p = m?.[3] ?? '/*';
      if (apiType === 'AWS::ApiGatewayV2::Api') fn.triggers.push({ ...b, kind: 'api-gateway-http', api, path: p, method });
      else fn.triggers.push({ ...b, kind: 'api-gateway-rest', api, path: p, method });
      return;
    }
    case 's3':
      fn.triggers.push({ ...b, kind: 's3', bucket: sourceId ? { symbol: `Ref:${sourceId}` } : src, events: [] });
      return;
    case 'sns':
      fn.triggers.push({ ...b, kind: 'sns', topic: src });
      return;
    case 'eventbridge-rule':
      fn.triggers.push({ ...b, kind: 'eventbridge-rule', pattern: null, ruleName: src });
      return;
    case 'cloudwatch-logs': {
      const g = /:log-group:([^:]+)/.exec(arnText)?.[1];
      fn.triggers.push({ ...b, kind: 'cloudwatch-logs', logGroup: g && !g.includes('{') ? g : src });
      return;
    }
    case 'alb':
      fn.triggers.push({ ...b, kind: 'alb', targetGroup: src });
      return;
    case 'iot':
      fn.triggers.push({ ...b, kind: 'iot', rule: src });
      return;
    case 'cognito':
      fn.triggers.push({ ...b, kind: 'cognito', userPool: src, triggers: [] });
      return;
    default:
      return;
  }
}

export function joinCfnResources(ctx: TemplateContext, fns: Fns): void {
  const r = ctx.resolver;
  const byName = new Map<string, string>();
  for (const [id, fn] of fns) byName.set(fn.name, id);
  const j: JoinContext = { ctx, fns, byName };
  const permissions: [string, Record<string, unknown>, LambdaFunction][] = [];
  for (const [logicalId, resource] of Object.entries(ctx.resources)) {
    const props = asRecord(resource.Properties);
    switch (resource.Type) {
      case 'AWS::Lambda::EventSourceMapping': {
        const fn = targetFunction(j, props.FunctionName);
        if (fn) eventSourceMapping(j, logicalId, props, fn);
        break;
      }
      case 'AWS::Lambda::Permission': {
        const fn = targetFunction(j, props.FunctionName);
        if (fn) permissions.push([logicalId, props, fn]);
        break;
      }
      case 'AWS::Lambda::Url': {
        const fn = targetFunction(j, props.TargetFunctionArn);
        if (!fn) break;
        const authType = r.literal(props.AuthType) === 'NONE' ? 'NONE' : 'AWS_IAM';
        const invokeMode = r.literal(props.InvokeMode) === 'RESPONSE_STREAM' ? 'RESPONSE_STREAMING' : 'BUFFERED';
        fn.functionUrl = { authType, invokeMode };
        const t: Trigger = { ...base(j, logicalId, props), kind: 'function-url', authType, invokeMode };
        if (props.Cors !== undefined) {
          const cors = asRecord(toPlain(r.resolve(props.Cors)));
          fn.functionUrl.cors = cors;
          t.cors = cors;
        }
        fn.triggers.push(t);
        break;
      }
      case 'AWS::Lambda::EventInvokeConfig': {
        const fn = targetFunction(j, props.FunctionName);
        if (fn) applyAsyncConfig(ctx, fn, props);
        break;
      }
      case 'AWS::Lambda::Alias': {
        const fn = targetFunction(j, props.FunctionName);
        if (!fn) break;
        const alias: LambdaFunction['aliases'][number] = { name: r.literal(props.Name) ?? logicalId };
        const version = r.str(props.FunctionVersion);
        if (version !== undefined) alias.functionVersion = display(version);
        const weights = asArray(asRecord(props.RoutingConfig).AdditionalVersionWeights);
        if (weights.length > 0) {
          alias.additionalVersionWeights = {};
          for (const w of weights) {
            const v = display(r.str(asRecord(w).FunctionVersion) ?? '?');
            alias.additionalVersionWeights[v] = r.num(asRecord(w).FunctionWeight) ?? 0;
          }
        }
        fn.aliases.push(alias);
        const pc = r.num(asRecord(props.ProvisionedConcurrencyConfig).ProvisionedConcurrentExecutions);
        if (pc !== undefined) fn.provisionedConcurrency = pc;
        break;
      }
      case 'AWS::Lambda::Version': {
        const fn = targetFunction(j, props.FunctionName);
        if (fn) fn.versions = [...(fn.versions ?? []), logicalId];
        const pc = r.num(asRecord(props.ProvisionedConcurrencyConfig).ProvisionedConcurrentExecutions);
        if (fn && pc !== undefined) fn.provisionedConcurrency = pc;
        break;
      }
      case 'AWS::Logs::LogGroup': {
        // `/aws/lambda/<function>` log groups carry the retention the function's logs really have.
        const lit = r.literal(props.LogGroupName);
        const byRef = referencedLogicalId(props.LogGroupName, ctx.resources);
        const fn = byRef ? fns.get(byRef) : lit?.startsWith('/aws/lambda/') ? targetFunction(j, lit.slice('/aws/lambda/'.length)) : undefined;
        if (!fn) break;
        const days = r.num(props.RetentionInDays);
        fn.logging = { ...(fn.logging ?? {}), logGroup: fn.logging?.logGroup ?? display(r.str(props.LogGroupName) ?? ''), retentionKnown: true, ...(days !== undefined ? { retentionInDays: days } : {}) };
        break;
      }
      case 'AWS::Logs::SubscriptionFilter': {
        const fn = targetFunction(j, props.DestinationArn);
        if (!fn) break;
        const t: Trigger = { ...base(j, logicalId, props), kind: 'cloudwatch-logs', logGroup: r.str(props.LogGroupName) ?? { symbol: 'unknown-log-group' } };
        const fp = r.literal(props.FilterPattern);
        if (fp !== undefined) t.filterPattern = fp;
        fn.triggers.push(t);
        break;
      }
      case 'AWS::Events::Rule':
        eventsRule(j, logicalId, props);
        break;
      case 'AWS::Scheduler::Schedule': {
        const target = asRecord(props.Target);
        const fn = targetFunction(j, target.Arn);
        if (!fn) break;
        const t: Trigger = { ...base(j, logicalId, props), kind: 'schedule', expression: r.literal(props.ScheduleExpression) ?? '', via: 'scheduler' };
        const tz = r.literal(props.ScheduleExpressionTimezone);
        if (tz) t.timezone = tz;
        const ftw = asRecord(props.FlexibleTimeWindow);
        const minutes = r.num(ftw.MaximumWindowInMinutes);
        if (r.literal(ftw.Mode) === 'FLEXIBLE' && minutes !== undefined) t.flexibleTimeWindowMinutes = minutes;
        const group = r.literal(props.GroupName);
        if (group) t.group = group;
        if (target.Input !== undefined) t.input = 'constant';
        fn.triggers.push(t);
        break;
      }
      case 'AWS::SNS::Subscription': {
        if (r.literal(props.Protocol) !== 'lambda') break;
        const fn = targetFunction(j, props.Endpoint);
        if (!fn) break;
        const t: Trigger = { ...base(j, logicalId, props), kind: 'sns', topic: r.str(props.TopicArn) ?? { symbol: 'unknown-topic' } };
        if (props.FilterPolicy !== undefined) t.filterPolicy = toPlain(r.resolve(props.FilterPolicy));
        const scope = r.literal(props.FilterPolicyScope);
        if (scope === 'MessageAttributes' || scope === 'MessageBody') t.filterPolicyScope = scope;
        if (props.RedrivePolicy !== undefined) t.redrivePolicy = toPlain(r.resolve(props.RedrivePolicy));
        fn.triggers.push(t);
        break;
      }
      case 'AWS::SNS::Topic':
        asArray(props.Subscription).forEach((s, i) => {
          const sub = asRecord(s);
          if (r.literal(sub.Protocol) !== 'lambda') return;
          const fn = targetFunction(j, sub.Endpoint);
          if (fn) fn.triggers.push({ ...base(j, logicalId, props), id: `${logicalId}#${i}`, kind: 'sns', topic: { symbol: `Ref:${logicalId}` } });
        });
        break;
      case 'AWS::S3::Bucket': {
        const bucket: Resolvable = r.literal(props.BucketName) ?? { symbol: `Ref:${logicalId}` };
        asArray(asRecord(props.NotificationConfiguration).LambdaConfigurations).forEach((c, i) => {
          const cfg = asRecord(c);
          const fn = targetFunction(j, cfg.Function);
          if (!fn) return;
          const t: Trigger = { ...base(j, logicalId, props), id: `${logicalId}#${i}`, kind: 's3', bucket, events: strList(j, cfg.Event) };
          for (const rule of asArray(asRecord(asRecord(cfg.Filter).S3Key).Rules)) {
            const name = r.literal(asRecord(rule).Name)?.toLowerCase();
            const value = r.literal(asRecord(rule).Value);
            if (name === 'prefix' && value !== undefined) t.prefix = value;
            if (name === 'suffix' && value !== undefined) t.suffix = value;
          }
          fn.triggers.push(t);
        });
        break;
      }
      case 'AWS::ApiGateway::Authorizer':
      case 'AWS::ApiGatewayV2::Authorizer': {
        const fn = [...allReferencedLogicalIds(props.AuthorizerUri, ctx.resources)].map((id) => fns.get(id)).find(Boolean);
        if (!fn) break;
        const api = r.str(props.RestApiId ?? props.ApiId) ?? { symbol: 'unknown-api' };
        const type = r.literal(props.Type ?? props.AuthorizerType) ?? 'REQUEST';
        fn.triggers.push({ ...base(j, logicalId, props), kind: 'unknown', sourceType: API_AUTHORIZER, detail: { api: toPlain(api), name: r.literal(props.Name) ?? logicalId, type } });
        break;
      }
      case 'AWS::ApiGateway::Method':
        apiGatewayMethod(j, logicalId, props);
        break;
      case 'AWS::ApiGatewayV2::Integration':
        apiGatewayV2Integration(j, logicalId, props);
        break;
      case 'AWS::ElasticLoadBalancingV2::TargetGroup':
        targetGroup(j, logicalId, props);
        break;
      case 'AWS::Cognito::UserPool': {
        const byFn = new Map<LambdaFunction, string[]>();
        for (const [triggerName, v] of Object.entries(asRecord(props.LambdaConfig))) {
          const fn = targetFunction(j, triggerName === 'CustomSMSSender' || triggerName === 'CustomEmailSender' ? asRecord(v).LambdaArn : v);
          if (fn) byFn.set(fn, [...(byFn.get(fn) ?? []), triggerName]);
        }
        for (const [fn, names] of byFn) fn.triggers.push({ ...base(j, logicalId, props), kind: 'cognito', userPool: { symbol: `Ref:${logicalId}` }, triggers: names.sort() });
        break;
      }
      case 'AWS::IoT::TopicRule': {
        const payload = asRecord(props.TopicRulePayload);
        for (const action of asArray(payload.Actions)) {
          const fn = targetFunction(j, asRecord(asRecord(action).Lambda).FunctionArn);
          if (!fn) continue;
          const t: Trigger = { ...base(j, logicalId, props), kind: 'iot', rule: { symbol: `Ref:${logicalId}` } };
          const sql = r.literal(payload.Sql);
          if (sql !== undefined) t.sql = sql;
          if (r.bool(payload.RuleDisabled) === true) t.enabled = false;
          fn.triggers.push(t);
        }
        break;
      }
      case 'AWS::ApiGateway::RestApi':
        ctx.out.apis.push({ id: functionId(ctx, logicalId), name: r.literal(props.Name) ?? logicalId, kind: 'rest', source: locate(ctx, ctx.resources, logicalId, logicalId) });
        collectOpenApiTriggers(ctx, logicalId, props.Body, 'api-gateway-rest', fns);
        break;
      case 'AWS::ApiGatewayV2::Api': {
        const websocket = r.literal(props.ProtocolType) === 'WEBSOCKET';
        ctx.out.apis.push({ id: functionId(ctx, logicalId), name: r.literal(props.Name) ?? logicalId, kind: websocket ? 'websocket' : 'http', source: locate(ctx, ctx.resources, logicalId, logicalId) });
        if (!websocket) collectOpenApiTriggers(ctx, logicalId, props.Body, 'api-gateway-http', fns);
        const quick = targetFunction(j, props.Target);
        if (quick && !websocket) quick.triggers.push({ ...base(j, logicalId, props), kind: 'api-gateway-http', api: { symbol: `Ref:${logicalId}` }, path: '$default', method: 'ANY', payloadFormatVersion: '2.0' });
        break;
      }
      default:
        break;
    }
  }
  for (const [logicalId, props, fn] of permissions) permission(j, logicalId, props, fn);
  // Stage names of REST APIs, for triggers that know their API.
  for (const [logicalId, resource] of Object.entries(ctx.resources)) {
    if (resource.Type !== 'AWS::ApiGateway::Stage' && resource.Type !== 'AWS::ApiGatewayV2::Stage') continue;
    const props = asRecord(resource.Properties);
    const apiId = referencedLogicalId(props.RestApiId ?? props.ApiId, ctx.resources);
    const api = ctx.out.apis.find((a) => a.id === functionId(ctx, apiId ?? ''));
    const name = r.literal(props.StageName) ?? logicalId;
    if (api) api.stages = [...(api.stages ?? []), name].sort();
    for (const fn of fns.values()) {
      for (const t of fn.triggers) if (t.kind === 'api-gateway-rest' && typeof t.api === 'object' && t.api.symbol === `Ref:${apiId}` && !t.stage) t.stage = name;
    }
  }
}

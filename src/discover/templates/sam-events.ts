// SAM `Events` of a function → inventory triggers, one mapper per event Type.
// Adding an event type means adding one entry to EVENT_MAPPERS.

import type { AuthorizerInfo, Resolvable, Trigger } from '../../model/inventory.js';
import { asArray, asRecord, locate, type TemplateContext, warn } from './context.js';
import { toPlain } from './intrinsics.js';
import { eventFilterPatterns, queueIsFifo, streamTriggerFields, tableStreamViewType } from './trigger-details.js';

export interface SamEventInput {
  ctx: TemplateContext;
  fnLogicalId: string;
  eventName: string;
  props: Record<string, unknown>;
  /** The event's own mapping (for positions). */
  event: Record<string, unknown>;
  /** The function's Events mapping (for the event key position). */
  events: Record<string, unknown>;
}

type Mapper = (e: SamEventInput) => Trigger | undefined;

const str = (e: SamEventInput, v: unknown) => e.ctx.resolver.str(v);
const num = (e: SamEventInput, v: unknown) => e.ctx.resolver.num(v);
const bool = (e: SamEventInput, v: unknown) => e.ctx.resolver.bool(v);
const lit = (e: SamEventInput, v: unknown) => e.ctx.resolver.literal(v);

function base(e: SamEventInput) {
  const t: { id: string; source: ReturnType<typeof locate>; enabled?: boolean } = {
    id: e.eventName,
    source: locate(e.ctx, e.events, e.eventName, e.fnLogicalId),
  };
  const enabled = bool(e, e.props.Enabled);
  const state = lit(e, e.props.State);
  if (enabled === false || state === 'DISABLED') t.enabled = false;
  return t;
}

/** The authorizer of an Api/HttpApi event: the event's Auth, else the API resource's default (or Globals). */
function samAuthorizer(e: SamEventInput, apiLogicalId: string | undefined, http: boolean): { auth?: AuthorizerInfo; apiKeyRequired?: boolean } {
  const eventAuth = asRecord(e.props.Auth);
  const apiProps = apiLogicalId ? e.ctx.resolver.resourceProperties(apiLogicalId) : {};
  const globalsApi = asRecord(asRecord(e.ctx.body.Globals)[http ? 'HttpApi' : 'Api']);
  const apiAuth = { ...asRecord(globalsApi.Auth), ...asRecord(apiProps.Auth) };
  const name = lit(e, eventAuth.Authorizer) ?? lit(e, apiAuth.DefaultAuthorizer);
  const apiKeyRequired = bool(e, eventAuth.ApiKeyRequired) ?? bool(e, apiAuth.ApiKeyRequired);
  const out: { auth?: AuthorizerInfo; apiKeyRequired?: boolean } = {};
  if (apiKeyRequired) out.apiKeyRequired = true;
  if (!name || name === 'NONE') return out;
  if (name === 'AWS_IAM') return { ...out, auth: { type: 'AWS_IAM' } };
  const def = asRecord(asRecord(apiAuth.Authorizers)[name]);
  if (def.UserPoolArn !== undefined) return { ...out, auth: { type: 'COGNITO_USER_POOLS', name, ref: str(e, def.UserPoolArn) } };
  if (def.JwtConfiguration !== undefined) {
    const issuer = str(e, asRecord(def.JwtConfiguration).issuer);
    return { ...out, auth: { type: 'JWT', name, ...(issuer !== undefined ? { ref: issuer } : {}) } };
  }
  if (def.FunctionArn !== undefined) {
    const payload = lit(e, def.FunctionPayloadType);
    return { ...out, auth: { type: http ? 'CUSTOM' : payload === 'REQUEST' ? 'REQUEST' : 'TOKEN', name, ref: str(e, def.FunctionArn) } };
  }
  return { ...out, auth: { type: 'CUSTOM', name } };
}

function apiRef(e: SamEventInput, key: string, implicit: string): { api: Resolvable; logicalId?: string } {
  const raw = e.props[key];
  if (raw === undefined) return { api: { symbol: `Ref:${implicit}` }, logicalId: undefined };
  const id = typeof asRecord(raw).Ref === 'string' ? (asRecord(raw).Ref as string) : undefined;
  return { api: str(e, raw) ?? { symbol: `Ref:${implicit}` }, logicalId: id && id in e.ctx.resources ? id : undefined };
}

const normalizeMethod = (m: string | undefined) => (m === undefined ? 'ANY' : m.toLowerCase() === 'any' ? 'ANY' : m.toUpperCase());

const api: Mapper = (e) => {
  const { api: apiId, logicalId } = apiRef(e, 'RestApiId', 'ServerlessRestApi');
  const { auth, apiKeyRequired } = samAuthorizer(e, logicalId, false);
  const stage = logicalId ? lit(e, e.ctx.resolver.resourceProperties(logicalId).StageName) : 'Prod';
  const t: Trigger = { ...base(e), kind: 'api-gateway-rest', api: apiId, path: lit(e, e.props.Path) ?? '/', method: normalizeMethod(lit(e, e.props.Method)), integration: 'AWS_PROXY' };
  if (stage) t.stage = stage;
  if (auth) t.authorizer = auth;
  if (apiKeyRequired) t.apiKeyRequired = true;
  const timeout = num(e, e.props.TimeoutInMillis);
  if (timeout !== undefined) t.timeoutInMillis = timeout;
  return t;
};

const httpApi: Mapper = (e) => {
  const { api: apiId, logicalId } = apiRef(e, 'ApiId', 'ServerlessHttpApi');
  const { auth } = samAuthorizer(e, logicalId, true);
  const path = lit(e, e.props.Path);
  const method = lit(e, e.props.Method);
  const t: Trigger = {
    ...base(e),
    kind: 'api-gateway-http',
    api: apiId,
    path: path ?? '$default',
    method: path === undefined && method === undefined ? 'ANY' : normalizeMethod(method),
    payloadFormatVersion: lit(e, e.props.PayloadFormatVersion) === '1.0' ? '1.0' : '2.0',
  };
  if (auth) t.authorizer = auth;
  const timeout = num(e, e.props.TimeoutInMillis);
  if (timeout !== undefined) t.timeoutInMillis = timeout;
  return t;
};

const sqs: Mapper = (e) => {
  const queue = str(e, e.props.Queue) ?? { symbol: 'unknown-queue' };
  const t: Trigger = { ...base(e), kind: 'sqs', queue };
  const fifo = queueIsFifo(e.ctx, e.props.Queue);
  if (fifo !== undefined) t.fifo = fifo;
  const bs = num(e, e.props.BatchSize);
  if (bs !== undefined) t.batchSize = bs;
  const win = num(e, e.props.MaximumBatchingWindowInSeconds);
  if (win !== undefined) t.maximumBatchingWindowInSeconds = win;
  if (asArray(e.ctx.resolver.resolve(e.props.FunctionResponseTypes)).includes('ReportBatchItemFailures')) t.reportBatchItemFailures = true;
  const fp = eventFilterPatterns(e.ctx, e.props.FilterCriteria);
  if (fp) t.filterPatterns = fp;
  const mc = num(e, asRecord(e.props.ScalingConfig).MaximumConcurrency);
  if (mc !== undefined) t.maximumConcurrency = mc;
  return t;
};

const sns: Mapper = (e) => {
  const t: Trigger = { ...base(e), kind: 'sns', topic: str(e, e.props.Topic) ?? { symbol: 'unknown-topic' } };
  if (e.props.FilterPolicy !== undefined) t.filterPolicy = toPlain(e.ctx.resolver.resolve(e.props.FilterPolicy));
  const scope = lit(e, e.props.FilterPolicyScope);
  if (scope === 'MessageAttributes' || scope === 'MessageBody') t.filterPolicyScope = scope;
  if (e.props.RedrivePolicy !== undefined) t.redrivePolicy = toPlain(e.ctx.resolver.resolve(e.props.RedrivePolicy));
  return t;
};

const s3: Mapper = (e) => {
  const t: Trigger = { ...base(e), kind: 's3', bucket: str(e, e.props.Bucket) ?? { symbol: 'unknown-bucket' }, events: e.ctx.resolver.list(e.props.Events).map((x) => (typeof x === 'string' ? x : `{${x.symbol}}`)) };
  for (const rule of asArray(asRecord(asRecord(e.props.Filter).S3Key).Rules)) {
    const r = asRecord(rule);
    const name = lit(e, r.Name)?.toLowerCase();
    const value = lit(e, r.Value);
    if (name === 'prefix' && value !== undefined) t.prefix = value;
    if (name === 'suffix' && value !== undefined) t.suffix = value;
  }
  return t;
};

function inputKind(props: Record<string, unknown>): 'constant' | 'path' | 'transformer' | undefined {
  if (props.Input !== undefined) return 'constant';
  if (props.InputPath !== undefined) return 'path';
  if (props.InputTransformer !== undefined) return 'transformer';
  return undefined;
}

const schedule: Mapper = (e) => {
  const t: Trigger = { ...base(e), kind: 'schedule', expression: lit(e, e.props.Schedule) ?? '', via: 'events' };
  const input = inputKind(e.props);
  if (input) t.input = input;
  return t;
};

const scheduleV2: Mapper = (e) => {
  const t: Trigger = { ...base(e), kind: 'schedule', expression: lit(e, e.props.ScheduleExpression) ?? '', via: 'scheduler' };
  const tz = lit(e, e.props.ScheduleExpressionTimezone);
  if (tz) t.timezone = tz;
  const ftw = asRecord(e.props.FlexibleTimeWindow);
  const minutes = num(e, ftw.MaximumWindowInMinutes);
  if (lit(e, ftw.Mode) === 'FLEXIBLE' && minutes !== undefined) t.flexibleTimeWindowMinutes = minutes;
  const group = lit(e, e.props.GroupName);
  if (group) t.group = group;
  const input = inputKind(e.props);
  if (input) t.input = input;
  return t;
};

const eventBridgeRule: Mapper = (e) => {
  const t: Trigger = { ...base(e), kind: 'eventbridge-rule', pattern: toPlain(e.ctx.resolver.resolve(e.props.Pattern)) ?? null };
  const bus = str(e, e.props.EventBusName);
  if (bus !== undefined) t.eventBus = bus;
  const rule = str(e, e.props.RuleName);
  if (rule !== undefined) t.ruleName = rule;
  const input = inputKind(e.props);
  if (input) t.input = input;
  const retry = asRecord(e.props.RetryPolicy);
  if (Object.keys(retry).length > 0) {
    t.retryPolicy = {};
    const a = num(e, retry.MaximumRetryAttempts);
    const b = num(e, retry.MaximumEventAgeInSeconds);
    if (a !== undefined) t.retryPolicy.maximumRetryAttempts = a;
    if (b !== undefined) t.retryPolicy.maximumEventAgeInSeconds = b;
  }
  const dlc = asRecord(e.props.DeadLetterConfig);
  const dl = str(e, dlc.Arn) ?? (dlc.Type !== undefined ? { symbol: `implicit-dlq:${e.fnLogicalId}${e.eventName}` } : undefined);
  if (dl !== undefined) t.deadLetter = dl;
  return t;
};

const dynamodb: Mapper = (e) => {
  const t: Trigger = { ...base(e), kind: 'dynamodb-stream', ...streamTriggerFields(e.ctx, e.props, 'Stream') };
  const view = tableStreamViewType(e.ctx, e.props.Stream);
  if (view) t.streamViewType = view;
  return t;
};

const kinesis: Mapper = (e) => ({ ...base(e), kind: 'kinesis', ...streamTriggerFields(e.ctx, e.props, 'Stream') });

const msk: Mapper = (e) => {
  const t: Trigger = { ...base(e), kind: 'kafka', flavor: 'msk', topics: e.ctx.resolver.list(e.props.Topics).map((x) => (typeof x === 'string' ? x : `{${x.symbol}}`)) };
  const cluster = str(e, e.props.Stream);
  if (cluster !== undefined) t.cluster = cluster;
  const sp = lit(e, e.props.StartingPosition);
  if (sp) t.startingPosition = sp;
  const bs = num(e, e.props.BatchSize);
  if (bs !== undefined) t.batchSize = bs;
  const cg = lit(e, e.props.ConsumerGroupId) ?? lit(e, asRecord(e.props.AmazonManagedKafkaEventSourceConfig).ConsumerGroupId);
  if (cg) t.consumerGroupId = cg;
  return t;
};

const selfManagedKafka: Mapper = (e) => {
  const t: Trigger = {
    ...base(e),
    kind: 'kafka',
    flavor: 'self-managed',
    topics: e.ctx.resolver.list(e.props.Topics).map((x) => (typeof x === 'string' ? x : `{${x.symbol}}`)),
    bootstrapServers: e.ctx.resolver.list(e.props.KafkaBootstrapServers).map((x) => (typeof x === 'string' ? x : `{${x.symbol}}`)),
  };
  const sp = lit(e, e.props.StartingPosition);
  if (sp) t.startingPosition = sp;
  const bs = num(e, e.props.BatchSize);
  if (bs !== undefined) t.batchSize = bs;
  const cg = lit(e, e.props.ConsumerGroupId) ?? lit(e, asRecord(e.props.SelfManagedKafkaEventSourceConfig).ConsumerGroupId);
  if (cg) t.consumerGroupId = cg;
  return t;
};

const mq: Mapper = (e) => {
  const broker = str(e, e.props.Broker) ?? { symbol: 'unknown-broker' };
  const t: Trigger = { ...base(e), kind: 'mq', broker, queues: e.ctx.resolver.list(e.props.Queues).map((x) => (typeof x === 'string' ? x : `{${x.symbol}}`)) };
  const brokerId = typeof asRecord(e.props.Broker)['Fn::GetAtt'] !== 'undefined' ? (asArray(asRecord(e.props.Broker)['Fn::GetAtt'])[0] as string) : undefined;
  const engine = brokerId ? lit(e, e.ctx.resolver.resourceProperties(brokerId).EngineType) : undefined;
  if (engine) t.engine = engine.toLowerCase();
  const bs = num(e, e.props.BatchSize);
  if (bs !== undefined) t.batchSize = bs;
  return t;
};

const cloudWatchLogs: Mapper = (e) => {
  const t: Trigger = { ...base(e), kind: 'cloudwatch-logs', logGroup: str(e, e.props.LogGroupName) ?? { symbol: 'unknown-log-group' } };
  const fp = lit(e, e.props.FilterPattern);
  if (fp !== undefined) t.filterPattern = fp;
  return t;
};

const cognito: Mapper = (e) => ({
  ...base(e),
  kind: 'cognito',
  userPool: str(e, e.props.UserPool) ?? { symbol: 'unknown-user-pool' },
  triggers: e.ctx.resolver.list(e.props.Trigger).map((x) => (typeof x === 'string' ? x : `{${x.symbol}}`)),
});

const iotRule: Mapper = (e) => {
  const t: Trigger = { ...base(e), kind: 'iot' };
  const sql = lit(e, e.props.Sql);
  if (sql !== undefined) t.sql = sql;
  return t;
};

export const EVENT_MAPPERS: Record<string, Mapper> = {
  Api: api,
  HttpApi: httpApi,
  SQS: sqs,
  SNS: sns,
  S3: s3,
  Schedule: schedule,
  ScheduleV2: scheduleV2,
  EventBridgeRule: eventBridgeRule,
  CloudWatchEvent: eventBridgeRule,
  DynamoDB: dynamodb,
  Kinesis: kinesis,
  MSK: msk,
  SelfManagedKafka: selfManagedKafka,
  MQ: mq,
  CloudWatchLogs: cloudWatchLogs,
  Cognito: cognito,
  IoTRule: iotRule,
};

export function mapSamEvent(e: SamEventInput, type: string | undefined): Trigger {
  const mapper = type ? EVENT_MAPPERS[type] : undefined;
  if (mapper) {
    const t = mapper(e);
    if (t) return t;
  }
  warn(e.ctx, 'template.unknown-event-type', `event ${e.eventName} of type ${type ?? '(none)'} is kept as an unknown trigger`, {
    obj: e.events,
    key: e.eventName,
    subject: `${e.ctx.file}#${e.fnLogicalId}`,
  });
  return { ...base(e), kind: 'unknown', sourceType: type ?? 'unknown', detail: asRecord(toPlain(e.ctx.resolver.resolve(e.props))) };
}

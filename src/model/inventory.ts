// The Inventory: the one interchange format between discovery (live AWS or templates) and planning.
// Whatever the source, discovery produces this shape; `plan` cannot tell the sources apart.
// JSON Schema: docs/schemas/inventory.schema.json (kept in step by test/model/schema.test.ts).

export const INVENTORY_SCHEMA_VERSION = 1 as const;

/** Where a thing was found: a template file position, or a live ARN. */
export interface SourceLocation {
  /** Template path relative to the discovery root (posix separators), absent for live AWS. */
  file?: string;
  /** 1-based line and column of the resource or property in `file`. */
  line?: number;
  column?: number;
  /** CloudFormation logical id, Serverless function key, or similar. */
  logicalId?: string;
}

/** A value that could not be resolved statically: kept symbolic instead of guessed. */
export interface SymbolicValue {
  /** e.g. `Ref:BucketName`, `GetAtt:Queue.Arn`, `Sub:${AWS::StackName}-x`, `ImportValue:...`, `${opt:stage}` */
  symbol: string;
}

/** A string that may be known or only symbolic. */
export type Resolvable = string | SymbolicValue;

export type Language = 'nodejs' | 'python' | 'java' | 'dotnet' | 'ruby' | 'go' | 'custom' | 'unknown';

export interface RuntimeInfo {
  /** The raw Lambda runtime id, e.g. `nodejs20.x`, `python3.12`, `provided.al2023`. Absent for images. */
  id?: string;
  language: Language;
  /** Language version when known, e.g. `20`, `3.12`, `21`. */
  version?: string;
  /** True when AWS has deprecated (or blocks updates of) this runtime. */
  deprecated?: boolean;
}

export interface HandlerInfo {
  /** The raw handler string, e.g. `src/app.handler`. */
  raw: string;
  /** Source file relative to the discovery root (posix), when resolved on disk. */
  file?: string;
  /** Exported symbol, e.g. `handler`, or `Class::method` for Java/.NET. */
  export?: string;
  /** Whether `file` was found on disk (templates only). */
  exists?: boolean;
}

export interface CodeInfo {
  /** Directory holding the code, relative to the discovery root (templates), or the S3/ECR location kind (live). */
  path?: string;
  repositoryType?: 'Zip' | 'S3' | 'ECR' | 'Inline';
  imageUri?: Resolvable;
  /** Size in bytes when known (live). */
  size?: number;
}

export type SecretSource =
  | 'secretsmanager'
  | 'ssm'
  | 'ssm-secure'
  | 'noecho-parameter'
  | 'serverless-ssm'
  | 'literal';

export interface EnvVar {
  name: string;
  /**
   * `plain`: an ordinary value (written only with --include-values).
   * `secret-reference`: points at a secret store (reference recorded, never a value).
   * `secret-like`: the literal value looks like a secret (never written, even with --include-values).
   * `reference`: a symbolic reference to another resource (e.g. `Ref:Table`).
   */
  kind: 'plain' | 'secret-reference' | 'secret-like' | 'reference';
  /** Only for kind `plain` with --include-values, or kind `reference` (the symbol). */
  value?: string;
  /** For `secret-reference`: where the secret lives and its name or ARN (never the value). */
  secret?: { source: SecretSource; ref: string };
  /** For `secret-like`: why it was classified so (e.g. `aws-access-key`, `high-entropy`, `name:PASSWORD`). */
  reason?: string;
}

export interface VpcConfig {
  subnetIds: Resolvable[];
  securityGroupIds: Resolvable[];
  ipv6AllowedForDualStack?: boolean;
}

export interface FileSystemMount {
  arn: Resolvable;
  localMountPath: string;
}

export interface Destinations {
  onSuccess?: Resolvable;
  onFailure?: Resolvable;
}

export interface AsyncInvokeConfig {
  maximumRetryAttempts?: number;
  maximumEventAgeInSeconds?: number;
  destinations?: Destinations;
}

export interface AliasInfo {
  name: string;
  functionVersion?: string;
  /** Canary weights by version, e.g. `{ "3": 0.1 }`. */
  additionalVersionWeights?: Record<string, number>;
}

export interface DeploymentPreference {
  type: string;
  alarms?: Resolvable[];
  hooks?: Record<string, Resolvable>;
}

export interface FunctionUrlInfo {
  authType: 'NONE' | 'AWS_IAM';
  invokeMode?: 'BUFFERED' | 'RESPONSE_STREAMING';
  cors?: Record<string, unknown>;
}

export interface LoggingInfo {
  logFormat?: 'Text' | 'JSON';
  applicationLogLevel?: string;
  systemLogLevel?: string;
  logGroup?: string;
  /** Days; absent means never expire or unknown (see `retentionKnown`). */
  retentionInDays?: number;
  retentionKnown?: boolean;
}

// ---- Triggers: a discriminated union by `kind` ----

interface TriggerBase {
  /** Stable id within the function, e.g. the SAM event name or a generated `<kind>-<n>`. */
  id: string;
  source?: SourceLocation;
  /** Whether the trigger is enabled (default true). */
  enabled?: boolean;
}

export interface AuthorizerInfo {
  type: 'NONE' | 'AWS_IAM' | 'COGNITO_USER_POOLS' | 'JWT' | 'CUSTOM' | 'TOKEN' | 'REQUEST' | string;
  name?: string;
  /** The authorizer Lambda, JWT issuer, or user pool when known. */
  ref?: Resolvable;
}

export interface ApiGatewayRestTrigger extends TriggerBase {
  kind: 'api-gateway-rest';
  api?: Resolvable;
  path: string;
  method: string;
  stage?: string;
  integration?: 'AWS_PROXY' | 'AWS' | string;
  authorizer?: AuthorizerInfo;
  apiKeyRequired?: boolean;
  timeoutInMillis?: number;
}

export interface ApiGatewayHttpTrigger extends TriggerBase {
  kind: 'api-gateway-http';
  api?: Resolvable;
  path: string;
  method: string;
  payloadFormatVersion?: '1.0' | '2.0';
  authorizer?: AuthorizerInfo;
  timeoutInMillis?: number;
}

export interface FunctionUrlTrigger extends TriggerBase {
  kind: 'function-url';
  authType: 'NONE' | 'AWS_IAM';
  invokeMode?: 'BUFFERED' | 'RESPONSE_STREAMING';
  cors?: Record<string, unknown>;
}

export interface AlbTrigger extends TriggerBase {
  kind: 'alb';
  targetGroup?: Resolvable;
  conditions?: { path?: string[]; host?: string[]; method?: string[] };
  multiValueHeaders?: boolean;
}

export interface SqsTrigger extends TriggerBase {
  kind: 'sqs';
  queue: Resolvable;
  fifo?: boolean;
  batchSize?: number;
  maximumBatchingWindowInSeconds?: number;
  reportBatchItemFailures?: boolean;
  filterPatterns?: unknown[];
  maximumConcurrency?: number;
}

export interface SnsTrigger extends TriggerBase {
  kind: 'sns';
  topic: Resolvable;
  filterPolicy?: unknown;
  filterPolicyScope?: 'MessageAttributes' | 'MessageBody';
  redrivePolicy?: unknown;
}

export interface S3Trigger extends TriggerBase {
  kind: 's3';
  bucket: Resolvable;
  events: string[];
  prefix?: string;
  suffix?: string;
  existing?: boolean;
}

export interface EventBridgeRuleTrigger extends TriggerBase {
  kind: 'eventbridge-rule';
  pattern: unknown;
  eventBus?: Resolvable;
  ruleName?: Resolvable;
  input?: 'constant' | 'path' | 'transformer';
  retryPolicy?: { maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };
  deadLetter?: Resolvable;
}

export interface ScheduleTrigger extends TriggerBase {
  kind: 'schedule';
  /** `rate(5 minutes)`, `cron(0 12 * * ? *)` or `at(2026-01-01T00:00:00)`. */
  expression: string;
  timezone?: string;
  /** `events` (EventBridge rule) or `scheduler` (EventBridge Scheduler). */
  via: 'events' | 'scheduler';
  flexibleTimeWindowMinutes?: number;
  input?: 'constant' | 'path' | 'transformer';
  group?: string;
}

interface StreamTriggerBase extends TriggerBase {
  stream: Resolvable;
  startingPosition?: 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP' | string;
  batchSize?: number;
  maximumBatchingWindowInSeconds?: number;
  bisectBatchOnFunctionError?: boolean;
  maximumRetryAttempts?: number;
  maximumRecordAgeInSeconds?: number;
  parallelizationFactor?: number;
  tumblingWindowInSeconds?: number;
  reportBatchItemFailures?: boolean;
  onFailure?: Resolvable;
  filterPatterns?: unknown[];
}

export interface DynamoDbStreamTrigger extends StreamTriggerBase {
  kind: 'dynamodb-stream';
  /** StreamViewType when known: NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY. */
  streamViewType?: string;
}

export interface KinesisTrigger extends StreamTriggerBase {
  kind: 'kinesis';
}

export interface KafkaTrigger extends TriggerBase {
  kind: 'kafka';
  flavor: 'msk' | 'self-managed';
  cluster?: Resolvable;
  bootstrapServers?: string[];
  topics: string[];
  batchSize?: number;
  startingPosition?: string;
  consumerGroupId?: string;
}

export interface MqTrigger extends TriggerBase {
  kind: 'mq';
  engine?: 'activemq' | 'rabbitmq' | string;
  broker: Resolvable;
  queues: string[];
  batchSize?: number;
}

export interface CloudWatchLogsTrigger extends TriggerBase {
  kind: 'cloudwatch-logs';
  logGroup: Resolvable;
  filterPattern?: string;
}

export interface CognitoTrigger extends TriggerBase {
  kind: 'cognito';
  userPool: Resolvable;
  /** e.g. PreSignUp, PostConfirmation, PreTokenGeneration. */
  triggers: string[];
}

export interface IotTrigger extends TriggerBase {
  kind: 'iot';
  sql?: string;
  rule?: Resolvable;
}

export interface WebSocketTrigger extends TriggerBase {
  kind: 'websocket';
  api?: Resolvable;
  /** `$connect`, `$disconnect`, `$default` or a custom route key. */
  route: string;
}

export interface UnknownTrigger extends TriggerBase {
  kind: 'unknown';
  /** The source's own name for it, e.g. SAM `AlexaSkill`, principal `ses.amazonaws.com`. */
  sourceType: string;
  detail?: Record<string, unknown>;
}

export type Trigger =
  | ApiGatewayRestTrigger
  | ApiGatewayHttpTrigger
  | FunctionUrlTrigger
  | AlbTrigger
  | SqsTrigger
  | SnsTrigger
  | S3Trigger
  | EventBridgeRuleTrigger
  | ScheduleTrigger
  | DynamoDbStreamTrigger
  | KinesisTrigger
  | KafkaTrigger
  | MqTrigger
  | CloudWatchLogsTrigger
  | CognitoTrigger
  | IotTrigger
  | WebSocketTrigger
  | UnknownTrigger;

export type TriggerKind = Trigger['kind'];

export const TRIGGER_KINDS: readonly TriggerKind[] = [
  'api-gateway-rest',
  'api-gateway-http',
  'function-url',
  'alb',
  'sqs',
  'sns',
  's3',
  'eventbridge-rule',
  'schedule',
  'dynamodb-stream',
  'kinesis',
  'kafka',
  'mq',
  'cloudwatch-logs',
  'cognito',
  'iot',
  'websocket',
  'unknown',
] as const;

// ---- Functions ----

export interface LambdaFunction {
  /** Stable id unique in the inventory: the ARN (live) or `<template path>#<logical id>` (templates). */
  id: string;
  name: string;
  arn?: string;
  region?: string;
  account?: string;
  /** Template file (relative, posix) and position when discovered offline. */
  source?: SourceLocation;
  /** CloudFormation/SAM stack or Serverless service the function belongs to. */
  stack?: string;
  description?: string;
  runtime: RuntimeInfo;
  handler?: HandlerInfo;
  code?: CodeInfo;
  packageType: 'Zip' | 'Image';
  /** MB, 128–10240. */
  memorySize: number;
  /** Seconds, 1–900. */
  timeout: number;
  architecture: 'x86_64' | 'arm64';
  /** MB, 512–10240. */
  ephemeralStorage: number;
  environment: EnvVar[];
  kmsKeyArn?: Resolvable;
  layers: Resolvable[];
  vpc?: VpcConfig;
  fileSystems: FileSystemMount[];
  tracing?: 'Active' | 'PassThrough';
  logging?: LoggingInfo;
  deadLetter?: Resolvable;
  asyncInvoke?: AsyncInvokeConfig;
  reservedConcurrency?: number;
  provisionedConcurrency?: number;
  snapStart?: boolean;
  aliases: AliasInfo[];
  autoPublishAlias?: string;
  deploymentPreference?: DeploymentPreference;
  versions?: string[];
  functionUrl?: FunctionUrlInfo;
  codeSigning?: boolean;
  tags: Record<string, string>;
  /** Id of an entry in `Inventory.roles`. */
  roleRef?: string;
  triggers: Trigger[];
  /** Newer Lambda features recorded verbatim when present (durable config, capacity provider, tenancy). */
  extras?: Record<string, unknown>;
}

// ---- IAM ----

export interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions?: string[];
  resources: Resolvable[];
  conditions?: unknown;
}

export interface Policy {
  /** Managed policy ARN, inline policy name, or SAM policy template name. */
  name: string;
  kind: 'managed-aws' | 'managed-customer' | 'inline' | 'sam-template';
  statements: PolicyStatement[];
  /** True when the statements could not be read (e.g. an AWS managed policy offline). */
  opaque?: boolean;
}

export interface Role {
  /** Role ARN (live), or `<template>#<logical id>` / a generated id for implicit SAM/Serverless roles. */
  id: string;
  name?: string;
  arn?: Resolvable;
  trustedServices: string[];
  policies: Policy[];
  permissionsBoundary?: Resolvable;
  source?: SourceLocation;
}

// ---- Other top-level collections ----

export interface Layer {
  /** Layer version ARN or template logical id. */
  id: string;
  name: string;
  version?: number;
  compatibleRuntimes?: string[];
  compatibleArchitectures?: string[];
  size?: number;
  /** Template path of the layer content, when known. */
  contentPath?: string;
  source?: SourceLocation;
}

export interface ApiInfo {
  id: string;
  name?: string;
  kind: 'rest' | 'http' | 'websocket';
  stages?: string[];
  authorizers?: AuthorizerInfo[];
  cors?: unknown;
  source?: SourceLocation;
}

export interface Warning {
  /** Machine-readable code, e.g. `template.unresolved-ref`, `aws.access-denied`, `handler.missing-file`. */
  code: string;
  message: string;
  /** The function id, template file or ARN concerned. */
  subject?: string;
  source?: SourceLocation;
  /** For AWS: the IAM action that was missing or throttled, e.g. `lambda:GetPolicy`. */
  action?: string;
}

export interface InventorySource {
  kind: 'templates' | 'aws';
  /** Template files or directories as given, relative to `root` (posix). */
  paths?: string[];
  /** Directory that every file path in the inventory is relative to, relative to the inventory file's directory (posix). */
  root?: string;
  /** The account whose credentials ran discovery (for `--org`, the management or delegated administrator account). */
  account?: string;
  partition?: string;
  regions?: string[];
  /** `--org`: the member accounts this inventory covers, discovered or not (failures are in `warnings`). */
  accounts?: string[];
  /** `--shard i/n`: which share of the organisation's (account, region) pairs this is; `migrate merge` drops it. */
  shard?: { index: number; count: number };
  /** Whether environment values were included (--include-values). */
  includeValues: boolean;
}

export interface Inventory {
  schemaVersion: typeof INVENTORY_SCHEMA_VERSION;
  source: InventorySource;
  functions: LambdaFunction[];
  roles: Role[];
  layers: Layer[];
  apis: ApiInfo[];
  /** CloudFormation stacks with readable original templates (live), or template files (offline). */
  stacks?: { name: string; templateAvailable?: boolean; file?: string }[];
  warnings: Warning[];
}

export function isSymbolic(v: Resolvable | undefined): v is SymbolicValue {
  return typeof v === 'object' && v !== null && 'symbol' in v;
}

/** A printable form of a resolvable value: the literal, or the symbol in braces. */
export function displayResolvable(v: Resolvable | undefined): string {
  if (v === undefined) return '';
  return isSymbolic(v) ? `{${v.symbol}}` : v;
}

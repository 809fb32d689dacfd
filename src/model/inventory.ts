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
  /**
   * Directory holding the code, relative to the discovery root (templates), or the S3/ECR location kind (live).
   * A single source file when CodeUri names one (SAM packages that file alone).
   */
  path?: string;
  /** A built archive (`.zip`, `.jar`) CodeUri/Code names, relative to the discovery root: its code is not read. */
  archive?: string;
  /**
   * The handler source written inside the template (SAM `InlineCode`, CloudFormation `Code.ZipFile`); the
   * handler's `file` is then the path the converter gives it (`inline-code/<LogicalId>/index.js`).
   */
  inline?: string;
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
// Each member's type lives with its trigger module (src/triggers/<kind>/types.ts), which owns the kind at every stage;
// the union stays here so the Inventory contract (and its JSON Schema) is one file.

export interface TriggerBase {
  /** Stable id within the function, e.g. the SAM event name or a generated `<kind>-<n>`. */
  id: string;
  source?: SourceLocation;
  /** Whether the trigger is enabled (default true). */
  enabled?: boolean;
}

export interface AuthorizerInfo {
  /** `NONE`, `AWS_IAM`, `COGNITO_USER_POOLS`, `JWT`, `CUSTOM`, `TOKEN`, `REQUEST`, or the source's own name. */
  type: string;
  name?: string;
  /** The authorizer Lambda, JWT issuer, or user pool when known. */
  ref?: Resolvable;
}

import type { ApiGatewayRestTrigger } from '../triggers/api-gateway-rest/types.js';
import type { ApiGatewayHttpTrigger } from '../triggers/api-gateway-http/types.js';
import type { FunctionUrlTrigger } from '../triggers/function-url/types.js';
import type { AlbTrigger } from '../triggers/alb/types.js';
import type { SqsTrigger } from '../triggers/sqs/types.js';
import type { SnsTrigger } from '../triggers/sns/types.js';
import type { S3Trigger } from '../triggers/s3/types.js';
import type { EventBridgeRuleTrigger } from '../triggers/eventbridge-rule/types.js';
import type { ScheduleTrigger } from '../triggers/schedule/types.js';
import type { DynamoDbStreamTrigger } from '../triggers/dynamodb-stream/types.js';
import type { KinesisTrigger } from '../triggers/kinesis/types.js';
import type { KafkaTrigger } from '../triggers/kafka/types.js';
import type { MqTrigger } from '../triggers/mq/types.js';
import type { CloudWatchLogsTrigger } from '../triggers/cloudwatch-logs/types.js';
import type { CognitoTrigger } from '../triggers/cognito/types.js';
import type { IotTrigger } from '../triggers/iot/types.js';
import type { WebSocketTrigger } from '../triggers/websocket/types.js';
import type { UnknownTrigger } from '../triggers/unknown/types.js';
export type {
  ApiGatewayRestTrigger,
  ApiGatewayHttpTrigger,
  FunctionUrlTrigger,
  AlbTrigger,
  SqsTrigger,
  SnsTrigger,
  S3Trigger,
  EventBridgeRuleTrigger,
  ScheduleTrigger,
  DynamoDbStreamTrigger,
  KinesisTrigger,
  KafkaTrigger,
  MqTrigger,
  CloudWatchLogsTrigger,
  CognitoTrigger,
  IotTrigger,
  WebSocketTrigger,
  UnknownTrigger,
};

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

/**
 * Warning codes that say how discovery read the account, not what it could not read: the inventory is complete
 * (a region read without the region-wide shortcuts; reserved concurrency accounted from the region's total).
 */
export const INFORMATIONAL_WARNINGS: ReadonlySet<string> = new Set(['discover.fallback', 'discover.concurrency-accounted']);

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

/** A data-plane resource a template declares (table, bucket, queue, topic, bus, secret, parameter), read so the plan can
 * name what references to it mean and, for DynamoDB, carry the key schema to the Cosmos DB partition key. */
export interface DataResourceInfo {
  /** `<template>#<logical id>`. */
  id: string;
  logicalId: string;
  /** CloudFormation type, e.g. `AWS::DynamoDB::Table`, `AWS::Serverless::SimpleTable`, `AWS::S3::Bucket`. */
  type: string;
  /** The physical name when the template sets a literal one (TableName, BucketName, QueueName, ...). */
  physicalName?: string;
  /** DynamoDB: the key schema (HASH and optional RANGE attribute names with their scalar types S, N or B). */
  keySchema?: { hash: string; hashType?: string; range?: string; rangeType?: string };
  /** SQS: a FIFO queue (`FifoQueue: true` or a `.fifo` name). */
  fifo?: boolean;
  source?: SourceLocation;
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
  /** Data-plane resources declared by the templates (offline discovery), sorted by id. */
  dataResources?: DataResourceInfo[];
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

// The Plan: the reviewable output of `plan` and the self-contained input of `convert`.
// A user may edit it (regroup functions, change a strategy); `convert` honours the edit or rejects it clearly.
// JSON Schema: docs/schemas/plan.schema.json.

import type { InventorySource, Language, SourceLocation, TriggerKind, Warning } from './inventory.js';

/** 2: findings reference a plan-level rules table (v1 findings repeated their rule's text; readPlan upgrades them). */
export const PLAN_SCHEMA_VERSION = 2 as const;

export const DESIGN_AREAS = [
  'capabilities',
  'identity',
  'deployment',
  'monitoring',
  'dependencies',
  'governance',
] as const;
export type DesignArea = (typeof DESIGN_AREAS)[number];

export const SEVERITIES = ['blocker', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type SubjectKind = 'function' | 'trigger' | 'role' | 'app' | 'estate';

export interface FindingSubject {
  kind: SubjectKind;
  /** Inventory function id, `<function id>#<trigger id>`, role id, app name, or `estate`. */
  id: string;
  /** Human name: function name, `fn → sqs:orders`, role name, app name. */
  name: string;
  /** The function concerned, for trigger subjects and code findings. */
  functionId?: string;
}

/**
 * A rule as the plan's findings reference it (SARIF's reportingDescriptor): its text once, however many findings
 * it has. `{path}` placeholders in the texts are filled from each finding's `arguments`.
 */
export interface PlanRule {
  id: string;
  area: DesignArea;
  /** The rule's severity; a finding carries its own only when it differs. */
  severity: Severity;
  confidence: 'documented' | 'inferred';
  title: string;
  /** Message template; absent when every finding carries its own `message` (preflight/verify). */
  message?: string;
  recommendation: string;
  /** The Day-0 manual step a finding of this rule adds, if any. */
  day0?: string;
  docs: string;
}

/**
 * One finding: a rule (by id and index into `Plan.rules`, as SARIF's ruleId/ruleIndex), a subject (by index into
 * `Plan.subjects`, as SARIF's logical locations) and per-finding data only.
 */
export interface Finding {
  ruleId: string;
  ruleIndex: number;
  subjectIndex: number;
  /** Only when it differs from the rule's severity. */
  severity?: Severity;
  /** Values of the rule texts' `{path}` placeholders for this subject (a placeholder with no value stays as written). */
  arguments?: Record<string, string>;
  /** The message itself, for rules without a message template. */
  message?: string;
  /** Template file:line:column (offline) or handler file:line (code scan). */
  location?: SourceLocation;
  /** With `plan --baseline`: whether the baseline plan already had this finding (same fingerprint). */
  baselineState?: 'new' | 'unchanged';
}

/** `plan --baseline`: how this plan's findings compare with a committed plan's (src/plan/baseline.ts). */
export interface BaselineComparison {
  /** The baseline plan as named on the command line. */
  file: string;
  new: number;
  unchanged: number;
  /** Baseline findings this plan no longer has (fixed, or their subject is gone), with their fingerprints; their rules are in `Plan.rules`. */
  absent: { fingerprint: string; finding: Finding }[];
}

export type HostingPlan = 'FlexConsumption' | 'Premium' | 'Dedicated';

export interface HostingChoice {
  plan: HostingPlan;
  /** `FC1`, `EP1`–`EP3`, `P1v3`, ... */
  sku: string;
  /** Why this plan: the default, or the rule ids that forced an escalation. */
  reason: string;
}

/** Azure runtime stack for `functionAppConfig.runtime`. */
export interface AzureRuntime {
  name: 'node' | 'python' | 'java' | 'dotnet-isolated' | 'powershell' | 'custom';
  version: string;
}

export interface AlwaysReady {
  /** `http`, `blob`, `durable` or `function:<name>`. */
  name: string;
  instanceCount: number;
}

export interface ScaleSettings {
  maximumInstanceCount: number;
  alwaysReady: AlwaysReady[];
  /** Flex HTTP per-instance concurrency, when the plan sets one. */
  httpPerInstanceConcurrency?: number;
}

/** A scope an identity can be granted a role on: a resource the Bicep creates or references. */
export interface RoleScope {
  kind:
    | 'storage-account'
    | 'service-bus'
    | 'event-hubs'
    | 'cosmos-db'
    | 'key-vault'
    | 'app-insights'
    | 'event-grid-topic'
    | 'resource-group';
  /** Logical name of the target resource in the plan's `resources`, when narrower than the kind. */
  resource?: string;
}

export interface RoleAssignment {
  /** Built-in role name, e.g. `Storage Blob Data Owner`. */
  role: string;
  /** Built-in role definition GUID. */
  roleDefinitionId: string;
  scope: RoleScope;
  /** The AWS actions (and resources) this assignment replaces. */
  reason: string;
}

export interface IdentityPlan {
  /** User-assigned managed identity name (logical; Bicep adds the resource token). */
  name: string;
  /** The execution roles merged into this identity. */
  sourceRoles: string[];
  roleAssignments: RoleAssignment[];
  /** AWS actions with no Azure data-plane role (each also a finding). */
  unmappedActions: string[];
}

export interface AppSetting {
  name: string;
  /**
   * `plain`: literal value (only when the inventory carried values).
   * `placeholder`: value unknown here; the user must supply it (never a secret).
   * `keyvault`: a Key Vault reference to `secretName`; the value is populated by the team, never by us.
   * `identity-connection`: an identity-based connection setting (e.g. `ServiceBus__fullyQualifiedNamespace`).
   * `reference`: derived from a resource the Bicep creates (e.g. a queue name).
   */
  kind: 'plain' | 'placeholder' | 'keyvault' | 'identity-connection' | 'reference';
  value?: string;
  secretName?: string;
  /** Lambda function names that defined this variable. */
  from: string[];
  /** The `dataPlane` resource id this setting names or locates (its value is the Azure counterpart's name). */
  dataResource?: string;
  /**
   * A data-plane value only the deployment knows, filled in by the Bicep: the identity's client id, an account
   * endpoint, the Service Bus namespace host, the Key Vault URI, or the Event Grid topic endpoint of `dataResource`.
   */
  derived?: 'client-id' | 'cosmos-endpoint' | 'blob-endpoint' | 'queue-endpoint' | 'service-bus-fqdn' | 'key-vault-uri' | 'topic-endpoint';
}

/** Trigger infrastructure and referenced resources the Bicep must create or reference. */
export type TargetResource =
  | {
      kind: 'storage-queue';
      name: string;
      maxDequeueCount?: number;
      visibilityTimeout?: string;
      /** The SQS queue it replaces, as discovery saw it: an ARN, URL or name, or `Ref:<logical id>` from a template. */
      source?: string;
    }
  | {
      kind: 'service-bus-queue';
      name: string;
      /** The SQS queue it replaces, as discovery saw it: an ARN, URL or name, or `Ref:<logical id>` from a template. */
      source?: string;
      maxDeliveryCount: number;
      requiresSession?: boolean;
      lockDuration?: string;
      defaultMessageTimeToLive?: string;
      deadLetteringOnMessageExpiration?: boolean;
    }
  | { kind: 'service-bus-topic'; name: string; subscriptions: { name: string; maxDeliveryCount: number; sqlFilter?: string }[] }
  | {
      kind: 'blob-container';
      name: string;
      /** The S3 bucket it replaces, as discovery saw it: a physical bucket name, or `Ref:<logical id>` from a template. */
      source?: string;
    }
  | {
      kind: 'event-grid-blob-subscription';
      name: string;
      container: string;
      functionName: string;
      eventTypes: string[];
      subjectBeginsWith?: string;
      subjectEndsWith?: string;
    }
  | {
      kind: 'event-grid-topic';
      name: string;
      functionName: string;
      /** Advanced filters derived from an EventBridge pattern or SNS filter policy, where expressible. */
      filters?: { key: string; operator: string; values: (string | number | boolean)[] }[];
    }
  | { kind: 'event-hub'; name: string; partitionCount: number; consumerGroup: string; retentionInDays?: number }
  | { kind: 'cosmos-db-existing'; name: string; database: string; container: string; leaseContainer: string }
  | { kind: 'vnet'; name: string; addressPrefix: string; subnetPrefix: string };

/** The Azure trigger binding a Lambda event source becomes. */
export type AzureTrigger =
  | { type: 'http'; route: string; methods: string[]; authLevel: 'anonymous' | 'function' | 'admin' }
  | { type: 'timer'; schedule: string; /** app setting holding the NCRONTAB, e.g. `TIMER_NIGHTLY_SCHEDULE` */ scheduleSetting: string; runOnStartup?: false }
  | { type: 'storageQueue'; queueName: string; connection: string }
  | { type: 'serviceBusQueue'; queueName: string; connection: string; isSessionsEnabled?: boolean }
  | { type: 'serviceBusTopic'; topicName: string; subscriptionName: string; connection: string }
  | { type: 'storageBlob'; path: string; connection: string; source: 'EventGrid' }
  | { type: 'eventGrid' }
  | { type: 'eventHub'; eventHubName: string; connection: string; cardinality: 'many' | 'one'; consumerGroup?: string }
  | { type: 'cosmosDB'; connection: string; databaseName: string; containerName: string; leaseContainerName: string; createLeaseContainerIfNotExists: boolean }
  | { type: 'kafka'; topic: string; brokerList: string; consumerGroup?: string }
  | { type: 'rabbitMQ'; queueName: string; connectionStringSetting: string }
  /** No Azure Functions trigger fits; the function is converted for manual wiring (a blocker finding says why). */
  | { type: 'none'; reason: string };

export type AzureTriggerType = AzureTrigger['type'];

/** One Azure function: a Lambda has one entry per trigger (Azure functions have exactly one trigger). */
export interface PlannedEntry {
  /** Azure function name, unique in the app: letters, digits, `-` and `_`. */
  name: string;
  /** The inventory trigger id, or absent for a Lambda with no trigger (invoked directly → HTTP). */
  triggerId?: string;
  /** The Lambda event shape the handler expects; drives the codemod and the adapter. */
  lambdaEvent: TriggerKind | 'direct-invoke';
  /** For HTTP-like sources: API Gateway payload format (REST = 1.0). */
  payloadFormat?: '1.0' | '2.0';
  trigger: AzureTrigger;
}

export type ConversionStrategy = 'rewrite' | 'adapter' | 'manual';

export interface PlannedFunction {
  /** Inventory function id. */
  lambdaId: string;
  lambdaName: string;
  language: Language;
  /** Handler file relative to `Plan.source.root` (posix) and export name. */
  handler?: { file: string; export: string };
  /** Code directory relative to `Plan.source.root` (posix), carried into the project. */
  codeDir?: string;
  /** Handler source written inside the template (inventory `code.inline`): the content of `handler.file`. */
  inlineCode?: string;
  /**
   * Content directories of the function's Lambda layers (relative to `Plan.source.root`, posix), in layer order, for
   * layers the template builds from local content. Convert vendors what the Lambda runtime puts on the import path
   * (`python/` for Python) into the app.
   */
  layerDirs?: string[];
  strategy: ConversionStrategy;
  strategyReason: string;
  /** Configured Lambda timeout, used to emulate `getRemainingTimeInMillis()`. */
  timeoutSeconds: number;
  entries: PlannedEntry[];
}

export interface FunctionApp {
  /** Logical app name: lowercase letters, digits and `-`, 2–40 chars. Also the `apps/<name>/` folder and azd service name. */
  name: string;
  /** Why these functions are together (and split from others). */
  groupingReasons: string[];
  hosting: HostingChoice;
  runtime: AzureRuntime;
  instanceMemoryMB: 512 | 2048 | 4096;
  /** host.json functionTimeout, `hh:mm:ss`. */
  functionTimeout: string;
  scale: ScaleSettings;
  identity: IdentityPlan;
  settings: AppSetting[];
  /** Key Vault secret names the app references (populated by the team at Day 0). */
  keyVaultSecrets: string[];
  resources: TargetResource[];
  /** VNet integration when the Lambdas ran in a VPC. */
  vnetIntegration: boolean;
  functions: PlannedFunction[];
}

export interface AreaSummary {
  area: DesignArea;
  blockers: number;
  warnings: number;
  infos: number;
}

export interface CostLine {
  name: string;
  monthlyUsd: number;
  /** The formula with the numbers filled in, for the reader to check. */
  formula: string;
  /**
   * Flex Consumption only: the other end of the range, when executions keep instances busy back to back (billed in
   * 100 ms steps, no per-execution 1 s minimum). `monthlyUsd` is then the upper end: every execution billed alone.
   */
  lowMonthlyUsd?: number;
  lowFormula?: string;
}

export interface CostComparison {
  assumptions: {
    invocationsPerMonthPerFunction: number;
    averageDurationMs: number;
    currency: 'USD';
    /** Where the prices come from and when they were read. */
    priceSource: string;
  };
  lambda: CostLine[];
  azure: CostLine[];
  lambdaMonthlyUsd: number;
  /** The upper end of the Azure estimate; `azureLowMonthlyUsd` the lower end (equal when no app is on Flex). */
  azureMonthlyUsd: number;
  azureLowMonthlyUsd?: number;
}

export interface Cutover {
  strategy: 'planned-downtime' | 'zero-downtime' | 'minimized-downtime';
  reason: string;
}

export interface DisabledRule {
  id: string;
  reason: string;
  /** `cli` (--disable) or the config file path. */
  by: string;
}

/** An AWS service whose resources handler code reads or writes (the data plane, as opposed to triggers). */
export type DataService = 'dynamodb' | 's3' | 'sqs' | 'sns' | 'eventbridge' | 'secretsmanager' | 'ssm' | 'kinesis';

/**
 * One AWS data-plane resource the estate's functions touch (from IAM actions, environment references and SDK call
 * sites), and what the migration does with it: `move` to its Azure counterpart (the codemods rewrite the calls, the
 * Bicep creates it, the manual moves the data) or `stay` in AWS (the AWS SDK stays, with keyless web-identity
 * federation from the app's managed identity).
 */
export interface DataResource {
  /** `<service>:<name>`, unique in the plan; what `--keep-in-aws <service>:<name>` names. */
  id: string;
  service: DataService;
  /** The resource as discovery saw it: a template's logical id, or the physical name / ARN's name part. */
  name: string;
  decision: 'move' | 'stay';
  /** Why, for plan.md's decision table: the mapping, the CLI flag or config entry that kept it, or a blocking rule id. */
  reason: string;
  /** The Azure counterpart when moved. */
  azure?: {
    kind: 'cosmos-container' | 'blob-container' | 'service-bus-queue' | 'storage-queue' | 'event-grid-topic' | 'event-hub' | 'key-vault-secret' | 'app-setting';
    /** Logical name: the `resources` entry (or Key Vault secret / app setting) of the apps that use it. */
    name: string;
    /** Cosmos DB: the partition key path from the DynamoDB key schema's HASH key, e.g. `/orderId`. */
    partitionKey?: string;
    /** Cosmos DB: the DynamoDB RANGE key, stored as a property (its uniqueness with the partition key is a unique key). */
    sortKey?: string;
  };
  /** Environment variables whose value names or locates this resource; on Azure they hold the counterpart's name. */
  envVars: string[];
  /** SDK operations seen at call sites, e.g. `GetItem`, `PutObject` (v3 command names without `Command`). */
  operations: string[];
  /** Lambda function names that use it. */
  usedBy: string[];
}

export interface Plan {
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  source: InventorySource & {
    /** Directory that handler paths are relative to, relative to the plan file's directory (posix). */
    root?: string;
  };
  options: {
    groupBy: string;
    failOn: 'blocker' | 'warning' | 'never';
    rulesets: string[];
  };
  summary: {
    functions: number;
    apps: number;
    areas: AreaSummary[];
  };
  /** The rules the findings (and the baseline's absent findings) reference, sorted by id. */
  rules: PlanRule[];
  /** What the findings are about, sorted by id and kind; a function with nine findings is written once. */
  subjects: FindingSubject[];
  /** Sorted by severity, rule id and subject id. */
  findings: Finding[];
  disabledRules: DisabledRule[];
  apps: FunctionApp[];
  cost: CostComparison;
  cutover: Cutover;
  /** Discovery warnings, carried so the manual can list them. */
  warnings: Warning[];
  /** Per-resource data-plane decisions (move to Azure or stay in AWS), sorted by id. */
  dataPlane?: DataResource[];
  /** Present when planned with `--baseline`. */
  baseline?: BaselineComparison;
}

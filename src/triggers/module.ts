// What one trigger kind knows at every stage of the pipeline. `src/triggers/registry.ts` holds one TriggerModule per
// member of the inventory's Trigger union, typed `{ [K in TriggerKind]: TriggerModule<K> }`: a kind without a module,
// or a module without one of these stages, does not compile. A stage that does not apply says so explicitly
// (`{}` for discovery sources without such an event, `{ manual: reason }` for a binding convert cannot generate).

import type { EventSourceMappingConfiguration } from '@aws-sdk/client-lambda';
import type { LambdaFunction, Trigger, TriggerKind } from '../model/inventory.js';
import type { AzureTriggerType, PlannedEntry, PlannedFunction, RoleAssignment, TargetResource } from '../model/plan.js';
import type { CfnJoin, CfnPermission, EsmTemplateAdapter } from './shared/cfn-input.js';
import type { SamEventInput } from './shared/sam-input.js';
import type { ServerlessEventInput } from './shared/serverless-input.js';
import type { EsmSettings } from './shared/event-source-mapping.js';
import type { BindingContext, TriggerBinding } from './shared/node-binding.js';
import type { PyEntryContext } from './shared/python-binding.js';

export type TriggerOf<K extends TriggerKind> = Extract<Trigger, { kind: K }>;

/** A plan mapping: the Azure entries (one per Azure function) and the resources the Bicep creates for them. */
export interface MappedTrigger {
  entries: Omit<PlannedEntry, 'name'>[];
  resources: TargetResource[];
}

/** A binding convert cannot generate, and why (the entry is left for the user to register). */
export interface Manual {
  manual: string;
}

export interface DiscoverStage {
  /** SAM `Events` entries, by event `Type`. */
  sam: Record<string, (e: SamEventInput) => Trigger>;
  /** Serverless `events` entries, by event key (an adapter may return several triggers, or another kind's). */
  serverless: Record<string, (e: ServerlessEventInput) => Trigger[]>;
  /** CloudFormation resources that define this kind on another resource than the function. */
  cloudFormation: {
    /** Joins by resource type: each finds its function(s) and adds the trigger. */
    resources?: Record<string, CfnJoin>;
    /** An AWS::Lambda::EventSourceMapping whose source is this kind's resource. */
    eventSourceMapping?: EsmTemplateAdapter;
    /** An AWS::Lambda::Permission whose principal is this kind's service, when no other resource described it. */
    permission?: CfnPermission;
  };
  /** Live AWS: a ListEventSourceMappings entry this kind recognises (push sources are read by `discover/aws/enrich-*`). */
  live: {
    eventSourceMapping?: (m: EventSourceMappingConfiguration, s: EsmSettings) => Trigger | undefined;
    /** The enricher under src/discover/aws/ reading this kind's push configuration, when there is one. */
    enricher?: string;
  };
}

export interface PlanStage<K extends TriggerKind> {
  /** The Azure trigger(s) and target resources for one trigger of this kind. */
  map(t: TriggerOf<K>, fn: LambdaFunction): MappedTrigger;
  /** Roles the app identity needs on the resources `map` created (the trigger's own receive rights). */
  roles(mapped: MappedTrigger): RoleAssignment[];
  /** The source as plan.md shows it (`GET /orders`, the queue, the schedule). */
  display(t: TriggerOf<K>): string;
  /** Served over HTTP (an always-ready `http` group on Flex for provisioned concurrency). */
  http: boolean;
  /** Cutover: the source holds messages or records to drain before consumers switch. */
  drain: boolean;
  /** Cutover: the source is itself a data store whose state moves (back up, restore, sync the delta). */
  dataStore: boolean;
  /** Azure trigger types a reviewed plan may choose for this kind (convert rejects others); `any` when unconstrained. */
  compatible: readonly AzureTriggerType[] | 'any';
}

export interface ConvertStage {
  /** The Node v4 entry: how the Azure input becomes the Lambda event, the result goes back, and the sample inputs. */
  node: ((ctx: BindingContext) => TriggerBinding) | Manual;
  /** The Python v2 decorated function's lines, or undefined when the planned Azure trigger has no generated mapping. */
  python: ((ctx: PyEntryContext) => string[] | undefined) | Manual;
}

export interface EmitStage {
  /** What the Azure resource this kind's trigger reads replaces, as the Bicep description says it (`the Kinesis stream 'x'`). */
  replaces: ((resourceName: string) => string) | null;
  /**
   * The manual: turning the Lambda event source off at cutover, and on again at failback. `resource` is the shell word
   * for the AWS resource the entry reads (e.g. the S3 bucket), when the runbook knows it.
   */
  cutover(fn: PlannedFunction, entry: PlannedEntry, resource?: string): { cutover: string; failback: string };
  /** The manual's data move for an Event Hub this kind feeds, when records must be drained or producers switched. */
  eventHubMove?(hub: { name: string; partitionCount: number; consumerGroup: string }): { title: string; text: string; commands: string; failback: string };
}

export interface TriggerModule<K extends TriggerKind> {
  kind: K;
  discover: DiscoverStage;
  plan: PlanStage<K>;
  convert: ConvertStage;
  emit: EmitStage;
}

export const isManual = (b: unknown): b is Manual => typeof b === 'object' && b !== null && 'manual' in b;

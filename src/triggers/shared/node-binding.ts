// The Node entry a trigger module generates: how an Azure trigger's input becomes the Lambda event the handler
// expects, how the handler's result goes back, and the sample Azure input the generated equivalence test feeds
// both sides. Shared here: the binding's shape, registration options, the sample values, and the
// pass-through binding for payloads with no mapping.

import type { PlannedEntry } from '../../model/plan.js';
import { RULE_PASSTHROUGH } from '../../convert/node/transforms/rule-ids.js';

export interface BindingContext {
  entry: PlannedEntry;
  /** Exported Azure handler function name. */
  exportName: string;
  lambdaName: string;
}

/** The Azure input of the generated equivalence test; the Lambda event is built from it by the runtime builder. */
export interface Sample {
  /** TypeScript expression producing the Azure input (the first parameter of the exported handler). */
  azureArgs: string;
  /** triggerMetadata for the InvocationContext. */
  triggerMetadata?: Record<string, unknown>;
}

export interface TriggerBinding {
  /** Imports from migrate-runtime/<module> (packages/migrate-runtime) the entry needs. */
  runtimeImports: Record<string, string[]>;
  /** Type names imported from @azure/functions. */
  azureTypes: string[];
  /** Parameter list and return type of the exported Azure handler. */
  signature: string;
  /** Statements building `event` from the Azure inputs (indented by two spaces). */
  buildEvent: string;
  /** A TODO(migrate:…) the entry writes above `buildEvent`: what the mapping cannot carry over. */
  todo?: { ruleId: string; message: string };
  /** The return statement, given `invoke` (a `() => Promise<unknown>` running the Lambda handler). */
  returnResult: string;
  /** `app.<x>(name, {...})` registration, or undefined when the trigger has no Azure equivalent. */
  registration?: string;
  /** How the equivalence test compares outcomes. */
  compare: 'http' | 'sqs' | 'value';
  /** HTTP format for the test's expected gateway response. */
  httpFormat?: '1.0' | '2.0' | 'alb' | 'direct';
  sample: Sample;
}

export const json = (v: unknown) => JSON.stringify(v);
export const SAMPLE_TIME = '2026-01-15T08:30:00.000Z';
export const SAMPLE_BODY = { id: 'sample-1', sku: 'sku-1', quantity: 2, email: 'user@example.com', mode: 'succeed' };

/** `{ key: value, ..., handler: exportName }` for an `app.<trigger>()` registration. */
export function registrationOptions(fields: Record<string, unknown>, exportName: string): string {
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${json(v)}`);
  parts.push(`handler: ${exportName}`);
  return `{ ${parts.join(', ')} }`;
}

/** The registration of a planned trigger whose payload reaches the handler unchanged, when Azure has the trigger. */
function passthroughRegistration(ctx: BindingContext): string | undefined {
  const t = ctx.entry.trigger;
  const name = json(ctx.entry.name);
  switch (t.type) {
    case 'kafka':
      return `app.generic(${name}, { trigger: trigger.generic(${json({ type: 'kafkaTrigger', name: 'event', topic: t.topic, brokerList: t.brokerList, consumerGroup: t.consumerGroup })}), handler: ${ctx.exportName} });`;
    case 'rabbitMQ':
      return `app.generic(${name}, { trigger: trigger.generic(${json({ type: 'rabbitMQTrigger', name: 'event', queueName: t.queueName, connectionStringSetting: t.connectionStringSetting })}), handler: ${ctx.exportName} });`;
    case 'eventHub':
      return eventHubRegistration(ctx);
    default:
      return undefined;
  }
}

export function eventHubRegistration(ctx: BindingContext): string | undefined {
  const t = ctx.entry.trigger;
  if (t.type !== 'eventHub') return undefined;
  return `app.eventHub(${json(ctx.entry.name)}, ${registrationOptions({ eventHubName: t.eventHubName, connection: t.connection, cardinality: 'many', consumerGroup: t.consumerGroup }, ctx.exportName)});`;
}

export function eventGridRegistration(ctx: BindingContext): string | undefined {
  return ctx.entry.trigger.type === 'eventGrid' ? `app.eventGrid(${json(ctx.entry.name)}, { handler: ${ctx.exportName} });` : undefined;
}

/**
 * The trigger payload is handed to the handler unchanged (the user adapts the parsing; a TODO says so). Registered
 * when the planned Azure trigger exists (Kafka, RabbitMQ, Event Hubs); otherwise the entry is left to the user.
 */
export function passthroughBinding(ctx: BindingContext): TriggerBinding {
  const sample = { records: [{ id: 'record-1', value: 'sample' }] };
  return {
    runtimeImports: {},
    azureTypes: ['InvocationContext'],
    signature: '(input: unknown, context: InvocationContext): Promise<unknown>',
    todo: { ruleId: RULE_PASSTHROUGH, message: `no mapping from this trigger's payload to the Lambda ${ctx.entry.lambdaEvent} event; the input is passed through unchanged.` },
    buildEvent: `  const event = input;`,
    returnResult: `  return invoke();`,
    registration: passthroughRegistration(ctx),
    compare: 'value',
    sample: { azureArgs: json(sample) },
  };
}

// The trigger registry: one module per member of the inventory's Trigger union. The mapped type makes a kind
// without a module, or a module without a stage, a compile error; everything per kind is looked up here.
// Adding a trigger kind = a folder under src/triggers/ with types.ts and index.ts, plus the union member in
// src/model/inventory.ts and one line below.

import type { LambdaFunction, Trigger, TriggerKind } from '../model/inventory.js';
import type { AzureTriggerType, PlannedEntry } from '../model/plan.js';
import { alb } from './alb/index.js';
import { apiGatewayHttp } from './api-gateway-http/index.js';
import { apiGatewayRest } from './api-gateway-rest/index.js';
import { cloudwatchLogs } from './cloudwatch-logs/index.js';
import { cognito } from './cognito/index.js';
import { dynamodbStream } from './dynamodb-stream/index.js';
import { eventbridgeRule } from './eventbridge-rule/index.js';
import { functionUrl } from './function-url/index.js';
import { iot } from './iot/index.js';
import { kafka } from './kafka/index.js';
import { kinesis } from './kinesis/index.js';
import type { MappedTrigger, TriggerModule } from './module.js';
import { mq } from './mq/index.js';
import { s3 } from './s3/index.js';
import { schedule } from './schedule/index.js';
import { sns } from './sns/index.js';
import { sqs } from './sqs/index.js';
import { unknown } from './unknown/index.js';
import { websocket } from './websocket/index.js';

export const TRIGGERS: { readonly [K in TriggerKind]: TriggerModule<K> } = {
  'api-gateway-rest': apiGatewayRest,
  'api-gateway-http': apiGatewayHttp,
  'function-url': functionUrl,
  alb,
  sqs,
  sns,
  s3,
  'eventbridge-rule': eventbridgeRule,
  schedule,
  'dynamodb-stream': dynamodbStream,
  kinesis,
  kafka,
  mq,
  'cloudwatch-logs': cloudwatchLogs,
  cognito,
  iot,
  websocket,
  unknown,
};

/** The module of a kind, with its stages typed for the whole union (the registry guarantees the match). */
export function triggerModule(kind: TriggerKind): TriggerModule<TriggerKind> {
  return TRIGGERS[kind] as unknown as TriggerModule<TriggerKind>;
}

/** Every module, in the union's order. */
export const TRIGGER_MODULES: readonly TriggerModule<TriggerKind>[] = Object.values(TRIGGERS) as unknown as TriggerModule<TriggerKind>[];

export function mapTrigger(t: Trigger, fn: LambdaFunction): MappedTrigger {
  return triggerModule(t.kind).plan.map(t, fn);
}

export function displayTriggerSource(t: Trigger): string {
  return triggerModule(t.kind).plan.display(t);
}

/** Azure trigger types a reviewed plan may choose for a Lambda event shape, or undefined when any is accepted. */
export function compatibleTriggers(lambdaEvent: PlannedEntry['lambdaEvent']): readonly AzureTriggerType[] | undefined {
  if (lambdaEvent === 'direct-invoke') return ['http'];
  const c = triggerModule(lambdaEvent).plan.compatible;
  return c === 'any' ? undefined : c;
}

// EventBridge rules → an Event Grid topic (the bus) with one subscription per function, the pattern as advanced
// filters where a plain value list expresses it. Read from SAM `EventBridgeRule`/`CloudWatchEvent`, Serverless
// `eventBridge`/`cloudwatchEvent`, AWS::Events::Rule (a rule with a schedule expression is a `schedule`), permissions.

import type { Trigger } from '../../model/inventory.js';
import { asArray, asRecord } from '../../discover/templates/context.js';
import { display, toPlain } from '../../discover/templates/symbolic.js';
import { resourceTail, slug } from '../../plan/names.js';
import type { TriggerModule } from '../module.js';
import { noRoles } from '../shared/roles.js';
import { cfnBase, targetFunction } from '../shared/cfn-input.js';
import { ruleSwitch } from '../shared/manual.js';
import { passthroughBinding } from '../shared/node-binding.js';
import { eventGridFilters, one } from '../shared/plan.js';
import { pyEventGrid, pyTimer } from '../shared/python-binding.js';
import { inputKind, samBase, samNum, samStr, type SamEventInput } from '../shared/sam-input.js';
import { slsInputKind, slsNum, slsVal, type ServerlessEventInput } from '../shared/serverless-input.js';
import { scheduleBinding } from '../schedule/node.js';
import { eventBridgeBinding } from './node.js';
import type { EventBridgeRuleTrigger } from './types.js';

/** Retry policy of a rule target, when it has one. */
function retryPolicy(raw: unknown, attempts: string, age: string, num: (v: unknown) => number | undefined): Pick<EventBridgeRuleTrigger, 'retryPolicy'> {
  const retry = asRecord(raw);
  if (Object.keys(retry).length === 0) return {};
  const policy: NonNullable<EventBridgeRuleTrigger['retryPolicy']> = {};
  const a = num(retry[attempts]);
  const b = num(retry[age]);
  if (a !== undefined) policy.maximumRetryAttempts = a;
  if (b !== undefined) policy.maximumEventAgeInSeconds = b;
  return { retryPolicy: policy };
}

function samRule(e: SamEventInput): Trigger {
  const t: EventBridgeRuleTrigger = { ...samBase(e), kind: 'eventbridge-rule', pattern: toPlain(e.ctx.resolver.resolve(e.props.Pattern)) ?? null, ...retryPolicy(e.props.RetryPolicy, 'MaximumRetryAttempts', 'MaximumEventAgeInSeconds', (v) => samNum(e, v)) };
  const bus = samStr(e, e.props.EventBusName);
  if (bus !== undefined) t.eventBus = bus;
  const rule = samStr(e, e.props.RuleName);
  if (rule !== undefined) t.ruleName = rule;
  const input = inputKind(e.props);
  if (input) t.input = input;
  const dlc = asRecord(e.props.DeadLetterConfig);
  const dl = samStr(e, dlc.Arn) ?? (dlc.Type !== undefined ? { symbol: `implicit-dlq:${e.fnLogicalId}${e.eventName}` } : undefined);
  if (dl !== undefined) t.deadLetter = dl;
  return t;
}

function serverlessRule(e: ServerlessEventInput): Trigger[] {
  const { o, ctx } = e;
  if (o.schedule !== undefined) return [{ ...e.base, kind: 'schedule', expression: display(slsVal(ctx, o.schedule) ?? ''), via: 'events' }];
  const t: EventBridgeRuleTrigger = { ...e.base, kind: 'eventbridge-rule', pattern: toPlain(o.pattern ?? o.event) ?? null, ...retryPolicy(o.retryPolicy, 'maximumRetryAttempts', 'maximumEventAge', slsNum) };
  const bus = slsVal(ctx, o.eventBus);
  if (bus !== undefined) t.eventBus = bus;
  const name = slsVal(ctx, o.name);
  if (name !== undefined) t.ruleName = name;
  const input = slsInputKind(o);
  if (input) t.input = input;
  const dl = slsVal(ctx, o.deadLetterQueueArn);
  if (dl !== undefined) t.deadLetter = dl;
  return [t];
}

export const eventbridgeRule: TriggerModule<'eventbridge-rule'> = {
  kind: 'eventbridge-rule',
  discover: {
    sam: { EventBridgeRule: samRule, CloudWatchEvent: samRule },
    serverless: { eventBridge: serverlessRule, cloudwatchEvent: serverlessRule },
    cloudFormation: {
      resources: {
        'AWS::Events::Rule': (j, logicalId, props) => {
          const r = j.ctx.resolver;
          const targets = asArray(props.Targets);
          targets.forEach((target, i) => {
            const tg = asRecord(target);
            const fn = targetFunction(j, tg.Arn);
            if (!fn) return;
            const b = { ...cfnBase(j, logicalId, props), id: targets.length > 1 ? `${logicalId}#${r.literal(tg.Id) ?? i}` : logicalId };
            const input = inputKind(tg);
            const expression = r.literal(props.ScheduleExpression);
            if (expression) {
              fn.triggers.push({ ...b, kind: 'schedule', expression, via: 'events', ...(input ? { input } : {}) });
              return;
            }
            const t: EventBridgeRuleTrigger = {
              ...b,
              kind: 'eventbridge-rule',
              pattern: toPlain(r.resolve(props.EventPattern)) ?? null,
              ruleName: r.str(props.Name) ?? { symbol: `Ref:${logicalId}` },
              ...retryPolicy(tg.RetryPolicy, 'MaximumRetryAttempts', 'MaximumEventAgeInSeconds', (v) => r.num(v)),
            };
            const bus = r.str(props.EventBusName);
            if (bus !== undefined) t.eventBus = bus;
            if (input) t.input = input;
            const dl = r.str(asRecord(tg.DeadLetterConfig).Arn);
            if (dl !== undefined) t.deadLetter = dl;
            fn.triggers.push(t);
          });
        },
      },
      permission: {
        principal: 'events.amazonaws.com',
        covers: (t) => t.kind === 'eventbridge-rule' || t.kind === 'schedule',
        build: ({ base, src }) => ({ ...base, kind: 'eventbridge-rule', pattern: null, ruleName: src }),
      },
    },
    live: { enricher: 'enrich-events.ts' },
  },
  plan: {
    map: (t, fn) => {
      const bus = t.eventBus ? slug(resourceTail(t.eventBus, 'default')) : 'default';
      const filters = eventGridFilters(t.pattern, true);
      return one(t, { type: 'eventGrid' }, [{ kind: 'event-grid-topic', name: bus === 'default' ? `${slug(fn.stack ?? 'app') || 'app'}-events` : bus, functionName: '', ...(filters.length ? { filters } : {}) }]);
    },
    roles: noRoles,
    display: (t) => t.id,
    http: false,
    drain: false,
    dataStore: false,
    compatible: ['eventGrid', 'timer', 'serviceBusTopic'],
  },
  convert: {
    node: (ctx) => {
      const type = ctx.entry.trigger.type;
      return type === 'eventGrid' ? eventBridgeBinding(ctx) : type === 'timer' ? scheduleBinding(ctx) : passthroughBinding(ctx);
    },
    python: (c) => pyTimer(c) ?? pyEventGrid(c, 'eventbridge_event(grid_event)'),
  },
  emit: {
    replaces: (name) => `the EventBridge bus '${name}'`,
    cutover: ruleSwitch,
  },
};

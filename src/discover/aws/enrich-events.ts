// EventBridge push triggers: the rules named by `events.amazonaws.com` statements → pattern or schedule, bus and
// the target's input, retry policy and dead-letter queue. (The EventBridge client has no paginators: NextToken by hand.)

import { DescribeRuleCommand, ListRuleNamesByTargetCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import type { EventBridgeRuleTrigger, Trigger } from '../../model/inventory.js';
import { splitFunctionArn } from './arn.js';
import { collectPages } from './call.js';
import type { FunctionFacts } from './collect-functions.js';
import type { RegionContext } from './context.js';
import { pushSourcesOf, stalePermission, TriggerSink, triggerFromPolicy } from './push-triggers.js';

export function inputKind(t: { Input?: string; InputPath?: string; InputTransformer?: unknown }): EventBridgeRuleTrigger['input'] {
  if (t.InputTransformer) return 'transformer';
  if (t.InputPath) return 'path';
  if (t.Input !== undefined) return 'constant';
  return undefined;
}

export async function enrichEvents(ctx: RegionContext, functions: readonly FunctionFacts[], sink: TriggerSink): Promise<void> {
  const pairs = pushSourcesOf(functions, 'events');
  if (pairs.length === 0) return;
  const eb = ctx.client('events');
  // rule key `bus\u0000name` → functions whose policy names it
  const rules = new Map<string, { bus: string; name: string }>();
  for (const { fn, ps } of pairs) {
    if (ps.source?.service === 'events') {
      const bus = ps.source.eventBus ?? 'default';
      rules.set(`${bus}\u0000${ps.source.ruleName}`, { bus, name: ps.source.ruleName });
    } else {
      const names = await collectPages(ctx.caller, ctx.spec('events:ListRuleNamesByTarget', fn.arn), (NextToken) => eb.send(new ListRuleNamesByTargetCommand({ TargetArn: fn.arn, NextToken })), (p) => p.RuleNames, (p) => p.NextToken);
      for (const name of names.items) rules.set(`default\u0000${name}`, { bus: 'default', name });
    }
  }
  const known = new Set(functions.map((f) => f.arn));
  const failed = new Set<string>();
  const missing = new Set<string>();
  for (const key of [...rules.keys()].sort()) {
    const { bus, name } = rules.get(key)!;
    const EventBusName = bus === 'default' ? undefined : bus;
    const rule = await ctx.caller.call(ctx.spec('events:DescribeRule', name), () => eb.send(new DescribeRuleCommand({ Name: name, EventBusName })));
    if (rule.status !== 'ok') {
      (rule.status === 'failed' ? failed : missing).add(name);
      continue;
    }
    const targets = await collectPages(ctx.caller, ctx.spec('events:ListTargetsByRule', name), (NextToken) => eb.send(new ListTargetsByRuleCommand({ Rule: name, EventBusName, NextToken })), (p) => p.Targets, (p) => p.NextToken);
    const r = rule.value;
    for (const t of targets.items) {
      const fnArn = splitFunctionArn(t.Arn ?? '').base;
      if (!known.has(fnArn)) continue;
      const enabled = r.State === 'DISABLED' ? false : undefined;
      const input = inputKind(t);
      let trigger: Trigger;
      if (r.ScheduleExpression) {
        trigger = { kind: 'schedule', id: `schedule:events:${bus}/${name}`, enabled, expression: r.ScheduleExpression, via: 'events', input };
      } else {
        let pattern: unknown = r.EventPattern;
        try {
          pattern = JSON.parse(r.EventPattern ?? 'null') as unknown;
        } catch {
          /* keep the raw text */
        }
        const retry = t.RetryPolicy;
        trigger = {
          kind: 'eventbridge-rule',
          id: `eventbridge-rule:${bus}/${name}`,
          enabled,
          pattern,
          eventBus: bus,
          ruleName: name,
          input,
          retryPolicy: retry ? { maximumRetryAttempts: retry.MaximumRetryAttempts, maximumEventAgeInSeconds: retry.MaximumEventAgeInSeconds } : undefined,
          deadLetter: t.DeadLetterConfig?.Arn,
        };
      }
      sink.add(fnArn, trigger);
    }
  }
  for (const { fn, ps } of pairs) {
    if (ps.source?.service !== 'events') continue;
    if (failed.has(ps.source.ruleName)) sink.add(fn.arn, triggerFromPolicy(ps));
    if (missing.has(ps.source.ruleName)) ctx.caller.warn(stalePermission(fn, ps));
  }
}

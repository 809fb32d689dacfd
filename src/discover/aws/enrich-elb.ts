// ALB push triggers: target groups named by `elasticloadbalancing.amazonaws.com` statements → the listener
// rules that forward to them (path, host, method conditions) and the multi-value-headers attribute.

import {
  DescribeListenersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  type Rule,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AlbTrigger } from '../../model/inventory.js';
import { collectPages } from './call.js';
import type { FunctionFacts } from './collect-functions.js';
import type { RegionContext } from './context.js';
import { pushSourcesOf, TriggerSink, triggerFromPolicy } from './push-triggers.js';

function conditionsOf(rules: Rule[]): AlbTrigger['conditions'] {
  const path = new Set<string>();
  const host = new Set<string>();
  const method = new Set<string>();
  for (const r of rules) {
    for (const c of r.Conditions ?? []) {
      const values = c.Values ?? [];
      if (c.Field === 'path-pattern') for (const v of [...values, ...(c.PathPatternConfig?.Values ?? [])]) path.add(v);
      if (c.Field === 'host-header') for (const v of [...values, ...(c.HostHeaderConfig?.Values ?? [])]) host.add(v);
      if (c.Field === 'http-request-method') for (const v of [...values, ...(c.HttpRequestMethodConfig?.Values ?? [])]) method.add(v);
    }
  }
  const out: NonNullable<AlbTrigger['conditions']> = {};
  if (path.size) out.path = [...path].sort();
  if (host.size) out.host = [...host].sort();
  if (method.size) out.method = [...method].sort();
  return Object.keys(out).length ? out : undefined;
}

export async function enrichElb(ctx: RegionContext, functions: readonly FunctionFacts[], sink: TriggerSink): Promise<void> {
  const pairs = pushSourcesOf(functions, 'elb');
  if (pairs.length === 0) return;
  const elb = ctx.client('elb');
  for (const { fn, ps } of pairs) {
    if (ps.source?.service !== 'elb') {
      sink.add(fn.arn, triggerFromPolicy(ps));
      continue;
    }
    const TargetGroupArn = ps.source.targetGroupArn;
    const tg = await ctx.caller.call(ctx.spec('elasticloadbalancing:DescribeTargetGroups', TargetGroupArn), () => elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [TargetGroupArn] })));
    if (tg.status === 'failed') sink.add(fn.arn, triggerFromPolicy(ps));
    if (tg.status !== 'ok' || !tg.value.TargetGroups?.[0]) continue;
    const attrs = await ctx.caller.get(ctx.spec('elasticloadbalancing:DescribeTargetGroupAttributes', TargetGroupArn), () => elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn })));
    const multi = attrs?.Attributes?.find((a) => a.Key === 'lambda.multi_value_headers.enabled')?.Value;
    const forwarding: Rule[] = [];
    for (const LoadBalancerArn of [...(tg.value.TargetGroups[0].LoadBalancerArns ?? [])].sort()) {
      const listeners = await collectPages(ctx.caller, ctx.spec('elasticloadbalancing:DescribeListeners', LoadBalancerArn), (Marker) => elb.send(new DescribeListenersCommand({ LoadBalancerArn, Marker })), (p) => p.Listeners, (p) => p.NextMarker);
      for (const l of listeners.items) {
        const rules = await collectPages(ctx.caller, ctx.spec('elasticloadbalancing:DescribeRules', l.ListenerArn), (Marker) => elb.send(new DescribeRulesCommand({ ListenerArn: l.ListenerArn, Marker })), (p) => p.Rules, (p) => p.NextMarker);
        for (const r of rules.items) {
          const forwards = (r.Actions ?? []).some((a) => a.TargetGroupArn === TargetGroupArn || a.ForwardConfig?.TargetGroups?.some((t) => t.TargetGroupArn === TargetGroupArn));
          if (forwards) forwarding.push(r);
        }
      }
    }
    sink.add(fn.arn, {
      kind: 'alb',
      id: `alb:${TargetGroupArn}`,
      targetGroup: TargetGroupArn,
      conditions: conditionsOf(forwarding),
      multiValueHeaders: multi === undefined ? undefined : multi === 'true',
    });
  }
}

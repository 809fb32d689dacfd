// SNS push triggers: the topics named by `sns.amazonaws.com` statements → Lambda subscriptions and their filter policies.

import { GetSubscriptionAttributesCommand, ListSubscriptionsByTopicCommand, ListSubscriptionsCommand, type Subscription } from '@aws-sdk/client-sns';
import { splitFunctionArn } from './arn.js';
import { collectPages } from './call.js';
import type { FunctionFacts } from './collect-functions.js';
import type { RegionContext } from './context.js';
import { pushSourcesOf, TriggerSink, triggerFromPolicy } from './push-triggers.js';

function parseJson(s: string | undefined): unknown {
  if (s === undefined || s === '') return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}

export async function enrichSns(ctx: RegionContext, functions: readonly FunctionFacts[], sink: TriggerSink): Promise<void> {
  const pairs = pushSourcesOf(functions, 'sns');
  if (pairs.length === 0) return;
  const sns = ctx.client('sns');
  const subs: Subscription[] = [];
  const failedTopics = new Set<string>();
  if (pairs.some(({ ps }) => ps.source?.service !== 'sns')) {
    const all = await collectPages(ctx.caller, ctx.spec('sns:ListSubscriptions'), (NextToken) => sns.send(new ListSubscriptionsCommand({ NextToken })), (p) => p.Subscriptions, (p) => p.NextToken);
    subs.push(...all.items);
  } else {
    const topics = [...new Set(pairs.map(({ ps }) => (ps.source?.service === 'sns' ? ps.source.topicArn : '')))].sort();
    for (const TopicArn of topics) {
      const r = await collectPages(ctx.caller, ctx.spec('sns:ListSubscriptionsByTopic', TopicArn), (NextToken) => sns.send(new ListSubscriptionsByTopicCommand({ TopicArn, NextToken })), (p) => p.Subscriptions, (p) => p.NextToken);
      if (!r.complete && r.items.length === 0) failedTopics.add(TopicArn);
      subs.push(...r.items);
    }
  }
  const known = new Set(functions.map((f) => f.arn));
  for (const sub of subs) {
    if (sub.Protocol !== 'lambda' || !sub.Endpoint || !sub.TopicArn || !sub.SubscriptionArn) continue;
    const fnArn = splitFunctionArn(sub.Endpoint).base;
    if (!known.has(fnArn)) continue;
    const attrs = await ctx.caller.get(ctx.spec('sns:GetSubscriptionAttributes', sub.SubscriptionArn), () => sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: sub.SubscriptionArn })));
    const a = attrs?.Attributes ?? {};
    const scope = a.FilterPolicyScope;
    sink.add(fnArn, {
      kind: 'sns',
      id: `sns:${sub.TopicArn}`,
      topic: sub.TopicArn,
      filterPolicy: parseJson(a.FilterPolicy),
      filterPolicyScope: scope === 'MessageBody' || scope === 'MessageAttributes' ? scope : undefined,
      redrivePolicy: parseJson(a.RedrivePolicy),
    });
  }
  for (const { fn, ps } of pairs) if (ps.source?.service === 'sns' && failedTopics.has(ps.source.topicArn)) sink.add(fn.arn, triggerFromPolicy(ps));
}

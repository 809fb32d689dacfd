// SNS → an Event Grid topic with one subscription per function (the filter policy as advanced filters where a plain
// value list expresses it). Read from SAM `SNS`, Serverless `sns`, AWS::SNS::Subscription/Topic, permissions, live.

import { displayResolvable } from '../../model/inventory.js';
import { asArray, asRecord } from '../../discover/templates/context.js';
import { toPlain } from '../../discover/templates/symbolic.js';
import { shq } from '../../emit/azd/shell.js';
import { resourceTail, slug } from '../../plan/names.js';
import type { TriggerModule } from '../module.js';
import { noRoles } from '../shared/roles.js';
import { cfnBase, targetFunction } from '../shared/cfn-input.js';
import { passthroughBinding } from '../shared/node-binding.js';
import { eventGridFilters, one } from '../shared/plan.js';
import { py, pyEventGrid } from '../shared/python-binding.js';
import { samBase, samLit, samStr } from '../shared/sam-input.js';
import { slsIsRef, slsVal } from '../shared/serverless-input.js';
import { snsBinding } from './node.js';
import type { SnsTrigger } from './types.js';

/** Filter policy, its scope and redrive policy (same names, different case, everywhere). */
function subscription(filterPolicy: unknown, scope: unknown, redrive: unknown, plain: (v: unknown) => unknown): Partial<SnsTrigger> {
  const out: Partial<SnsTrigger> = {};
  if (filterPolicy !== undefined) out.filterPolicy = plain(filterPolicy);
  if (scope === 'MessageAttributes' || scope === 'MessageBody') out.filterPolicyScope = scope;
  if (redrive !== undefined) out.redrivePolicy = plain(redrive);
  return out;
}

export const sns: TriggerModule<'sns'> = {
  kind: 'sns',
  discover: {
    sam: {
      SNS: (e) => ({
        ...samBase(e),
        kind: 'sns',
        topic: samStr(e, e.props.Topic) ?? { symbol: 'unknown-topic' },
        ...subscription(e.props.FilterPolicy, samLit(e, e.props.FilterPolicyScope), e.props.RedrivePolicy, (v) => toPlain(e.ctx.resolver.resolve(v))),
      }),
    },
    serverless: {
      sns: (e) => [
        {
          ...e.base,
          kind: 'sns',
          topic: (slsIsRef(e.spec) ? slsVal(e.ctx, e.spec) : slsVal(e.ctx, e.o.arn ?? e.o.topicName)) ?? { symbol: 'unknown-topic' },
          ...subscription(e.o.filterPolicy, e.o.filterPolicyScope, e.o.redrivePolicy, toPlain),
        },
      ],
    },
    cloudFormation: {
      resources: {
        'AWS::SNS::Subscription': (j, logicalId, props) => {
          const r = j.ctx.resolver;
          if (r.literal(props.Protocol) !== 'lambda') return;
          const fn = targetFunction(j, props.Endpoint);
          if (!fn) return;
          const sub = subscription(props.FilterPolicy, r.literal(props.FilterPolicyScope), props.RedrivePolicy, (v) => toPlain(r.resolve(v)));
          fn.triggers.push({ ...cfnBase(j, logicalId, props), kind: 'sns', topic: r.str(props.TopicArn) ?? { symbol: 'unknown-topic' }, ...sub });
        },
        'AWS::SNS::Topic': (j, logicalId, props) => {
          asArray(props.Subscription).forEach((s, i) => {
            const sub = asRecord(s);
            if (j.ctx.resolver.literal(sub.Protocol) !== 'lambda') return;
            const fn = targetFunction(j, sub.Endpoint);
            if (fn) fn.triggers.push({ ...cfnBase(j, logicalId, props), id: `${logicalId}#${i}`, kind: 'sns', topic: { symbol: `Ref:${logicalId}` } });
          });
        },
      },
      permission: { principal: 'sns.amazonaws.com', covers: (t) => t.kind === 'sns', build: ({ base, src }) => ({ ...base, kind: 'sns', topic: src }) },
    },
    live: { enricher: 'enrich-sns.ts' },
  },
  plan: {
    map: (t, fn) => {
      const topic = slug(resourceTail(t.topic, `${fn.name}-topic`)) || 'topic';
      const filters = t.filterPolicy ? eventGridFilters(t.filterPolicy).map((f) => ({ ...f, key: f.key.startsWith('data.') ? f.key : `data.${f.key}` })) : [];
      return one(t, { type: 'eventGrid' }, [{ kind: 'event-grid-topic', name: topic, functionName: '', ...(filters.length ? { filters } : {}) }]);
    },
    roles: noRoles,
    display: (t) => displayResolvable(t.topic),
    http: false,
    drain: false,
    dataStore: false,
    compatible: ['eventGrid', 'serviceBusTopic'],
  },
  convert: {
    node: (ctx) => (ctx.entry.trigger.type === 'eventGrid' ? snsBinding(ctx) : passthroughBinding(ctx)),
    python: (c) => pyEventGrid(c, `sns_event(grid_event, ${py(`arn:aws:sns:::${c.entry.name}`)})`),
  },
  emit: {
    replaces: (name) => `the SNS topic '${name}'`,
    cutover: (fn, entry) => {
      const target = entry.trigger.type === 'serviceBusTopic' ? 'Service Bus topic' : 'Event Grid topic';
      const arn = `$(aws lambda get-function --function-name ${shq(fn.lambdaName)} --query Configuration.FunctionArn --output text)`;
      const saved = shq(`sns-subscription-${fn.lambdaName}.txt`);
      return {
        cutover: `Switch publishers to the ${target}, then unsubscribe the Lambda, keeping its topic for failback: \`SUB=$(aws sns list-subscriptions --query "Subscriptions[?Endpoint=='${arn}'].SubscriptionArn" --output text) && aws sns get-subscription-attributes --subscription-arn "$SUB" --query Attributes.TopicArn --output text > ${saved} && aws sns unsubscribe --subscription-arn "$SUB"\``,
        failback: `Switch publishers back to SNS and resubscribe: \`aws sns subscribe --topic-arn "$(cat ${saved})" --protocol lambda --notification-endpoint "${arn}"\``,
      };
    },
  },
};

// CloudWatch Logs subscriptions → an Event Hub the logs are streamed to (Azure Monitor diagnostic settings export
// there); the Event Hubs trigger hands the records to the handler unchanged. Read from SAM `CloudWatchLogs`,
// Serverless `cloudwatchLog`, AWS::Logs::SubscriptionFilter, permissions, live subscription filters.

import type { TriggerModule } from '../module.js';
import { cfnBase, targetFunction } from '../shared/cfn-input.js';
import { callerSwitch } from '../shared/manual.js';
import { routedEventHub } from '../shared/routed-event-hub.js';
import { samBase, samLit, samStr } from '../shared/sam-input.js';
import { slsLit, slsVal } from '../shared/serverless-input.js';
import type { CloudWatchLogsTrigger } from './types.js';

export const cloudwatchLogs: TriggerModule<'cloudwatch-logs'> = {
  kind: 'cloudwatch-logs',
  discover: {
    sam: {
      CloudWatchLogs: (e) => {
        const t: CloudWatchLogsTrigger = { ...samBase(e), kind: 'cloudwatch-logs', logGroup: samStr(e, e.props.LogGroupName) ?? { symbol: 'unknown-log-group' } };
        const fp = samLit(e, e.props.FilterPattern);
        if (fp !== undefined) t.filterPattern = fp;
        return t;
      },
    },
    serverless: {
      cloudwatchLog: (e) => {
        const t: CloudWatchLogsTrigger = { ...e.base, kind: 'cloudwatch-logs', logGroup: (typeof e.spec === 'string' ? e.spec : slsVal(e.ctx, e.o.logGroup)) ?? { symbol: 'unknown-log-group' } };
        if (slsLit(e.o.filter) !== undefined) t.filterPattern = slsLit(e.o.filter);
        return [t];
      },
    },
    cloudFormation: {
      resources: {
        'AWS::Logs::SubscriptionFilter': (j, logicalId, props) => {
          const r = j.ctx.resolver;
          const fn = targetFunction(j, props.DestinationArn);
          if (!fn) return;
          const t: CloudWatchLogsTrigger = { ...cfnBase(j, logicalId, props), kind: 'cloudwatch-logs', logGroup: r.str(props.LogGroupName) ?? { symbol: 'unknown-log-group' } };
          const fp = r.literal(props.FilterPattern);
          if (fp !== undefined) t.filterPattern = fp;
          fn.triggers.push(t);
        },
      },
      permission: {
        principal: 'logs.amazonaws.com',
        covers: (t) => t.kind === 'cloudwatch-logs',
        build: ({ base, src, arnText }) => {
          const g = /:log-group:([^:]+)/.exec(arnText)?.[1];
          return { ...base, kind: 'cloudwatch-logs', logGroup: g && !g.includes('{') ? g : src };
        },
      },
    },
    live: { enricher: 'enrich-logs.ts' },
  },
  // Routed messages arrive as Event Hubs messages, not as the Lambda event: passed through (CAP-W025).
  ...routedEventHub<'cloudwatch-logs'>('logs', 'log records'),
  emit: {
    replaces: (name) => `the CloudWatch Logs subscription filter; a diagnostic setting streams the logs into '${name}'`,
    cutover: callerSwitch,
  },
};

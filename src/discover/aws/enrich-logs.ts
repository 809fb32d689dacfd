// CloudWatch Logs: subscription-filter triggers (groups named by `logs.amazonaws.com` statements), and the
// retention of each function's log group from one DescribeLogGroups sweep of `/aws/lambda/`.

import { DescribeLogGroupsCommand, DescribeSubscriptionFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { splitFunctionArn } from './arn.js';
import { collectPages } from './call.js';
import type { FunctionFacts } from './collect-functions.js';
import type { RegionContext } from './context.js';
import { pushSourcesOf, TriggerSink, triggerFromPolicy } from './push-triggers.js';

export async function enrichLogs(ctx: RegionContext, functions: readonly FunctionFacts[], sink: TriggerSink): Promise<void> {
  const pairs = pushSourcesOf(functions, 'logs');
  if (pairs.length === 0) return;
  const logs = ctx.client('logs');
  const groups = [...new Set(pairs.flatMap(({ ps }) => (ps.source?.service === 'logs' ? [ps.source.logGroup] : [])))].sort();
  const known = new Set(functions.map((f) => f.arn));
  const failed = new Set<string>();
  for (const logGroupName of groups) {
    const r = await collectPages(ctx.caller, ctx.spec('logs:DescribeSubscriptionFilters', logGroupName), (nextToken) => logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName, nextToken })), (p) => p.subscriptionFilters, (p) => p.nextToken);
    if (!r.complete) failed.add(logGroupName);
    for (const f of r.items) {
      const fnArn = splitFunctionArn(f.destinationArn ?? '').base;
      if (!known.has(fnArn)) continue;
      sink.add(fnArn, { kind: 'cloudwatch-logs', id: `cloudwatch-logs:${logGroupName}:${f.filterName ?? ''}`, logGroup: logGroupName, filterPattern: f.filterPattern });
    }
  }
  for (const { fn, ps } of pairs) if (ps.source?.service !== 'logs' || failed.has(ps.source.logGroup)) sink.add(fn.arn, triggerFromPolicy(ps));
}

/** Retention in days by log group name; `undefined` when the sweep failed (retention unknown). */
export async function collectLogRetention(ctx: RegionContext, functions: readonly FunctionFacts[]): Promise<Map<string, number | null> | undefined> {
  if (functions.length === 0) return new Map();
  const logs = ctx.client('logs');
  const prefixes = new Set(['/aws/lambda/']);
  for (const f of functions) {
    const custom = f.config.LoggingConfig?.LogGroup;
    if (custom && !custom.startsWith('/aws/lambda/')) prefixes.add(custom);
  }
  const out = new Map<string, number | null>();
  for (const logGroupNamePrefix of [...prefixes].sort()) {
    const r = await collectPages(ctx.caller, ctx.spec('logs:DescribeLogGroups', logGroupNamePrefix), (nextToken) => logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix, nextToken })), (p) => p.logGroups, (p) => p.nextToken);
    if (!r.complete) return undefined;
    for (const g of r.items) if (g.logGroupName) out.set(g.logGroupName, g.retentionInDays ?? null);
  }
  return out;
}

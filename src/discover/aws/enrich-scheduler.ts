// EventBridge Scheduler: schedules invoke with their own role, so they never show in a function's policy.
// One ListSchedules sweep per region, then GetSchedule for those that target a discovered function.

import { GetScheduleCommand, ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { splitFunctionArn } from './arn.js';
import { collectPages } from './call.js';
import type { FunctionFacts } from './collect-functions.js';
import type { RegionContext } from './context.js';
import type { TriggerSink } from './push-triggers.js';

export async function enrichScheduler(ctx: RegionContext, functions: readonly FunctionFacts[], sink: TriggerSink): Promise<void> {
  if (functions.length === 0) return;
  const scheduler = ctx.client('scheduler');
  const { items } = await collectPages(ctx.caller, ctx.spec('scheduler:ListSchedules'), (NextToken) => scheduler.send(new ListSchedulesCommand({ NextToken, MaxResults: 100 })), (p) => p.Schedules, (p) => p.NextToken);
  const known = new Set(functions.map((f) => f.arn));
  for (const s of items) {
    const fnArn = splitFunctionArn(s.Target?.Arn ?? '').base;
    if (!known.has(fnArn) || !s.Name) continue;
    const group = s.GroupName ?? 'default';
    const full = await ctx.caller.get(ctx.spec('scheduler:GetSchedule', `${group}/${s.Name}`), () => scheduler.send(new GetScheduleCommand({ Name: s.Name, GroupName: group })));
    const id = `schedule:scheduler:${group}/${s.Name}`;
    if (!full?.ScheduleExpression) {
      sink.add(fnArn, { kind: 'unknown', id, sourceType: 'scheduler.amazonaws.com', detail: { schedule: `${group}/${s.Name}` } });
      continue;
    }
    const flex = full.FlexibleTimeWindow;
    sink.add(fnArn, {
      kind: 'schedule',
      id,
      enabled: full.State === 'DISABLED' ? false : undefined,
      expression: full.ScheduleExpression,
      timezone: full.ScheduleExpressionTimezone,
      via: 'scheduler',
      flexibleTimeWindowMinutes: flex?.Mode === 'FLEXIBLE' ? flex.MaximumWindowInMinutes : undefined,
      input: full.Target?.Input !== undefined ? 'constant' : undefined,
      group,
    });
  }
}

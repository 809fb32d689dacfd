// Schedules (EventBridge rules with a schedule expression, EventBridge Scheduler) → a timer trigger whose NCRONTAB
// lives in an app setting. Read from SAM `Schedule`/`ScheduleV2`, Serverless `schedule`, AWS::Scheduler::Schedule
// (AWS::Events::Rule with a ScheduleExpression is read by the eventbridge-rule module).

import { asRecord } from '../../discover/templates/context.js';
import { display } from '../../discover/templates/symbolic.js';
import { mapScheduleExpression } from '../../plan/schedule.js';
import { settingName } from '../../plan/names.js';
import type { TriggerModule } from '../module.js';
import { noRoles } from '../shared/roles.js';
import { cfnBase, targetFunction } from '../shared/cfn-input.js';
import { ruleSwitch } from '../shared/manual.js';
import { passthroughBinding } from '../shared/node-binding.js';
import { none, one } from '../shared/plan.js';
import { pyTimer } from '../shared/python-binding.js';
import { inputKind, samBase, samLit, samNum } from '../shared/sam-input.js';
import { slsInputKind, slsLit, slsVal } from '../shared/serverless-input.js';
import { asArray } from '../../discover/templates/context.js';
import { scheduleBinding } from './node.js';
import type { ScheduleTrigger } from './types.js';

/** EventBridge Scheduler settings shared by SAM ScheduleV2 and AWS::Scheduler::Schedule. */
function schedulerFields(props: Record<string, unknown>, lit: (v: unknown) => string | undefined, num: (v: unknown) => number | undefined): Partial<ScheduleTrigger> {
  const out: Partial<ScheduleTrigger> = {};
  const tz = lit(props.ScheduleExpressionTimezone);
  if (tz) out.timezone = tz;
  const ftw = asRecord(props.FlexibleTimeWindow);
  const minutes = num(ftw.MaximumWindowInMinutes);
  if (lit(ftw.Mode) === 'FLEXIBLE' && minutes !== undefined) out.flexibleTimeWindowMinutes = minutes;
  const group = lit(props.GroupName);
  if (group) out.group = group;
  return out;
}

export const schedule: TriggerModule<'schedule'> = {
  kind: 'schedule',
  discover: {
    sam: {
      Schedule: (e) => {
        const input = inputKind(e.props);
        return { ...samBase(e), kind: 'schedule', expression: samLit(e, e.props.Schedule) ?? '', via: 'events', ...(input ? { input } : {}) };
      },
      ScheduleV2: (e) => {
        const input = inputKind(e.props);
        const fields = schedulerFields(e.props, (v) => samLit(e, v), (v) => samNum(e, v));
        return { ...samBase(e), kind: 'schedule', expression: samLit(e, e.props.ScheduleExpression) ?? '', via: 'scheduler', ...fields, ...(input ? { input } : {}) };
      },
    },
    serverless: {
      schedule: (e) => {
        const { o } = e;
        const rates = typeof e.spec === 'string' ? [e.spec] : asArray(o.rate).map((x) => display(slsVal(e.ctx, x) ?? ''));
        const via = o.method === 'scheduler' || o.timezone !== undefined ? 'scheduler' : 'events';
        const input = slsInputKind(o);
        return rates.map((expression, i) => {
          const t: ScheduleTrigger = { ...e.base, id: rates.length > 1 ? `${e.base.id}-${i}` : e.base.id, kind: 'schedule', expression, via };
          if (slsLit(o.timezone)) t.timezone = slsLit(o.timezone);
          if (input) t.input = input;
          return t;
        });
      },
    },
    cloudFormation: {
      resources: {
        'AWS::Scheduler::Schedule': (j, logicalId, props) => {
          const r = j.ctx.resolver;
          const target = asRecord(props.Target);
          const fn = targetFunction(j, target.Arn);
          if (!fn) return;
          const t: ScheduleTrigger = { ...cfnBase(j, logicalId, props), kind: 'schedule', expression: r.literal(props.ScheduleExpression) ?? '', via: 'scheduler', ...schedulerFields(props, (v) => r.literal(v), (v) => r.num(v)) };
          if (target.Input !== undefined) t.input = 'constant';
          fn.triggers.push(t);
        },
      },
    },
    live: { enricher: 'enrich-scheduler.ts' },
  },
  plan: {
    map: (t, fn) => {
      const tr = mapScheduleExpression(t.expression);
      if (!tr.ok) return none(t, tr.reason);
      return one(t, { type: 'timer', schedule: tr.ncrontab, scheduleSetting: `TIMER_${settingName(`${fn.name}_${t.id}`)}_SCHEDULE` });
    },
    roles: noRoles,
    display: (t) => t.expression,
    http: false,
    drain: false,
    dataStore: false,
    compatible: ['timer'],
  },
  convert: {
    node: (ctx) => (ctx.entry.trigger.type === 'timer' ? scheduleBinding(ctx) : passthroughBinding(ctx)),
    python: pyTimer,
  },
  emit: { replaces: null, cutover: ruleSwitch },
};

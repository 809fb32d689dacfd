// Schedules in Node: the timer tick becomes a scheduled EventBridge event (also used by EventBridge rules planned as timers).

import { json, registrationOptions, SAMPLE_TIME, type BindingContext, type TriggerBinding } from '../shared/node-binding.js';

export function scheduleBinding(ctx: BindingContext): TriggerBinding {
  const t = ctx.entry.trigger;
  const ruleArn = `arn:aws:events:us-east-1:000000000000:rule/${ctx.entry.name}`;
  return {
    runtimeImports: { events: ['toScheduledEvent'] },
    azureTypes: ['InvocationContext', 'Timer'],
    signature: '(timer: Timer, context: InvocationContext): Promise<unknown>',
    buildEvent: `  const event = toScheduledEvent(timer, context, ${json({ ruleArn })});`,
    returnResult: `  return invoke();`,
    registration: t.type === 'timer' ? `app.timer(${json(ctx.entry.name)}, ${registrationOptions({ schedule: t.schedule }, ctx.exportName)});` : undefined,
    compare: 'value',
    sample: {
      azureArgs: `{ isPastDue: false, schedule: { adjustForDST: true }, scheduleStatus: { last: ${json(SAMPLE_TIME)}, next: ${json(SAMPLE_TIME)}, lastUpdated: ${json(SAMPLE_TIME)} } }`,
    },
  };
}

// The Node binding of one planned entry: its trigger kind's module generates it (src/triggers/<kind>/); a kind whose
// binding is manual, and a payload with no mapping, are passed through (registered only when Azure has the trigger).

import type { PlannedEntry } from '../../model/plan.js';
import { isManual } from '../../triggers/module.js';
import { triggerModule } from '../../triggers/registry.js';
import { passthroughBinding, type BindingContext, type TriggerBinding } from '../../triggers/shared/node-binding.js';
import { httpBinding } from '../../triggers/shared/node-http.js';

export type { BindingContext, Sample, TriggerBinding } from '../../triggers/shared/node-binding.js';

export function triggerBinding(ctx: BindingContext): TriggerBinding {
  const { lambdaEvent, trigger } = ctx.entry;
  if (lambdaEvent === 'direct-invoke') return trigger.type === 'http' ? httpBinding(ctx, 'direct') : passthroughBinding(ctx);
  const node = triggerModule(lambdaEvent).convert.node;
  return isManual(node) ? passthroughBinding(ctx) : node(ctx);
}

/** Whether convert registers the entry with an Azure trigger (else a CAP-I010 TODO leaves it to the user). */
export function isBound(entry: PlannedEntry): boolean {
  return triggerBinding({ entry, exportName: 'handler', lambdaName: entry.name }).registration !== undefined;
}

// Sources Azure delivers by routing into an Event Hub (IoT Hub message routing, diagnostic-setting log export):
// one hub per function, bound with the Event Hubs trigger, the payload passed through unchanged (CAP-W025).

import type { TriggerKind } from '../../model/inventory.js';
import { slug } from '../../plan/names.js';
import type { ConvertStage, PlanStage } from '../module.js';
import { passthroughBinding } from './node-binding.js';
import { eventHub } from './plan.js';
import { eventHubRoles } from './roles.js';

export function routedEventHub<K extends TriggerKind>(suffix: string, what: string): { plan: PlanStage<K>; convert: ConvertStage } {
  return {
    plan: {
      map: (t, fn) => eventHub(t, slug(`${fn.name}-${suffix}`) || suffix, 2),
      roles: eventHubRoles,
      display: (t) => t.id,
      http: false,
      drain: false,
      dataStore: false,
      compatible: 'any',
    },
    convert: {
      node: passthroughBinding,
      python: { manual: `no Python adapter for Event Hubs ${what} yet` },
    },
  };
}

import type { Resolvable, TriggerBase } from '../../model/inventory.js';

export interface SnsTrigger extends TriggerBase {
  kind: 'sns';
  topic: Resolvable;
  filterPolicy?: unknown;
  filterPolicyScope?: 'MessageAttributes' | 'MessageBody';
  redrivePolicy?: unknown;
}

import type { Resolvable, TriggerBase } from '../../model/inventory.js';

export interface IotTrigger extends TriggerBase {
  kind: 'iot';
  sql?: string;
  rule?: Resolvable;
}

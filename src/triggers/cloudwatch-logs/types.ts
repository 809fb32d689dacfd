import type { Resolvable, TriggerBase } from '../../model/inventory.js';

export interface CloudWatchLogsTrigger extends TriggerBase {
  kind: 'cloudwatch-logs';
  logGroup: Resolvable;
  filterPattern?: string;
}

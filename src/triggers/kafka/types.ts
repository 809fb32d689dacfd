import type { Resolvable, TriggerBase } from '../../model/inventory.js';

export interface KafkaTrigger extends TriggerBase {
  kind: 'kafka';
  flavor: 'msk' | 'self-managed';
  cluster?: Resolvable;
  bootstrapServers?: string[];
  topics: string[];
  batchSize?: number;
  startingPosition?: string;
  consumerGroupId?: string;
}

import type { Resolvable, TriggerBase } from '../../model/inventory.js';

export interface MqTrigger extends TriggerBase {
  kind: 'mq';
  /** `activemq` or `rabbitmq` when known. */
  engine?: string;
  broker: Resolvable;
  queues: string[];
  batchSize?: number;
}

import type { Resolvable, TriggerBase } from '../../model/inventory.js';

export interface MqTrigger extends TriggerBase {
  kind: 'mq';
  engine?: 'activemq' | 'rabbitmq' | string;
  broker: Resolvable;
  queues: string[];
  batchSize?: number;
}

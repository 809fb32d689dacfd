import type { Resolvable, TriggerBase } from '../../model/inventory.js';

export interface SqsTrigger extends TriggerBase {
  kind: 'sqs';
  queue: Resolvable;
  fifo?: boolean;
  batchSize?: number;
  maximumBatchingWindowInSeconds?: number;
  reportBatchItemFailures?: boolean;
  filterPatterns?: unknown[];
  maximumConcurrency?: number;
}

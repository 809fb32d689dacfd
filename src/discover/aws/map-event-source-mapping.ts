// One ListEventSourceMappings entry → a trigger of the Inventory union. The settings are read once
// (src/triggers/shared/event-source-mapping.ts); the kind whose module recognises the source builds the trigger
// (SQS, Kinesis, DynamoDB streams, Kafka, MQ), anything else (DocumentDB, ...) is kept as `unknown`.
// Trigger ids are derived from the source, never from the mapping's UUID, so that inventories are reproducible.

import type { EventSourceMappingConfiguration } from '@aws-sdk/client-lambda';
import type { Trigger } from '../../model/inventory.js';
import { TRIGGER_MODULES } from '../../triggers/registry.js';
import { esmFromApi, parsePatterns } from '../../triggers/shared/event-source-mapping.js';
import { unknownTrigger } from '../../triggers/unknown/index.js';
import { parseArn } from './arn.js';

/** FilterCriteria patterns are JSON strings; keep them as JSON values, or the raw string when unparseable. */
export function mapFilterCriteria(filters: { Pattern?: string }[] | undefined): unknown[] | undefined {
  return filters ? parsePatterns(filters.map((f) => f.Pattern)) : undefined;
}

export function mapEventSourceMapping(m: EventSourceMappingConfiguration): Trigger {
  const s = esmFromApi(m);
  for (const module of TRIGGER_MODULES) {
    const t = module.discover.live.eventSourceMapping?.(m, s);
    if (t) return t;
  }
  const arn = m.EventSourceArn;
  const service = arn ? parseArn(arn)?.service : undefined;
  const sourceType = service === 'rds' ? 'documentdb' : (service ?? 'event-source-mapping');
  const base = { id: `${sourceType}:${arn ?? 'self-managed'}`, ...(s.enabled === false ? { enabled: false } : {}) };
  return unknownTrigger(base, sourceType, { eventSourceArn: arn, batchSize: m.BatchSize, documentDb: m.DocumentDBEventSourceConfig });
}

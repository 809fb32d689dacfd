// Downtime strategy from the estate (mission-anchors 3.4): data moves → minimized downtime,
// queues and streams to drain → planned downtime, stateless HTTP/events → zero downtime.

import type { LambdaFunction } from '../model/inventory.js';
import type { Cutover } from '../model/plan.js';
import type { CodeFacts } from './sdk-scan.js';
import { triggerModule } from '../triggers/registry.js';

const DATA_STORES = ['dynamodb', 'rds', 'rdsdata', 'docdb', 'elasticache'];

export function chooseCutover(functions: LambdaFunction[], code: Map<string, CodeFacts>): Cutover {
  const dataFns = functions.filter((f) => f.triggers.some((t) => triggerModule(t.kind).plan.dataStore) || (code.get(f.id)?.sdkServices ?? []).some((s) => DATA_STORES.includes(s)));
  if (dataFns.length > 0) {
    return {
      strategy: 'minimized-downtime',
      reason: `${dataFns.length} function(s) keep state in AWS data stores (e.g. ${dataFns[0]!.name}); back up and restore the data ahead of time, sync the delta, then switch in a short window`,
    };
  }
  const drainFns = functions.filter((f) => f.triggers.some((t) => triggerModule(t.kind).plan.drain));
  if (drainFns.length > 0) {
    return {
      strategy: 'planned-downtime',
      reason: `${drainFns.length} function(s) consume queues or streams (e.g. ${drainFns[0]!.name}); stop producers, drain in-flight messages, then switch consumers in a planned window`,
    };
  }
  return { strategy: 'zero-downtime', reason: 'no queue, stream or data-store state to move: deploy Azure alongside AWS and shift traffic gradually' };
}

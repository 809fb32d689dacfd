import type { StreamTriggerBase } from '../shared/stream.js';

export interface KinesisTrigger extends StreamTriggerBase {
  kind: 'kinesis';
}

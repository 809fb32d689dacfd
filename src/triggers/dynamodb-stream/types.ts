import type { StreamTriggerBase } from '../shared/stream.js';

export interface DynamoDbStreamTrigger extends StreamTriggerBase {
  kind: 'dynamodb-stream';
  /** StreamViewType when known: NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY. */
  streamViewType?: string;
}

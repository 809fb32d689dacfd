// The data-plane codemods as one list: index.ts runs them, aws-sdk-todo leaves alone what they rewrite.

import { awsKeylessStay } from './aws-keyless-stay/transform.js';
import { dynamodbToCosmos } from './dynamodb-to-cosmos/transform.js';
import { eventsToEventGrid } from './events-to-event-grid/transform.js';
import { s3ToBlob } from './s3-to-blob/transform.js';
import { secretsToSettings } from './secrets-to-settings/transform.js';
import { sqsToQueues } from './sqs-to-queues/transform.js';
import type { Transform, TransformInput } from './types.js';

export const DATA_PLANE_TRANSFORMS: readonly Transform[] = [s3ToBlob, dynamodbToCosmos, sqsToQueues, eventsToEventGrid, secretsToSettings, awsKeylessStay];

/** The source ranges the data-plane codemods replace or remove in this module (zero-width inserts excluded). */
export function dataPlaneRanges(input: TransformInput): [number, number][] {
  if (!input.dataPlane?.length) return [];
  return DATA_PLANE_TRANSFORMS.filter((t) => t.mentions.some((m) => input.text.includes(m)))
    .flatMap((t) => t.apply(input).edits)
    .filter((e) => e.end > e.start)
    .map((e) => [e.start, e.end]);
}

// The data-plane codemods as one list: index.ts runs them, aws-sdk-todo leaves alone what they rewrite.

import { awsKeylessStay } from './aws-keyless-stay/transform.js';
import { dynamodbToCosmos } from './dynamodb-to-cosmos/transform.js';
import { eventsToEventGrid } from './events-to-event-grid/transform.js';
import { s3ToBlob } from './s3-to-blob/transform.js';
import { secretsToSettings } from './secrets-to-settings/transform.js';
import { sqsToQueues } from './sqs-to-queues/transform.js';
import type { Transform, TransformInput } from './types.js';

export const DATA_PLANE_TRANSFORMS: readonly Transform[] = [s3ToBlob, dynamodbToCosmos, sqsToQueues, eventsToEventGrid, secretsToSettings, awsKeylessStay];

const rangesBySource = new WeakMap<TransformInput['sf'], [number, number][]>();

/**
 * The source ranges the data-plane codemods replace or remove in this module (zero-width inserts excluded), computed
 * once per parsed module: aws-sdk-todo asks for every handler shape of the module.
 */
export function dataPlaneRanges(input: TransformInput): [number, number][] {
  if (!input.dataPlane?.length) return [];
  const hit = rangesBySource.get(input.sf);
  if (hit) return hit;
  const ranges = DATA_PLANE_TRANSFORMS.filter((t) => t.mentions.some((m) => input.text.includes(m)))
    .flatMap((t) => t.apply(input).edits)
    .filter((e) => e.end > e.start)
    .map((e): [number, number] => [e.start, e.end]);
  rangesBySource.set(input.sf, ranges);
  return ranges;
}

// S3 object calls of a bucket the plan moves → Azure Blob Storage through migrate-runtime/blob: GetObject (Body
// stream with transformToString), PutObject, DeleteObject, HeadObject, ListObjectsV2, CopyObject, and presigned
// GET/PUT URLs (getSignedUrl) → user delegation SAS URLs.

import { moveClients, type ServiceMove } from '../move-clients.js';
import type { Transform } from '../types.js';

const S3_MOVE: ServiceMove = {
  module: 'blob',
  helpers: { GetObject: 'getObject', PutObject: 'putObject', DeleteObject: 'deleteObject', HeadObject: 'headObject', ListObjectsV2: 'listObjectsV2', CopyObject: 'copyObject' },
  presign: ['GetObject', 'PutObject'],
  factory: () => ({ text: 'blobStorage()', names: ['blobStorage'] }),
};

export const s3ToBlob: Transform = {
  name: 's3-to-blob',
  description: 'S3 calls on moved buckets become @azure/storage-blob calls (migrate-runtime/blob helpers, user delegation SAS for presigned URLs).',
  mentions: ['@aws-sdk/client-s3'],
  apply: (input) => ({ edits: moveClients(input, { s3: S3_MOVE }, (m) => m === '@aws-sdk/client-s3' || m === '@aws-sdk/s3-request-presigner') }),
};

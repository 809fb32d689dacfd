// S3 object calls → Azure Blob Storage (@azure/storage-blob). The bucket name the code passes is the blob container
// name on Azure (the same environment variable now holds it); results keep the S3 field names the code reads.

import { Readable } from 'node:stream';
import { BlobSASPermissions, BlobServiceClient, generateBlobSASQueryParameters, StorageSharedKeyCredential } from '@azure/storage-blob';
import { awsShapedError, azureCredential, need, setting, statusOf } from './azure-clients.js';

/** One client per module: AZURE_STORAGE_BLOB_ENDPOINT with the app's identity (Azurite's connection string locally). */
export function blobStorage(): () => Promise<BlobServiceClient> {
  let client: Promise<BlobServiceClient> | undefined;
  return () =>
    (client ??= (async () => {
      const local = process.env.AZURE_STORAGE_CONNECTION_STRING;
      if (local) return BlobServiceClient.fromConnectionString(local);
      return new BlobServiceClient(setting('AZURE_STORAGE_BLOB_ENDPOINT'), await azureCredential());
    })());
}

type Blobs = () => Promise<BlobServiceClient>;
interface ObjectParams {
  Bucket?: string;
  Key?: string;
}

async function blobOf(blobs: Blobs, p: ObjectParams) {
  return (await blobs()).getContainerClient(need(p.Bucket, 'Bucket')).getBlockBlobClient(need(p.Key, 'Key'));
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer | string>) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}

function notFound(e: unknown, name: string): never {
  if (statusOf(e) === 404) throw awsShapedError(name, name === 'NoSuchKey' ? 'The specified key does not exist.' : 'Not Found', 404);
  throw e;
}

/** GetObject: Body is a Node stream that also has transformToString / transformToByteArray, as in SDK v3. */
export async function getObject(blobs: Blobs, p: ObjectParams) {
  const blob = await blobOf(blobs, p);
  const res = await blob.download().catch((e: unknown) => notFound(e, 'NoSuchKey'));
  const stream = (res.readableStreamBody as Readable | undefined) ?? Readable.from([]);
  let bytes: Promise<Buffer> | undefined;
  const body = Object.assign(stream, {
    transformToByteArray: async () => new Uint8Array(await (bytes ??= collect(stream))),
    transformToString: async (encoding: BufferEncoding = 'utf8') => (await (bytes ??= collect(stream))).toString(encoding),
  });
  return { Body: body, ContentType: res.contentType, ContentLength: res.contentLength, ETag: res.etag, LastModified: res.lastModified, Metadata: res.metadata ?? {} };
}

export async function putObject(blobs: Blobs, p: ObjectParams & { Body?: unknown; ContentType?: string; Metadata?: Record<string, string> }) {
  const blob = await blobOf(blobs, p);
  const options = { blobHTTPHeaders: p.ContentType ? { blobContentType: p.ContentType } : undefined, metadata: p.Metadata };
  const body = p.Body ?? '';
  const res =
    body instanceof Readable
      ? await blob.uploadStream(body, undefined, undefined, options)
      : await blob.uploadData(typeof body === 'string' ? Buffer.from(body) : (body as Buffer), options);
  return { ETag: res.etag };
}

export async function deleteObject(blobs: Blobs, p: ObjectParams) {
  await (await blobOf(blobs, p)).deleteIfExists();
  return {};
}

export async function headObject(blobs: Blobs, p: ObjectParams) {
  const props = await (await blobOf(blobs, p)).getProperties().catch((e: unknown) => notFound(e, 'NotFound'));
  return { ContentType: props.contentType, ContentLength: props.contentLength, ETag: props.etag, LastModified: props.lastModified, Metadata: props.metadata ?? {} };
}

/** ListObjectsV2 over a flat listing (with Delimiter: the hierarchy listing's prefixes become CommonPrefixes). */
export async function listObjectsV2(blobs: Blobs, p: { Bucket?: string; Prefix?: string; Delimiter?: string; MaxKeys?: number; ContinuationToken?: string }) {
  const container = (await blobs()).getContainerClient(need(p.Bucket, 'Bucket'));
  const paging = { maxPageSize: p.MaxKeys ?? 1000, ...(p.ContinuationToken ? { continuationToken: p.ContinuationToken } : {}) };
  const pages = p.Delimiter ? container.listBlobsByHierarchy(p.Delimiter, { prefix: p.Prefix }).byPage(paging) : container.listBlobsFlat({ prefix: p.Prefix }).byPage(paging);
  const page = (await pages.next()).value as {
    continuationToken?: string;
    segment: { blobItems: { name: string; properties: { contentLength?: number; lastModified: Date; etag?: string } }[]; blobPrefixes?: { name: string }[] };
  };
  const contents = page.segment.blobItems.map((b) => ({ Key: b.name, Size: b.properties.contentLength, LastModified: b.properties.lastModified, ETag: b.properties.etag }));
  const prefixes = (page.segment.blobPrefixes ?? []).map((x) => ({ Prefix: x.name }));
  return {
    ...(contents.length > 0 ? { Contents: contents } : {}),
    ...(prefixes.length > 0 ? { CommonPrefixes: prefixes } : {}),
    KeyCount: contents.length + prefixes.length,
    IsTruncated: Boolean(page.continuationToken),
    ...(page.continuationToken ? { NextContinuationToken: page.continuationToken } : {}),
    Name: p.Bucket,
    Prefix: p.Prefix ?? '',
    MaxKeys: p.MaxKeys ?? 1000,
  };
}

/** CopyObject: CopySource is `<bucket>/<key>` (URL-encoded), both in the same storage account. */
export async function copyObject(blobs: Blobs, p: ObjectParams & { CopySource?: string }) {
  const source = decodeURIComponent(need(p.CopySource, 'CopySource').replace(/^\//, ''));
  const slash = source.indexOf('/');
  const from = await blobOf(blobs, { Bucket: source.slice(0, slash), Key: source.slice(slash + 1) });
  const poller = await (await blobOf(blobs, p)).beginCopyFromURL(from.url);
  const res = await poller.pollUntilDone();
  return { CopyObjectResult: { ETag: res.etag, LastModified: res.lastModified } };
}

/**
 * Presigned GET/PUT (getSignedUrl) → a SAS URL: a user delegation SAS signed with the identity's delegation key,
 * or (emulators) a service SAS from the account key. A PUT to it must send `x-ms-blob-type: BlockBlob`.
 */
export async function presignedUrl(blobs: Blobs, operation: 'GetObject' | 'PutObject', p: ObjectParams, opts: { expiresIn?: number } = {}): Promise<string> {
  const service = await blobs();
  const blob = await blobOf(blobs, p);
  const startsOn = new Date(Date.now() - 5 * 60_000);
  const expiresOn = new Date(Date.now() + (opts.expiresIn ?? 900) * 1000);
  const permissions = BlobSASPermissions.parse(operation === 'GetObject' ? 'r' : 'cw');
  if (service.credential instanceof StorageSharedKeyCredential) return blob.generateSasUrl({ permissions, startsOn, expiresOn });
  const key = await service.getUserDelegationKey(startsOn, expiresOn);
  const sas = generateBlobSASQueryParameters({ containerName: blob.containerName, blobName: blob.name, permissions, startsOn, expiresOn }, key, service.accountName);
  return `${blob.url}?${sas.toString()}`;
}

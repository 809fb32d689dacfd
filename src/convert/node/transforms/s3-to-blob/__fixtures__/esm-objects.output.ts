import { blobStorage, copyObject, deleteObject, getObject, headObject, listObjectsV2, presignedUrl, putObject } from 'migrate-runtime/blob';

const s3 = blobStorage();
const BUCKET = process.env.BUCKET_NAME;

export const handler = async (event: { key: string; text: string }) => {
  await putObject(s3, { Bucket: BUCKET, Key: event.key, Body: event.text, ContentType: 'text/plain' });
  const head = await headObject(s3, { Bucket: BUCKET, Key: event.key });
  const obj = await getObject(s3, { Bucket: BUCKET, Key: event.key });
  const text = await obj.Body!.transformToString();
  await copyObject(s3, { Bucket: BUCKET, Key: `copy/${event.key}`, CopySource: `${BUCKET}/${event.key}` });
  const list = await listObjectsV2(s3, { Bucket: BUCKET, Prefix: 'copy/' });
  await deleteObject(s3, { Bucket: BUCKET, Key: event.key });
  const url = await presignedUrl(s3, 'GetObject', { Bucket: BUCKET, Key: event.key }, { expiresIn: 300 });
  return { text, size: head.ContentLength, keys: (list.Contents ?? []).map((o) => o.Key), url };
};

import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const s3 = new S3Client({ region: process.env.AWS_REGION });
const BUCKET = process.env.BUCKET_NAME;

export const handler = async (event: { key: string; text: string }) => {
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: event.key, Body: event.text, ContentType: 'text/plain' }));
  const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: event.key }));
  const obj = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: event.key }));
  const text = await obj.Body!.transformToString();
  await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: `copy/${event.key}`, CopySource: `${BUCKET}/${event.key}` }));
  const list = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'copy/' }));
  await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: event.key }));
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: event.key }), { expiresIn: 300 });
  return { text, size: head.ContentLength, keys: (list.Contents ?? []).map((o) => o.Key), url };
};

const { blobStorage, putObject } = require('migrate-runtime/blob');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');

const uploads = blobStorage();
const archive = new S3Client({});

exports.handler = async (event) => {
  await putObject(uploads, { Bucket: process.env.BUCKET_NAME, Key: event.id, Body: JSON.stringify(event) });
  // The archive bucket stays in AWS: this client and call are left alone.
  await archive.send(new PutObjectCommand({ Bucket: process.env.ARCHIVE_BUCKET, Key: event.id, Body: 'x' }));
  return { ok: true };
};

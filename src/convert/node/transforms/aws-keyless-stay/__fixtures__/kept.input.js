const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { DynamoDBClient, GetItemCommand } = require('@aws-sdk/client-dynamodb');

const archive = new S3Client({ region: 'eu-west-1' });
const legacy = new DynamoDBClient();

exports.handler = async (event) => {
  await archive.send(new PutObjectCommand({ Bucket: process.env.ARCHIVE_BUCKET, Key: event.id, Body: 'x' }));
  return legacy.send(new GetItemCommand({ TableName: process.env.LEGACY_TABLE, Key: { id: { S: event.id } } }));
};

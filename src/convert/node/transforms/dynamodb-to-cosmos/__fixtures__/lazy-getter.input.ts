import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

// A client built on first use and cached for the container's lifetime.
let doc: DynamoDBDocumentClient | undefined;
const documents = () => (doc ??= DynamoDBDocumentClient.from(new DynamoDBClient({})));

export async function handler(event: { orderId: string }) {
  await documents().send(new PutCommand({ TableName: process.env.ORDERS_TABLE, Item: { orderId: event.orderId, status: 'new' } }));
  const out = await documents().send(new GetCommand({ TableName: process.env.ORDERS_TABLE, Key: { orderId: event.orderId } }));
  return out.Item;
}

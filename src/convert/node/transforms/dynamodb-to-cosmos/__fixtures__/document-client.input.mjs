import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

const client = new DynamoDBClient({});
const doc = DynamoDBDocumentClient.from(client);

export const handler = async (event) => {
  await doc.send(new BatchWriteCommand({ RequestItems: { [process.env.EVENTS_TABLE]: event.items.map((Item) => ({ PutRequest: { Item } })) } }));
  const order = await doc.send(new GetCommand({ TableName: process.env.ORDERS_TABLE, Key: { orderId: event.orderId } }));
  const page = await doc.send(
    new QueryCommand({
      TableName: process.env.EVENTS_TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :day)',
      ExpressionAttributeValues: { ':pk': event.pk, ':day': event.day },
    }),
  );
  return { order: order.Item, events: page.Items };
};

export const remove = async (id) => {
  const command = new DeleteCommand({ TableName: process.env.ORDERS_TABLE, Key: { orderId: id } });
  return doc.send(command);
};

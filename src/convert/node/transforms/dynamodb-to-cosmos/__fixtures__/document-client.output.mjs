import { batchWriteItem, cosmosTables, deleteItem, getItem, query } from 'migrate-runtime/cosmos';

const doc = cosmosTables({ EVENTS_TABLE: { partitionKey: 'pk', sortKey: 'sk' }, ORDERS_TABLE: { partitionKey: 'orderId' } });

export const handler = async (event) => {
  await batchWriteItem(doc, { RequestItems: { [process.env.EVENTS_TABLE]: event.items.map((Item) => ({ PutRequest: { Item } })) } });
  const order = await getItem(doc, { TableName: process.env.ORDERS_TABLE, Key: { orderId: event.orderId } });
  const page = await query(doc, {
    TableName: process.env.EVENTS_TABLE,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :day)',
    ExpressionAttributeValues: { ':pk': event.pk, ':day': event.day },
  });
  return { order: order.Item, events: page.Items };
};

export const remove = async (id) => {
  const command = { TableName: process.env.ORDERS_TABLE, Key: { orderId: id } };
  return deleteItem(doc, command);
};

import { cosmosTables, getItem, putItem } from 'migrate-runtime/cosmos';

// A client built on first use and cached for the container's lifetime.
let doc: ReturnType<typeof cosmosTables> | undefined;
const documents = () => (doc ??= cosmosTables({ ORDERS_TABLE: { partitionKey: 'orderId' } }));

export async function handler(event: { orderId: string }) {
  await putItem(documents(), { TableName: process.env.ORDERS_TABLE, Item: { orderId: event.orderId, status: 'new' } });
  const out = await getItem(documents(), { TableName: process.env.ORDERS_TABLE, Key: { orderId: event.orderId } });
  return out.Item;
}

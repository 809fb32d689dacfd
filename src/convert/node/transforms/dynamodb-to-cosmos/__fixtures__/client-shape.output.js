const { cosmosTables, deleteItem, getItem, putItem, updateItem } = require('migrate-runtime/cosmos');

const ddb = cosmosTables({ ORDERS_TABLE: { partitionKey: 'orderId' } }, { marshalled: true });
const TABLE = process.env.ORDERS_TABLE;

exports.handler = async (event) => {
  await putItem(ddb, { TableName: TABLE, Item: { orderId: { S: event.id }, total: { N: '10' } }, ConditionExpression: 'attribute_not_exists(orderId)' });
  await updateItem(ddb, { TableName: TABLE, Key: { orderId: { S: event.id } }, UpdateExpression: 'SET total = total + :n', ExpressionAttributeValues: { ':n': { N: '5' } } });
  const { Item } = await getItem(ddb, { TableName: TABLE, Key: { orderId: { S: event.id } } });
  await deleteItem(ddb, { TableName: TABLE, Key: { orderId: { S: event.id } } });
  return Item;
};

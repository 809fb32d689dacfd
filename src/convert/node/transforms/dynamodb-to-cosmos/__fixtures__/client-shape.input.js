const { DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand, DeleteItemCommand } = require('@aws-sdk/client-dynamodb');

const ddb = new DynamoDBClient({});
const TABLE = process.env.ORDERS_TABLE;

exports.handler = async (event) => {
  await ddb.send(new PutItemCommand({ TableName: TABLE, Item: { orderId: { S: event.id }, total: { N: '10' } }, ConditionExpression: 'attribute_not_exists(orderId)' }));
  await ddb.send(new UpdateItemCommand({ TableName: TABLE, Key: { orderId: { S: event.id } }, UpdateExpression: 'SET total = total + :n', ExpressionAttributeValues: { ':n': { N: '5' } } }));
  const { Item } = await ddb.send(new GetItemCommand({ TableName: TABLE, Key: { orderId: { S: event.id } } }));
  await ddb.send(new DeleteItemCommand({ TableName: TABLE, Key: { orderId: { S: event.id } } }));
  return Item;
};

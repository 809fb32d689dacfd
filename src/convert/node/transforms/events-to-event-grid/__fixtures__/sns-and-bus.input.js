const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
const { EventBridgeClient, PutEventsCommand } = require('@aws-sdk/client-eventbridge');

const sns = new SNSClient({});
const events = new EventBridgeClient({});

exports.handler = async (event) => {
  await sns.send(new PublishCommand({ TopicArn: process.env.ALERTS_TOPIC_ARN, Subject: 'order', Message: JSON.stringify(event) }));
  const out = await events.send(new PutEventsCommand({ Entries: [{ Source: 'orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(event) }] }));
  return out.FailedEntryCount;
};

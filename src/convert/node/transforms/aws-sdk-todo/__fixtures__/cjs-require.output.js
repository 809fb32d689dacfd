'use strict';
// TODO(migrate:DPN-W002): AWS SDK (@aws-sdk/client-sns) kept as is; replace with the Azure SDK equivalent.
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
const sns = new SNSClient({});

exports.handler = async (event) => {
  // TODO(migrate:DPN-W002): AWS SDK call PublishCommand still targets AWS.
  const out = await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC, Message: event.body }));
  return { statusCode: 202, body: out.MessageId };
};

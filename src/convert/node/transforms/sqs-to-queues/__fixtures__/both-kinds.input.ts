import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

const jobs = new SQSClient({});
const billing = new SQSClient({});

export async function handler(event: { id: string }) {
  await jobs.send(new SendMessageCommand({ QueueUrl: process.env.JOBS_QUEUE_URL, MessageBody: JSON.stringify(event) }));
  await billing.send(
    new SendMessageBatchCommand({ QueueUrl: process.env.BILLING_QUEUE_URL, Entries: [{ Id: '1', MessageBody: event.id }] }),
  );
  return 'queued';
}

import { sendMessage, sendMessageBatch, serviceBusQueues, storageQueues } from 'migrate-runtime/queues';

const jobs = storageQueues();
const billing = serviceBusQueues();

export async function handler(event: { id: string }) {
  await sendMessage(jobs, { QueueUrl: process.env.JOBS_QUEUE_URL, MessageBody: JSON.stringify(event) });
  await sendMessageBatch(billing, { QueueUrl: process.env.BILLING_QUEUE_URL, Entries: [{ Id: '1', MessageBody: event.id }] });
  return 'queued';
}

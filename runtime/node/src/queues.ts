// SQS sends → Azure Storage queues or Service Bus queues, as the plan decided for the queue. The QueueUrl the code
// passes is the Azure queue name on Azure (the same environment variable now holds it).

import { randomUUID } from 'node:crypto';
import { ServiceBusClient, type ServiceBusMessage } from '@azure/service-bus';
import { QueueServiceClient } from '@azure/storage-queue';
import { azureCredential, need, setting } from './azure-clients.js';

type Attributes = Record<string, { DataType?: string; StringValue?: string }>;
interface SendParams {
  QueueUrl?: string;
  MessageBody?: string;
  DelaySeconds?: number;
  MessageAttributes?: Attributes;
  MessageGroupId?: string;
}
interface BatchParams {
  QueueUrl?: string;
  Entries?: (Omit<SendParams, 'QueueUrl'> & { Id: string })[];
}

export interface Queues {
  send(queue: string | undefined, messages: Omit<SendParams, 'QueueUrl'>[]): Promise<string[]>;
}

/** The queue name in a QueueUrl: the last path segment (an AWS URL) or the whole value (the Azure setting). */
const queueName = (url: string | undefined) => need(url, 'QueueUrl').replace(/\/+$/, '').split('/').pop()!;

/**
 * Storage queues (AZURE_STORAGE_QUEUE_ENDPOINT): the Functions queue trigger expects base64 message text by
 * default, so bodies are sent base64-encoded; DelaySeconds becomes the initial visibility timeout.
 */
export function storageQueues(): Queues {
  let client: Promise<QueueServiceClient> | undefined;
  const open = async () => {
    const local = process.env.AZURE_STORAGE_CONNECTION_STRING;
    if (local) return QueueServiceClient.fromConnectionString(local);
    return new QueueServiceClient(setting('AZURE_STORAGE_QUEUE_ENDPOINT'), await azureCredential());
  };
  return {
    async send(queue, messages) {
      const q = (await (client ??= open())).getQueueClient(queueName(queue));
      const ids: string[] = [];
      for (const m of messages) {
        const r = await q.sendMessage(Buffer.from(m.MessageBody ?? '').toString('base64'), m.DelaySeconds ? { visibilityTimeout: m.DelaySeconds } : {});
        ids.push(r.messageId);
      }
      return ids;
    },
  };
}

export interface ServiceBusSenderLike {
  sendMessages(messages: ServiceBusMessage[]): Promise<void>;
}

let senderFactory: ((queue: string) => ServiceBusSenderLike) | undefined;
/** Tests only: Service Bus speaks AMQP, not HTTP, so its boundary is the sender; this replaces it. */
export function configureServiceBusSender(factory: (queue: string) => ServiceBusSenderLike): void {
  senderFactory = factory;
}

/** Service Bus queues in AZURE_SERVICEBUS_FQDN; message attributes become application properties. */
export function serviceBusQueues(): Queues {
  let client: Promise<ServiceBusClient> | undefined;
  const open = async () => {
    return new ServiceBusClient(setting('AZURE_SERVICEBUS_FQDN'), await azureCredential());
  };
  return {
    async send(queue, messages) {
      const name = queueName(queue);
      const sender = senderFactory ? senderFactory(name) : (await (client ??= open())).createSender(name);
      const out: ServiceBusMessage[] = messages.map((m) => ({
        messageId: randomUUID(),
        body: m.MessageBody,
        ...(m.MessageGroupId ? { sessionId: m.MessageGroupId } : {}),
        ...(m.DelaySeconds ? { scheduledEnqueueTimeUtc: new Date(Date.now() + m.DelaySeconds * 1000) } : {}),
        ...(m.MessageAttributes ? { applicationProperties: Object.fromEntries(Object.entries(m.MessageAttributes).map(([k, v]) => [k, v.StringValue ?? ''])) } : {}),
      }));
      await sender.sendMessages(out);
      return out.map((m) => String(m.messageId));
    },
  };
}

export async function sendMessage(queues: Queues, p: SendParams) {
  const [id] = await queues.send(p.QueueUrl, [p]);
  return { MessageId: id };
}

export async function sendMessageBatch(queues: Queues, p: BatchParams) {
  const entries = p.Entries ?? [];
  const ids = await queues.send(p.QueueUrl, entries);
  return { Successful: entries.map((e, i) => ({ Id: e.Id, MessageId: ids[i] })), Failed: [] };
}

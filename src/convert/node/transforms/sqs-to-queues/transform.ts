// SQS sends to queues the plan moves → Azure Storage queues or Service Bus queues (the resource's azure.kind)
// through migrate-runtime/queues. Storage-queue bodies are base64-encoded, as the Functions queue trigger expects.

import { moveClients, resourcesOf, type ServiceMove } from '../move-clients.js';
import type { Transform } from '../types.js';

const SQS_MOVE: ServiceMove = {
  module: 'queues',
  helpers: { SendMessage: 'sendMessage', SendMessageBatch: 'sendMessageBatch' },
  factory: (_client, calls) => {
    const kinds = new Set(resourcesOf(calls).map((r) => r.azure?.kind));
    if (kinds.size !== 1) return undefined;
    const kind = [...kinds][0];
    if (kind === 'storage-queue') return { text: 'storageQueues()', names: ['storageQueues'] };
    if (kind === 'service-bus-queue') return { text: 'serviceBusQueues()', names: ['serviceBusQueues'] };
    return undefined;
  },
};

export const sqsToQueues: Transform = {
  name: 'sqs-to-queues',
  description: 'SQS SendMessage/SendMessageBatch on moved queues become @azure/storage-queue or @azure/service-bus sends (migrate-runtime/queues).',
  mentions: ['@aws-sdk/client-sqs'],
  apply: (input) => ({ edits: moveClients(input, { sqs: SQS_MOVE }, (m) => m === '@aws-sdk/client-sqs') }),
};

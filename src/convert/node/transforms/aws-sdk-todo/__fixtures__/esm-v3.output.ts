import type { SQSHandler } from 'aws-lambda';
// TODO(migrate:DPN-W002): AWS SDK (@aws-sdk/client-sqs) kept as is; replace with the Azure SDK equivalent.
import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";

const sqs = new SQSClient({});

export const handler: SQSHandler = async (event) => {
    for (const record of event.Records) {
        // TODO(migrate:DPN-W002): AWS SDK call SendMessageCommand still targets AWS.
        await sqs.send(new SendMessageCommand({ QueueUrl: process.env.OUT, MessageBody: record.body }))
    }
}

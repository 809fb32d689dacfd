import type { SQSHandler } from 'aws-lambda';
import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";

const sqs = new SQSClient({});

export const handler: SQSHandler = async (event) => {
    for (const record of event.Records) {
        await sqs.send(new SendMessageCommand({ QueueUrl: process.env.OUT, MessageBody: record.body }))
    }
}

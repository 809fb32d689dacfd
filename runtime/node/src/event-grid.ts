// SNS Publish and EventBridge PutEvents → Event Grid topics (CloudEvents 1.0 schema, @azure/eventgrid). The topic
// ARN / bus name the code passes is the topic endpoint on Azure (the same environment variable now holds it).

import { randomUUID } from 'node:crypto';
import { EventGridPublisherClient } from '@azure/eventgrid';
import { azureCredential, pipelineOptions } from './azure-clients.js';

export interface Topics {
  publish(endpoint: string, events: { type: string; source: string; subject?: string; datacontenttype?: string; data: unknown }[]): Promise<string[]>;
}

/** One client per module; `defaultEndpoint` is where PutEvents entries without EventBusName go. */
export function eventGridTopics(opts: { defaultEndpoint?: string } = {}): Topics & { defaultEndpoint?: string } {
  const clients = new Map<string, Promise<EventGridPublisherClient<'CloudEvent'>>>();
  const open = async (endpoint: string) => {
    return new EventGridPublisherClient(endpoint, 'CloudEvent', await azureCredential(), pipelineOptions());
  };
  return {
    ...opts,
    async publish(endpoint, events) {
      if (!/^https?:\/\//.test(endpoint)) throw new Error(`Event Grid topic endpoint expected, got ${JSON.stringify(endpoint)} (the app setting holds the topic endpoint)`);
      let client = clients.get(endpoint);
      if (!client) clients.set(endpoint, (client = open(endpoint)));
      const out = events.map((e) => ({ id: randomUUID(), ...e }));
      await (await client).send(out);
      return out.map((e) => e.id);
    },
  };
}

/**
 * SNS Publish → one CloudEvent: type `aws.sns.Notification`, subject = Subject, the Message as text/plain bytes
 * (CloudEvents `data_base64`; the SDK sends only objects as JSON `data`).
 */
export async function publish(topics: Topics, p: { TopicArn?: string; TargetArn?: string; Message?: string; Subject?: string }) {
  const endpoint = p.TopicArn ?? p.TargetArn;
  if (!endpoint) throw new Error('Publish without TopicArn: SMS and phone targets have no Event Grid equivalent');
  const [id] = await topics.publish(endpoint, [{ type: 'aws.sns.Notification', source: 'migrate/sns', ...(p.Subject ? { subject: p.Subject } : {}), datacontenttype: 'text/plain', data: Buffer.from(p.Message ?? '') }]);
  return { MessageId: id };
}

/** EventBridge PutEvents → CloudEvents: type = DetailType, source and subject = Source, data = parsed Detail. */
export async function putEvents(topics: Topics & { defaultEndpoint?: string }, p: { Entries?: { Source?: string; DetailType?: string; Detail?: string; EventBusName?: string }[] }) {
  const ids: string[] = [];
  for (const e of p.Entries ?? []) {
    const endpoint = e.EventBusName ?? topics.defaultEndpoint;
    if (!endpoint) throw new Error('PutEvents entry without EventBusName and no default topic endpoint');
    const source = e.Source ?? 'migrate/eventbridge';
    ids.push(...(await topics.publish(endpoint, [{ type: e.DetailType ?? 'event', source, subject: source, data: e.Detail ? (JSON.parse(e.Detail) as unknown) : {} }])));
  }
  return { FailedEntryCount: 0, Entries: ids.map((EventId) => ({ EventId })) };
}

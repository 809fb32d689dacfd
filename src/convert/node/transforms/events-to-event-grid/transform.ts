// SNS Publish and EventBridge PutEvents to topics/buses the plan moves → Event Grid topics (CloudEvents) through
// migrate-runtime/event-grid. The topic ARN / bus name settings hold the topic endpoints on Azure; PutEvents entries
// without EventBusName go to the module's default topic (the moved bus's setting).

import ts from '../../ts-compiler.js';
import { envRead, moveClients, resourcesOf, type ServiceMove } from '../move-clients.js';
import { propertyOf, type SdkCall } from '../sdk-calls.js';
import type { Transform } from '../types.js';

/**
 * SNS message attributes drive subscription filter policies; the Event Grid subscriptions filter on the event data
 * instead, so where they go is a decision for a person: a Publish that sets them stays on AWS with its TODO.
 */
const setsMessageAttributes = (c: SdkCall): boolean =>
  c.params !== undefined && ts.isObjectLiteralExpression(c.params) && propertyOf(c.params, 'MessageAttributes') !== undefined;

const SNS_MOVE: ServiceMove = {
  module: 'event-grid',
  helpers: { Publish: 'publish' },
  factory: (_client, calls) =>
    !calls.some(setsMessageAttributes) && resourcesOf(calls).every((r) => r.azure?.kind === 'event-grid-topic') ? { text: 'eventGridTopics()', names: ['eventGridTopics'] } : undefined,
};

const EVENTBRIDGE_MOVE: ServiceMove = {
  module: 'event-grid',
  helpers: { PutEvents: 'putEvents' },
  factory: (_client, calls) => {
    const resources = resourcesOf(calls);
    if (resources.length !== 1 || resources[0]!.azure?.kind !== 'event-grid-topic') return undefined;
    const env = resources[0]!.envVars[0];
    return { text: env ? `eventGridTopics({ defaultEndpoint: ${envRead(env)} })` : 'eventGridTopics()', names: ['eventGridTopics'] };
  },
};

export const eventsToEventGrid: Transform = {
  name: 'events-to-event-grid',
  description: 'SNS Publish and EventBridge PutEvents on moved topics/buses become @azure/eventgrid CloudEvents sends (migrate-runtime/event-grid).',
  mentions: ['@aws-sdk/client-sns', '@aws-sdk/client-eventbridge'],
  apply: (input) => ({ edits: moveClients(input, { sns: SNS_MOVE, eventbridge: EVENTBRIDGE_MOVE }, (m) => m === '@aws-sdk/client-sns' || m === '@aws-sdk/client-eventbridge') }),
};

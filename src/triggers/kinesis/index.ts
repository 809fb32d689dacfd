// Kinesis → an Event Hub with the same consumer semantics (batches, checkpoints). Read from SAM `Kinesis` events,
// Serverless `stream` events (DynamoDB's too: one key for both), EventSourceMappings (template and live).

import { displayResolvable } from '../../model/inventory.js';
import { shq } from '../../emit/azd/shell.js';
import { resourceTail, slug } from '../../plan/names.js';
import type { TriggerModule } from '../module.js';
import { eventHubRoles } from '../shared/roles.js';
import { esmFromTemplate } from '../shared/event-source-mapping.js';
import { esmSwitch } from '../shared/manual.js';
import { eventHub } from '../shared/plan.js';
import { samBase } from '../shared/sam-input.js';
import { liveStream, serverlessStream, streamTrigger } from '../shared/stream.js';
import { kinesisBinding } from './node.js';

export const kinesis: TriggerModule<'kinesis'> = {
  kind: 'kinesis',
  discover: {
    sam: { Kinesis: (e) => streamTrigger('kinesis', samBase(e), esmFromTemplate(e.ctx, e.props, 'Stream')) },
    serverless: { stream: serverlessStream },
    cloudFormation: {
      eventSourceMapping: { resourceTypes: ['AWS::Kinesis::Stream'], arn: /:kinesis:/, build: (_j, b, _props, s) => streamTrigger('kinesis', b, s) },
    },
    live: { eventSourceMapping: (m, s) => liveStream('kinesis', m.EventSourceArn, s) },
  },
  plan: {
    map: (t, fn) => eventHub(t, slug(resourceTail(t.stream, `${fn.name}-stream`)) || 'stream', 4),
    roles: eventHubRoles,
    display: (t) => displayResolvable(t.stream),
    http: false,
    drain: true,
    dataStore: false,
    compatible: ['eventHub'],
  },
  convert: {
    node: kinesisBinding,
    python: { manual: 'no Python adapter turns an Event Hubs batch into Kinesis records yet' },
  },
  emit: {
    replaces: (name) => `the Kinesis stream '${name}'`,
    cutover: esmSwitch,
    eventHubMove: (h) => ({
      title: `Kinesis stream → Event Hub ${h.name}`,
      text: `Streams are not copied: switch producers to the Event Hub (${h.partitionCount} partitions, consumer group ${h.consumerGroup}), then let the Lambda consumer finish the Kinesis records still within retention before turning its event source off.`,
      commands: `aws kinesis describe-stream-summary --stream-name ${shq(h.name)}\naws cloudwatch get-metric-statistics --namespace AWS/Kinesis --metric-name GetRecords.IteratorAgeMilliseconds --dimensions Name=StreamName,Value=${h.name} --statistics Maximum --period 300 --start-time "$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)" --end-time "$(date -u +%Y-%m-%dT%H:%M:%SZ)"`,
      failback: 'switch producers back to Kinesis; the Lambda mapping resumes from its checkpoint.',
    }),
  },
};

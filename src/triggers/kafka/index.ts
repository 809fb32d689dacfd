// Kafka (MSK or self-managed) → the Kafka trigger on the same brokers, one Azure function per topic; the payload
// reaches the handler unchanged. Read from SAM `MSK`/`SelfManagedKafka`, Serverless `kafka`/`msk`, EventSourceMappings.

import { parseArn } from '../../discover/aws/arn.js';
import { asRecord } from '../../discover/templates/context.js';
import type { TriggerModule } from '../module.js';
import { noRoles } from '../shared/roles.js';
import { esmFromServerless, esmFromTemplate, pick, type EsmSettings } from '../shared/event-source-mapping.js';
import { esmSwitch } from '../shared/manual.js';
import { passthroughBinding } from '../shared/node-binding.js';
import { CONNECTIONS } from '../shared/plan.js';
import { samBase } from '../shared/sam-input.js';
import { slsVal } from '../shared/serverless-input.js';
import type { KafkaTrigger } from './types.js';

type Base = { id: string; enabled?: boolean; source?: KafkaTrigger['source'] };

function kafkaTrigger(base: Base, flavor: KafkaTrigger['flavor'], s: EsmSettings, cluster?: KafkaTrigger['cluster']): KafkaTrigger {
  const t: KafkaTrigger = { ...base, kind: 'kafka', flavor, topics: s.topics ?? [], ...pick(s, ['bootstrapServers', 'batchSize', 'startingPosition', 'consumerGroupId']) };
  if (cluster !== undefined) t.cluster = cluster;
  return t;
}

const selfManaged = (props: Record<string, unknown>) => asRecord(asRecord(props.SelfManagedEventSource).Endpoints).KafkaBootstrapServers !== undefined;

export const kafka: TriggerModule<'kafka'> = {
  kind: 'kafka',
  discover: {
    sam: {
      MSK: (e) => {
        const s = esmFromTemplate(e.ctx, e.props, 'Stream');
        return kafkaTrigger(samBase(e), 'msk', s, s.source);
      },
      SelfManagedKafka: (e) => {
        const s = esmFromTemplate(e.ctx, e.props, 'KafkaBootstrapServers');
        return kafkaTrigger(samBase(e), 'self-managed', { ...s, bootstrapServers: s.bootstrapServers ?? [] });
      },
    },
    serverless: {
      kafka: (e) => [kafkaTrigger(e.base, 'self-managed', esmFromServerless(e.o, (v) => slsVal(e.ctx, v)))],
      msk: (e) => [kafkaTrigger(e.base, 'msk', esmFromServerless(e.o, (v) => slsVal(e.ctx, v)), slsVal(e.ctx, e.o.arn) ?? { symbol: 'unknown-cluster' })],
    },
    cloudFormation: {
      eventSourceMapping: {
        resourceTypes: ['AWS::MSK::Cluster', 'AWS::MSK::ServerlessCluster'],
        arn: /:kafka:/,
        claims: selfManaged,
        build: (_j, b, props, s) => (selfManaged(props) ? kafkaTrigger(b, 'self-managed', s) : kafkaTrigger(b, 'msk', s, s.source ?? { symbol: 'unknown-source' })),
      },
    },
    live: {
      eventSourceMapping: (m, s) => {
        const arn = m.EventSourceArn;
        const topics = s.topics ?? [];
        const enabled = s.enabled === false ? { enabled: false } : {};
        if (arn && parseArn(arn)?.service === 'kafka') return kafkaTrigger({ id: `kafka:${arn}:${topics.join(',')}`, ...enabled }, 'msk', { ...s, topics }, arn);
        if (!arn && s.bootstrapServers) return kafkaTrigger({ id: `kafka:${s.bootstrapServers.join(',')}:${topics.join(',')}`, ...enabled }, 'self-managed', { ...s, topics });
        return undefined;
      },
    },
  },
  plan: {
    map: (t) => ({
      entries: (t.topics.length ? t.topics : ['topic']).map((topic) => ({
        triggerId: t.id,
        lambdaEvent: t.kind,
        trigger: { type: 'kafka', topic, brokerList: `%${CONNECTIONS.kafkaBrokers}%`, ...(t.consumerGroupId ? { consumerGroup: t.consumerGroupId } : {}) },
      })),
      resources: [],
    }),
    roles: noRoles,
    display: (t) => t.id,
    http: false,
    drain: true,
    dataStore: false,
    compatible: ['kafka', 'eventHub'],
  },
  convert: {
    node: passthroughBinding,
    python: { manual: 'no Python adapter for the Kafka trigger yet' },
  },
  emit: { replaces: null, cutover: esmSwitch },
};

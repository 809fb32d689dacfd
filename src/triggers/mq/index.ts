// Amazon MQ → the RabbitMQ trigger for RabbitMQ brokers (payload passed through); ActiveMQ has no Functions trigger.
// Read from SAM `MQ`, Serverless `activemq`/`rabbitmq`, EventSourceMappings (template and live).

import { parseArn } from '../../discover/aws/arn.js';
import { asArray, asRecord } from '../../discover/templates/context.js';
import type { TriggerModule } from '../module.js';
import { noRoles } from '../shared/roles.js';
import { esmFromServerless, esmFromTemplate, pick, type EsmSettings } from '../shared/event-source-mapping.js';
import { esmSwitch } from '../shared/manual.js';
import { passthroughBinding } from '../shared/node-binding.js';
import { CONNECTIONS, none } from '../shared/plan.js';
import { samBase, samLit } from '../shared/sam-input.js';
import { slsVal } from '../shared/serverless-input.js';
import type { MqTrigger } from './types.js';

function mqTrigger(base: { id: string; enabled?: boolean; source?: MqTrigger['source'] }, broker: MqTrigger['broker'], s: EsmSettings, engine?: string): MqTrigger {
  return { ...base, kind: 'mq', broker, queues: s.queues ?? [], ...(engine ? { engine } : {}), ...pick(s, ['batchSize']) };
}

export const mq: TriggerModule<'mq'> = {
  kind: 'mq',
  discover: {
    sam: {
      MQ: (e) => {
        const getAtt = asRecord(e.props.Broker)['Fn::GetAtt'];
        const brokerId = getAtt !== undefined ? (asArray(getAtt)[0] as string) : undefined;
        const engine = brokerId ? samLit(e, e.ctx.resolver.resourceProperties(brokerId).EngineType) : undefined;
        const s = esmFromTemplate(e.ctx, e.props, 'Broker');
        return mqTrigger(samBase(e), s.source ?? { symbol: 'unknown-broker' }, s, engine?.toLowerCase());
      },
    },
    serverless: Object.fromEntries(
      ['activemq', 'rabbitmq'].map((type) => [type, (e) => [mqTrigger(e.base, slsVal(e.ctx, e.o.arn) ?? { symbol: 'unknown-broker' }, esmFromServerless(e.o, (v) => slsVal(e.ctx, v)), type)]]),
    ),
    cloudFormation: {
      eventSourceMapping: { resourceTypes: ['AWS::AmazonMQ::Broker'], arn: /:mq:/, build: (_j, b, _props, s) => mqTrigger(b, s.source ?? { symbol: 'unknown-source' }, s) },
    },
    live: {
      eventSourceMapping: (m, s) => {
        const arn = m.EventSourceArn;
        if (!arn || parseArn(arn)?.service !== 'mq') return undefined;
        const queues = s.queues ?? [];
        return mqTrigger({ id: `mq:${arn}:${queues.join(',')}`, ...(s.enabled === false ? { enabled: false } : {}) }, arn, { ...s, queues });
      },
    },
  },
  plan: {
    map: (t) =>
      (t.engine ?? '').toLowerCase() === 'rabbitmq'
        ? { entries: (t.queues.length ? t.queues : ['queue']).map((q) => ({ triggerId: t.id, lambdaEvent: t.kind, trigger: { type: 'rabbitMQ', queueName: q, connectionStringSetting: CONNECTIONS.rabbitMQ } })), resources: [] }
        : none(t, `Amazon MQ ${t.engine ?? 'ActiveMQ'} has no Functions trigger; move the broker to Service Bus Premium (JMS) and rewire`),
    roles: noRoles,
    display: (t) => t.id,
    http: false,
    drain: true,
    dataStore: false,
    compatible: ['rabbitMQ', 'serviceBusQueue'],
  },
  convert: {
    node: passthroughBinding,
    python: { manual: 'no Python adapter for the RabbitMQ trigger yet' },
  },
  emit: { replaces: null, cutover: esmSwitch },
};

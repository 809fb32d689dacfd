// AWS IoT rules with a Lambda action → an Event Hub the devices' messages are routed to (IoT Hub message routing);
// the Event Hubs trigger hands the messages to the handler unchanged. Read from SAM `IoTRule`, Serverless `iot`,
// AWS::IoT::TopicRule, permissions, live resource policies.

import { asArray, asRecord } from '../../discover/templates/context.js';
import type { TriggerModule } from '../module.js';
import { cfnBase, targetFunction } from '../shared/cfn-input.js';
import { callerSwitch } from '../shared/manual.js';
import { routedEventHub } from '../shared/routed-event-hub.js';
import { samBase, samLit } from '../shared/sam-input.js';
import { slsLit } from '../shared/serverless-input.js';
import type { IotTrigger } from './types.js';

export const iot: TriggerModule<'iot'> = {
  kind: 'iot',
  discover: {
    sam: {
      IoTRule: (e) => {
        const t: IotTrigger = { ...samBase(e), kind: 'iot' };
        const sql = samLit(e, e.props.Sql);
        if (sql !== undefined) t.sql = sql;
        return t;
      },
    },
    serverless: {
      iot: (e) => {
        const t: IotTrigger = { ...e.base, kind: 'iot' };
        if (slsLit(e.o.sql) !== undefined) t.sql = slsLit(e.o.sql);
        if (slsLit(e.o.name) !== undefined) t.rule = slsLit(e.o.name);
        return [t];
      },
    },
    cloudFormation: {
      resources: {
        'AWS::IoT::TopicRule': (j, logicalId, props) => {
          const r = j.ctx.resolver;
          const payload = asRecord(props.TopicRulePayload);
          for (const action of asArray(payload.Actions)) {
            const fn = targetFunction(j, asRecord(asRecord(action).Lambda).FunctionArn);
            if (!fn) continue;
            const t: IotTrigger = { ...cfnBase(j, logicalId, props), kind: 'iot', rule: { symbol: `Ref:${logicalId}` } };
            const sql = r.literal(payload.Sql);
            if (sql !== undefined) t.sql = sql;
            if (r.bool(payload.RuleDisabled) === true) t.enabled = false;
            fn.triggers.push(t);
          }
        },
      },
      permission: { principal: 'iot.amazonaws.com', covers: (t) => t.kind === 'iot', build: ({ base, src }) => ({ ...base, kind: 'iot', rule: src }) },
    },
    live: { enricher: 'push-triggers.ts' },
  },
  // Routed messages arrive as Event Hubs messages, not as the Lambda event: passed through (CAP-W025).
  ...routedEventHub<'iot'>('iot', 'device messages'),
  emit: {
    replaces: (name) => `the IoT rule's Lambda action; IoT Hub message routing delivers the devices' messages into '${name}'`,
    cutover: callerSwitch,
  },
};

// SQS → an Azure Storage queue, or a Service Bus queue when ordering (FIFO), partial batch failures or dead-lettering
// matter. Read from SAM `SQS` events, Serverless `sqs` events, EventSourceMappings (template and live).

import type { LambdaFunction, Resolvable } from '../../model/inventory.js';
import { displayResolvable } from '../../model/inventory.js';
import { parseArn } from '../../discover/aws/arn.js';
import { referencedLogicalId, type TemplateContext } from '../../discover/templates/context.js';
import { Symbolic } from '../../discover/templates/symbolic.js';
import { awsSource, resourceTail, storageName } from '../../plan/names.js';
import type { TriggerModule } from '../module.js';
import { grant } from '../shared/roles.js';
import { esmFromServerless, esmFromTemplate, pick, type EsmSettings } from '../shared/event-source-mapping.js';
import { esmSwitch } from '../shared/manual.js';
import { CONNECTIONS, one } from '../shared/plan.js';
import { py } from '../shared/python-binding.js';
import { slsIsRef, slsVal } from '../shared/serverless-input.js';
import { samBase } from '../shared/sam-input.js';
import { sqsBinding } from './node.js';
import type { SqsTrigger } from './types.js';

const SETTINGS = ['batchSize', 'maximumBatchingWindowInSeconds', 'reportBatchItemFailures', 'filterPatterns', 'maximumConcurrency'] as const;

function sqsTrigger(base: { id: string; enabled?: boolean }, queue: Resolvable, fifo: boolean | undefined, s: EsmSettings): SqsTrigger {
  return { ...base, kind: 'sqs', queue, ...(fifo !== undefined ? { fifo } : {}), ...pick(s, SETTINGS) };
}

/** True/false when the queue is known to be (or not be) FIFO, undefined when unknowable. */
export function queueIsFifo(ctx: TemplateContext, raw: unknown): boolean | undefined {
  const id = referencedLogicalId(raw, ctx.resources);
  if (id && ctx.resolver.resourceType(id) === 'AWS::SQS::Queue') {
    const props = ctx.resolver.resourceProperties(id);
    const fifo = ctx.resolver.bool(props.FifoQueue);
    if (fifo !== undefined) return fifo;
    const name = ctx.resolver.literal(props.QueueName);
    return name ? name.endsWith('.fifo') : false;
  }
  const lit = ctx.resolver.literal(raw);
  if (lit) return lit.endsWith('.fifo');
  return undefined;
}

/** Scale-out of one SQS queue: Service Bus when ordering, partial batch failure or dead-lettering matter. */
export function needsServiceBus(t: SqsTrigger, fn: LambdaFunction): boolean {
  return Boolean(t.fifo || t.reportBatchItemFailures || fn.deadLetter);
}

export const sqs: TriggerModule<'sqs'> = {
  kind: 'sqs',
  discover: {
    sam: {
      SQS: (e) => {
        const s = esmFromTemplate(e.ctx, e.props, 'Queue');
        return sqsTrigger(samBase(e), s.source ?? { symbol: 'unknown-queue' }, queueIsFifo(e.ctx, e.props.Queue), s);
      },
    },
    serverless: {
      sqs: (e) => {
        const arnRaw = slsIsRef(e.spec) ? e.spec : e.o.arn;
        const s = esmFromServerless(e.o, (v) => slsVal(e.ctx, v));
        return [sqsTrigger(e.base, slsVal(e.ctx, arnRaw) ?? { symbol: 'unknown-queue' }, queueIsFifo(e.ctx, arnRaw instanceof Symbolic ? undefined : arnRaw), s)];
      },
    },
    cloudFormation: {
      eventSourceMapping: {
        resourceTypes: ['AWS::SQS::Queue'],
        arn: /:sqs:/,
        build: (j, b, props, s) => sqsTrigger(b, s.source ?? { symbol: 'unknown-source' }, queueIsFifo(j.ctx, props.EventSourceArn), s),
      },
    },
    live: {
      eventSourceMapping: (m, s) => {
        const arn = m.EventSourceArn;
        if (!arn || parseArn(arn)?.service !== 'sqs') return undefined;
        return sqsTrigger({ id: `sqs:${arn}`, ...(s.enabled === false ? { enabled: false } : {}) }, arn, arn.endsWith('.fifo') || undefined, s);
      },
    },
  },
  plan: {
    map: (t, fn) => {
      const name = storageName(resourceTail(t.queue, `${fn.name}-queue`));
      const source = t.queue !== undefined ? { source: awsSource(t.queue) } : {};
      if (needsServiceBus(t, fn)) {
        return one(t, { type: 'serviceBusQueue', queueName: name, connection: CONNECTIONS.serviceBus, ...(t.fifo ? { isSessionsEnabled: true } : {}) }, [
          { kind: 'service-bus-queue', name, maxDeliveryCount: 5, lockDuration: 'PT1M', deadLetteringOnMessageExpiration: true, ...(t.fifo ? { requiresSession: true } : {}), ...source },
        ]);
      }
      return one(t, { type: 'storageQueue', queueName: name, connection: CONNECTIONS.storage }, [{ kind: 'storage-queue', name, maxDequeueCount: 5, ...source }]);
    },
    roles: (m) =>
      m.resources.flatMap((r) =>
        r.kind === 'service-bus-queue'
          ? [grant('sbReceiver', { kind: 'service-bus', resource: r.name }, `Service Bus trigger on queue ${r.name}`)]
          : r.kind === 'storage-queue'
            ? [grant('queueProcessor', { kind: 'storage-account' }, `queue trigger on ${r.name}`)]
            : [],
      ),
    display: (t) => displayResolvable(t.queue),
    http: false,
    drain: true,
    dataStore: false,
    compatible: ['storageQueue', 'serviceBusQueue'],
  },
  convert: {
    node: sqsBinding,
    python: (c) => {
      const t = c.entry.trigger;
      if (t.type === 'storageQueue') {
        return [
          c.name,
          `@app.queue_trigger(arg_name="msg", queue_name=${py(t.queueName)}, connection=${py(t.connection)})`,
          `def ${c.ident}(msg: func.QueueMessage, context: func.Context) -> None:`,
          c.load,
          `    settle_sqs_result(handler(sqs_event(msg, ${py(`arn:aws:sqs:::${t.queueName}`)}), ${c.lambdaContext}))`,
        ];
      }
      if (t.type === 'serviceBusQueue') {
        return [
          c.name,
          `@app.service_bus_queue_trigger(arg_name="msg", queue_name=${py(t.queueName)}, connection=${py(t.connection)})`,
          `def ${c.ident}(msg: func.ServiceBusMessage, context: func.Context) -> None:`,
          c.load,
          `    event = {"Records": [{"messageId": msg.message_id, "body": msg.get_body().decode("utf-8"), "attributes": {}, "messageAttributes": {}, "eventSource": "aws:sqs"}]}`,
          `    settle_sqs_result(handler(event, ${c.lambdaContext}))`,
        ];
      }
      return undefined;
    },
  },
  emit: {
    // Queues are labelled by the apps using them and their dead-letter budget, not by the SQS queue.
    replaces: null,
    cutover: esmSwitch,
  },
};

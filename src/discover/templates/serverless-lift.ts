// serverless-lift `constructs:`. A `queue` construct's `worker` is a Lambda function the plugin creates with an SQS
// event on the construct's queue (`<service>-<stage>-<construct>`): it becomes a function like those under
// `functions:`. Other construct types (webhook, storage, static-website, database, ...) create no function of
// their own, so they are named in a warning instead of being dropped without a word.

import { asRecord, type TemplateContext, warn } from './context.js';
import { Symbolic } from './symbolic.js';
import { slsLit, slsNum } from '../../triggers/shared/serverless-input.js';
import type { ServerlessSettings } from './serverless.js';

export interface LiftFunctions {
  /** Function key → resolved definition (with its SQS event). */
  resolved: Record<string, unknown>;
  /** Function key → raw mapping (the worker's own, for positions). */
  raw: Record<string, unknown>;
}

/** The functions serverless-lift creates from `constructs:` (queue workers), keyed `<construct>Worker` like Lift. */
export function liftWorkers(ctx: TemplateContext, config: Record<string, unknown>, rawConfig: Record<string, unknown>, settings: ServerlessSettings): LiftFunctions {
  const out: LiftFunctions = { resolved: {}, raw: {} };
  const constructs = asRecord(config.constructs);
  const rawConstructs = asRecord(rawConfig.constructs);
  for (const name of Object.keys(constructs).sort()) {
    const c = asRecord(constructs[name]);
    const type = slsLit(c.type);
    if (type !== 'queue' || c.worker === undefined) {
      warn(ctx, 'serverless.lift-construct', `Lift construct ${name} (type ${type ?? 'unknown'}) creates no Lambda function; migrate its resources by hand`, { obj: rawConstructs, key: name });
      continue;
    }
    const fifo = c.fifo === true;
    const queue = `${settings.service}-${settings.stage}-${name}${fifo ? '.fifo' : ''}`;
    const sqs: Record<string, unknown> = { arn: new Symbolic(`GetAtt:${queue}.Arn`), batchSize: slsNum(c.batchSize) ?? 1 };
    const window = slsNum(c.maxBatchingWindow);
    if (window !== undefined) sqs.maximumBatchingWindow = window;
    const key = `${name}Worker`;
    out.resolved[key] = { ...asRecord(c.worker), events: [{ sqs }] };
    out.raw[key] = asRecord(asRecord(rawConstructs[name]).worker);
  }
  return out;
}

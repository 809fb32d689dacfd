// Lambda function URLs → an HTTP trigger on a route named after the function (payload format 2.0), IAM auth as a
// function key. Read from SAM `FunctionUrlConfig` (discover/templates/sam.ts), AWS::Lambda::Url, live GetFunctionUrlConfig.

import { asRecord } from '../../discover/templates/context.js';
import { toPlain } from '../../discover/templates/symbolic.js';
import { slug } from '../../plan/names.js';
import type { TriggerModule } from '../module.js';
import { noRoles } from '../shared/roles.js';
import { cfnBase, targetFunction } from '../shared/cfn-input.js';
import { httpConvert, httpEmit } from '../shared/http.js';
import { ALL_METHODS, one } from '../shared/plan.js';
import type { FunctionUrlTrigger } from './types.js';

export const functionUrl: TriggerModule<'function-url'> = {
  kind: 'function-url',
  discover: {
    // A function URL is a property of the function in SAM (`FunctionUrlConfig`), not an event.
    sam: {},
    serverless: {},
    cloudFormation: {
      resources: {
        'AWS::Lambda::Url': (j, logicalId, props) => {
          const r = j.ctx.resolver;
          const fn = targetFunction(j, props.TargetFunctionArn);
          if (!fn) return;
          const authType = r.literal(props.AuthType) === 'NONE' ? 'NONE' : 'AWS_IAM';
          const invokeMode = r.literal(props.InvokeMode) === 'RESPONSE_STREAM' ? 'RESPONSE_STREAMING' : 'BUFFERED';
          fn.functionUrl = { authType, invokeMode };
          const t: FunctionUrlTrigger = { ...cfnBase(j, logicalId, props), kind: 'function-url', authType, invokeMode };
          if (props.Cors !== undefined) {
            const cors = asRecord(toPlain(r.resolve(props.Cors)));
            fn.functionUrl.cors = cors;
            t.cors = cors;
          }
          fn.triggers.push(t);
        },
      },
    },
    live: { enricher: 'assemble-function.ts' },
  },
  plan: {
    map: (t, fn) => one(t, { type: 'http', route: slug(fn.name) || 'fn', methods: ALL_METHODS, authLevel: t.authType === 'AWS_IAM' ? 'function' : 'anonymous' }, [], '2.0'),
    roles: noRoles,
    display: (t) => t.id,
    http: true,
    drain: false,
    dataStore: false,
    compatible: ['http'],
  },
  convert: httpConvert(() => '2.0'),
  emit: httpEmit,
};

// Cognito user-pool triggers: no Functions trigger (Entra External ID custom authentication extensions call an HTTP
// endpoint instead). Read from SAM `Cognito`, Serverless `cognitoUserPool`, AWS::Cognito::UserPool, permissions.

import { asRecord } from '../../discover/templates/context.js';
import type { LambdaFunction } from '../../model/inventory.js';
import type { TriggerModule } from '../module.js';
import { noRoles } from '../shared/roles.js';
import { cfnBase, targetFunction } from '../shared/cfn-input.js';
import { none } from '../shared/plan.js';
import { samBase, samStr, samStrings } from '../shared/sam-input.js';
import { slsNames, slsVal } from '../shared/serverless-input.js';

const MANUAL = 'Cognito user-pool triggers have no Functions trigger; an Entra External ID custom authentication extension calls the function over HTTP';

export const cognito: TriggerModule<'cognito'> = {
  kind: 'cognito',
  discover: {
    sam: { Cognito: (e) => ({ ...samBase(e), kind: 'cognito', userPool: samStr(e, e.props.UserPool) ?? { symbol: 'unknown-user-pool' }, triggers: samStrings(e, e.props.Trigger) }) },
    serverless: { cognitoUserPool: (e) => [{ ...e.base, kind: 'cognito', userPool: slsVal(e.ctx, e.o.pool) ?? { symbol: 'unknown-user-pool' }, triggers: slsNames(e.ctx, e.o.trigger) }] },
    cloudFormation: {
      resources: {
        'AWS::Cognito::UserPool': (j, logicalId, props) => {
          const byFn = new Map<LambdaFunction, string[]>();
          for (const [triggerName, v] of Object.entries(asRecord(props.LambdaConfig))) {
            const fn = targetFunction(j, triggerName === 'CustomSMSSender' || triggerName === 'CustomEmailSender' ? asRecord(v).LambdaArn : v);
            if (fn) byFn.set(fn, [...(byFn.get(fn) ?? []), triggerName]);
          }
          for (const [fn, names] of byFn) fn.triggers.push({ ...cfnBase(j, logicalId, props), kind: 'cognito', userPool: { symbol: `Ref:${logicalId}` }, triggers: names.sort() });
        },
      },
      permission: { principal: 'cognito-idp.amazonaws.com', covers: (t) => t.kind === 'cognito', build: ({ base, src }) => ({ ...base, kind: 'cognito', userPool: src, triggers: [] }) },
    },
    live: { enricher: 'enrich-cognito.ts' },
  },
  plan: {
    map: (t) => none(t, `Cognito user-pool triggers (${t.triggers.join(', ') || 'unknown'}) have no Functions trigger; Entra External ID custom authentication extensions call an HTTP endpoint instead`),
    roles: noRoles,
    display: (t) => t.id,
    http: false,
    drain: false,
    dataStore: false,
    compatible: 'any',
  },
  convert: { node: { manual: MANUAL }, python: { manual: MANUAL } },
  emit: {
    replaces: null,
    cutover: (fn) => ({
      cutover: `Register the Azure replacement with the identity provider, then detach ${fn.lambdaName} from the Cognito user pool's LambdaConfig (\`aws cognito-idp describe-user-pool --user-pool-id <pool>\` shows it; \`update-user-pool\` removes it)`,
      failback: "Re-attach the Lambda in the user pool's LambdaConfig (the function itself was never changed)",
    }),
  },
};

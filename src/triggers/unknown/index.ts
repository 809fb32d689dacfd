// Event sources with no known Azure equivalent (SAM `AlexaSkill`, SES, DocumentDB mappings, API authorizers, ...):
// recorded with the source's own name so the plan reports them. Every discovery dispatcher falls back to this
// module when no other kind recognises an event, mapping or permission.

import type { Trigger } from '../../model/inventory.js';
import { allReferencedLogicalIds, asRecord } from '../../discover/templates/context.js';
import { toPlain } from '../../discover/templates/symbolic.js';
import type { TriggerModule } from '../module.js';
import { noRoles } from '../shared/roles.js';
import { API_AUTHORIZER, cfnBase, type CfnJoin } from '../shared/cfn-input.js';
import { callerSwitch } from '../shared/manual.js';
import { none } from '../shared/plan.js';

/** An API Gateway authorizer function: not a route, but the plan must see it. */
const authorizer: CfnJoin = (j, logicalId, props) => {
  const fn = [...allReferencedLogicalIds(props.AuthorizerUri, j.ctx.resources)].map((id) => j.fns.get(id)).find(Boolean);
  if (!fn) return;
  const r = j.ctx.resolver;
  const api = r.str(props.RestApiId ?? props.ApiId) ?? { symbol: 'unknown-api' };
  const type = r.literal(props.Type ?? props.AuthorizerType) ?? 'REQUEST';
  fn.triggers.push({ ...cfnBase(j, logicalId, props), kind: 'unknown', sourceType: API_AUTHORIZER, detail: { api: toPlain(api), name: r.literal(props.Name) ?? logicalId, type } });
};

/** Alexa Skills Kit / Smart Home invoke Lambda by ARN; a skill can call an HTTPS endpoint instead. */
export const ALEXA = 'Alexa invokes the Lambda function directly and Azure has no Alexa trigger: serve the skill from an HTTP trigger that verifies the Alexa request signature, then point the skill endpoint (Alexa developer console) at it';

/** What a dispatcher records when no kind recognised the source. */
export function unknownTrigger(base: { id: string; source?: Trigger['source']; enabled?: boolean }, sourceType: string, detail: unknown): Trigger {
  return { ...base, kind: 'unknown', sourceType, detail: asRecord(detail) };
}

export const unknown: TriggerModule<'unknown'> = {
  kind: 'unknown',
  discover: {
    // Unrecognised SAM and Serverless events become `unknown` in the dispatchers (discover/templates).
    sam: {},
    serverless: {},
    cloudFormation: { resources: { 'AWS::ApiGateway::Authorizer': authorizer, 'AWS::ApiGatewayV2::Authorizer': authorizer } },
    live: { enricher: 'push-triggers.ts' },
  },
  plan: {
    map: (t) => none(t, /^alexa/i.test(t.sourceType) || t.sourceType === 'alexa-appkit.amazon.com' ? ALEXA : `event source ${t.sourceType} has no known Azure Functions equivalent`),
    roles: noRoles,
    display: (t) => t.id,
    http: false,
    drain: false,
    dataStore: false,
    compatible: 'any',
  },
  convert: { node: { manual: 'the event source has no known Azure equivalent' }, python: { manual: 'the event source has no known Azure equivalent' } },
  emit: { replaces: null, cutover: callerSwitch },
};

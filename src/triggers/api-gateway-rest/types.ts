import type { AuthorizerInfo, Resolvable, TriggerBase } from '../../model/inventory.js';

export interface ApiGatewayRestTrigger extends TriggerBase {
  kind: 'api-gateway-rest';
  api?: Resolvable;
  path: string;
  method: string;
  stage?: string;
  /** `AWS_PROXY` (the default), `AWS`, or another integration type. */
  integration?: string;
  authorizer?: AuthorizerInfo;
  apiKeyRequired?: boolean;
  timeoutInMillis?: number;
}

import type { AuthorizerInfo, Resolvable, TriggerBase } from '../../model/inventory.js';

export interface ApiGatewayRestTrigger extends TriggerBase {
  kind: 'api-gateway-rest';
  api?: Resolvable;
  path: string;
  method: string;
  stage?: string;
  integration?: 'AWS_PROXY' | 'AWS' | string;
  authorizer?: AuthorizerInfo;
  apiKeyRequired?: boolean;
  timeoutInMillis?: number;
}

import type { AuthorizerInfo, Resolvable, TriggerBase } from '../../model/inventory.js';

export interface ApiGatewayHttpTrigger extends TriggerBase {
  kind: 'api-gateway-http';
  api?: Resolvable;
  path: string;
  method: string;
  payloadFormatVersion?: '1.0' | '2.0';
  authorizer?: AuthorizerInfo;
  timeoutInMillis?: number;
}

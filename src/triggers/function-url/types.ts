import type { TriggerBase } from '../../model/inventory.js';

export interface FunctionUrlTrigger extends TriggerBase {
  kind: 'function-url';
  authType: 'NONE' | 'AWS_IAM';
  invokeMode?: 'BUFFERED' | 'RESPONSE_STREAMING';
  cors?: Record<string, unknown>;
}

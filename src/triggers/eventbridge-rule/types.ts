import type { Resolvable, TriggerBase } from '../../model/inventory.js';

export interface EventBridgeRuleTrigger extends TriggerBase {
  kind: 'eventbridge-rule';
  pattern: unknown;
  eventBus?: Resolvable;
  ruleName?: Resolvable;
  input?: 'constant' | 'path' | 'transformer';
  retryPolicy?: { maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };
  deadLetter?: Resolvable;
}

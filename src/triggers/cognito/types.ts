import type { Resolvable, TriggerBase } from '../../model/inventory.js';

export interface CognitoTrigger extends TriggerBase {
  kind: 'cognito';
  userPool: Resolvable;
  /** e.g. PreSignUp, PostConfirmation, PreTokenGeneration. */
  triggers: string[];
}

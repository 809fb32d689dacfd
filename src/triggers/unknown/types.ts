import type { TriggerBase } from '../../model/inventory.js';

export interface UnknownTrigger extends TriggerBase {
  kind: 'unknown';
  /** The source's own name for it, e.g. SAM `AlexaSkill`, principal `ses.amazonaws.com`. */
  sourceType: string;
  detail?: Record<string, unknown>;
}

import type { Resolvable, TriggerBase } from '../../model/inventory.js';

export interface AlbTrigger extends TriggerBase {
  kind: 'alb';
  targetGroup?: Resolvable;
  conditions?: { path?: string[]; host?: string[]; method?: string[] };
  multiValueHeaders?: boolean;
}

import type { Resolvable, TriggerBase } from '../../model/inventory.js';

export interface WebSocketTrigger extends TriggerBase {
  kind: 'websocket';
  api?: Resolvable;
  /** `$connect`, `$disconnect`, `$default` or a custom route key. */
  route: string;
}

// SAM `Events` of a function → inventory triggers. Each trigger module lists the SAM event types it reads
// (src/triggers/<kind>/ `discover.sam`); an event type no module reads is kept as an `unknown` trigger.

import type { Trigger } from '../../model/inventory.js';
import { TRIGGER_MODULES } from '../../triggers/registry.js';
import { samBase, type SamEventInput } from '../../triggers/shared/sam-input.js';
import { unknownTrigger } from '../../triggers/unknown/index.js';
import { warn } from './context.js';
import { toPlain } from './symbolic.js';

export type { SamEventInput } from '../../triggers/shared/sam-input.js';

let adapters: Map<string, (e: SamEventInput) => Trigger> | undefined;

/** SAM event type → the adapter of the module that reads it. */
export function samEventAdapters(): Map<string, (e: SamEventInput) => Trigger> {
  adapters ??= new Map(TRIGGER_MODULES.flatMap((m) => Object.entries(m.discover.sam)));
  return adapters;
}

export function mapSamEvent(e: SamEventInput, type: string | undefined): Trigger {
  const adapter = type ? samEventAdapters().get(type) : undefined;
  if (adapter) return adapter(e);
  warn(e.ctx, 'template.unknown-event-type', `event ${e.eventName} of type ${type ?? '(none)'} is kept as an unknown trigger`, {
    obj: e.events,
    key: e.eventName,
    subject: `${e.ctx.file}#${e.fnLogicalId}`,
  });
  return unknownTrigger(samBase(e), type ?? 'unknown', toPlain(e.ctx.resolver.resolve(e.props)));
}

// What a generated resource replaces, in the words of the trigger modules whose entries use it: an Event Hub fed by a
// Kinesis stream, an IoT rule or a log subscription says which; a topic says whether it was an SNS topic or a bus.

import type { TriggerKind } from '../../model/inventory.js';
import type { FunctionApp, PlannedEntry } from '../../model/plan.js';
import { triggerModule } from '../../triggers/registry.js';
import { compareStrings } from '../../util/json.js';

/** The trigger kinds of the entries `uses` selects, across the apps (sorted, each once). */
export function kindsUsing(apps: readonly FunctionApp[], uses: (e: PlannedEntry) => boolean): TriggerKind[] {
  const kinds = new Set<TriggerKind>();
  for (const app of apps) for (const fn of app.functions) for (const e of fn.entries) if (e.lambdaEvent !== 'direct-invoke' && uses(e)) kinds.add(e.lambdaEvent);
  return [...kinds].sort(compareStrings);
}

/** `Replaces <what>` for the resource `name`, or `fallback` when no module describes it (e.g. an edited plan). */
export function replacesDescription(apps: readonly FunctionApp[], uses: (e: PlannedEntry) => boolean, name: string, fallback: string): string {
  const phrases = kindsUsing(apps, uses).flatMap((k) => {
    const replaces = triggerModule(k).emit.replaces;
    return replaces ? [replaces(name)] : [];
  });
  return phrases.length > 0 ? `Replaces ${phrases.join(' and ')}` : fallback;
}

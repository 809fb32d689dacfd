// A Lambda's triggers → its Azure entries (Azure functions have exactly one trigger each) and the target resources
// the Bicep creates for them. What each trigger kind maps to lives in its module (src/triggers/<kind>/).

import type { LambdaFunction } from '../model/inventory.js';
import type { PlannedEntry, RoleAssignment, TargetResource } from '../model/plan.js';
import { mapTrigger, triggerModule } from '../triggers/registry.js';
import { functionName, slug } from './names.js';

/** All entries of a Lambda (one per trigger, or a direct-invoke HTTP entry when it has none), their resources and the roles on them. */
export function mapFunctionTriggers(fn: LambdaFunction): { entries: PlannedEntry[]; resources: TargetResource[]; roles: RoleAssignment[] } {
  const enabled = fn.triggers;
  const base = functionName(fn.name);
  if (enabled.length === 0) {
    return { entries: [{ name: base, lambdaEvent: 'direct-invoke', trigger: { type: 'http', route: `invoke/${slug(fn.name) || 'fn'}`, methods: ['POST'], authLevel: 'function' } }], resources: [], roles: [] };
  }
  const mapped = enabled.map((t) => mapTrigger(t, fn));
  const flat = mapped.flatMap((m) => m.entries);
  const entries = flat.map((e, i) => ({ name: flat.length === 1 ? base : functionName(`${base}-${e.triggerId ?? i}`), ...e }));
  const resources = mapped.flatMap((m) => m.resources).map((r) => {
    // The Event Grid subscription targets one Azure function: name it now that entry names are known.
    if (r.kind === 'event-grid-blob-subscription' || r.kind === 'event-grid-topic') {
      const idx = mapped.findIndex((m) => m.resources.includes(r));
      const entry = entries.find((e) => e.triggerId === enabled[idx]?.id);
      return { ...r, functionName: entry?.name ?? base };
    }
    return r;
  });
  const roles = mapped.flatMap((m, i) => triggerModule(enabled[i]!.kind).plan.roles(m));
  return { entries, resources, roles };
}

// Shared plumbing of the enrichers: which functions a push principal points at, collecting triggers by function,
// and the trigger recorded straight from a policy statement when its source service cannot be read.

import type { Trigger, Warning } from '../../model/inventory.js';
import type { PushPrincipal, PushSource } from './decode-resource-policy.js';
import type { FunctionFacts } from './collect-functions.js';

export class TriggerSink {
  readonly byFunction = new Map<string, Trigger[]>();

  add(functionArn: string, trigger: Trigger): void {
    const list = this.byFunction.get(functionArn) ?? [];
    if (!list.some((t) => t.id === trigger.id)) list.push(trigger);
    this.byFunction.set(functionArn, list);
  }
}

/** A policy statement naming a source that no longer exists: informational, the inventory is not incomplete. */
export function stalePermission(fn: FunctionFacts, ps: PushSource): Warning {
  return { code: 'discover.stale-permission', subject: fn.arn, message: `the resource policy admits ${ps.principalName} from ${ps.sourceArn ?? 'any source'}, which does not exist (a leftover permission)` };
}

/** Every (function, push source) pair for one principal kind. */
export function pushSourcesOf(functions: readonly FunctionFacts[], principal: PushPrincipal): { fn: FunctionFacts; ps: PushSource }[] {
  const out: { fn: FunctionFacts; ps: PushSource }[] = [];
  for (const fn of functions) for (const ps of fn.pushSources) if (ps.principal === principal) out.push({ fn, ps });
  return out;
}

/** What the policy alone tells when the source service could not be read: an `unknown` trigger naming the source. */
export function triggerFromPolicy(ps: PushSource): Trigger {
  const detail: Record<string, unknown> = {};
  if (ps.sourceArn) detail.sourceArn = ps.sourceArn;
  if (ps.sourceAccount) detail.sourceAccount = ps.sourceAccount;
  if (ps.qualifier) detail.qualifier = ps.qualifier;
  return { kind: 'unknown', id: `${ps.principalName}:${ps.sourceArn ?? '*'}`, sourceType: ps.principalName, detail };
}

/** Principals whose statement is the whole story (no source service to ask): IoT rules, accounts, anything else. */
export function addPolicyOnlyTriggers(functions: readonly FunctionFacts[], sink: TriggerSink): void {
  for (const fn of functions) {
    for (const ps of fn.pushSources) {
      if (ps.principal === 'iot' && ps.source?.service === 'iot') {
        sink.add(fn.arn, { kind: 'iot', id: `iot:${ps.source.ruleName}`, rule: ps.source.ruleName });
      } else if (ps.principal === 'iot' || ps.principal === 'account' || ps.principal === 'other') {
        sink.add(fn.arn, triggerFromPolicy(ps));
      }
    }
  }
}

// Role assignments a trigger's own resource needs (functions-reference: the role per binding). Each kind's module
// grants them for the resources its mapping created (`plan.roles`); IAM-derived roles come from plan/identity.ts.

import type { RoleAssignment, RoleScope, TargetResource } from '../../model/plan.js';
import { ROLES } from '../../plan/identity.js';

export function grant(key: keyof typeof ROLES, scope: RoleScope, reason: string): RoleAssignment {
  return { role: ROLES[key].role, roleDefinitionId: ROLES[key].id, scope, reason };
}

/** The Event Hubs trigger reads its hub. */
export const eventHubRoles = (m: { resources: TargetResource[] }): RoleAssignment[] =>
  m.resources.flatMap((r) => (r.kind === 'event-hub' ? [grant('ehReceiver', { kind: 'event-hubs', resource: r.name }, `Event Hubs trigger on ${r.name}`)] : []));

/** Triggers whose Azure side creates nothing to grant on. */
export const noRoles = (): RoleAssignment[] => [];

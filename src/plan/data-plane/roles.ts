// Least-privilege role assignments for the data-plane calls the code makes: where the handler scan saw the
// operations on a moved resource, the Azure role follows them (read-only roles when only reads) instead of the IAM
// statements, which are often broader (`dynamodb:*`, SAM's CRUD policies). A resource kept in AWS needs no Azure role.

import type { Role } from '../../model/inventory.js';
import type { DataResource, DataService, RoleAssignment, RoleScope } from '../../model/plan.js';
import { ROLES } from '../identity.js';
import { SERVICE_OF_PREFIX } from './resource-names.js';

type RoleKey = keyof typeof ROLES;

const READS = /^(Get|Head|List|Query|Scan|BatchGet|TransactGet|Describe|Receive)/;

function roleFor(r: DataResource): { key: RoleKey; scope: RoleScope } | undefined {
  const a = r.azure!;
  const readOnly = r.operations.every((o) => READS.test(o));
  const sends = r.operations.some((o) => /^(Send|Publish|Put)/.test(o));
  switch (a.kind) {
    case 'cosmos-container':
      return { key: readOnly ? 'cosmosReader' : 'cosmosContributor', scope: { kind: 'cosmos-db', resource: 'cosmos' } };
    case 'blob-container':
      return { key: readOnly ? 'blobReader' : 'blobContributor', scope: { kind: 'storage-account' } };
    case 'storage-queue':
      return { key: sends ? 'queueSender' : 'queueProcessor', scope: { kind: 'storage-account' } };
    case 'service-bus-queue':
      return { key: sends ? 'sbSender' : 'sbReceiver', scope: { kind: 'service-bus', resource: a.name } };
    case 'event-grid-topic':
      return { key: 'egSender', scope: { kind: 'event-grid-topic', resource: a.name } };
    case 'event-hub':
      return { key: sends ? 'ehSender' : 'ehReceiver', scope: { kind: 'event-hubs', resource: a.name } };
    case 'key-vault-secret':
      return { key: 'kvSecretsUser', scope: { kind: 'key-vault' } };
    case 'app-setting':
      return undefined;
  }
}

/**
 * For the resources one app's functions use: the services whose IAM-derived roles these replace (every resource of
 * the service either stays or has its calls known), and the assignments for the calls.
 */
export function dataPlaneRoles(resources: DataResource[]): { covered: Set<DataService>; assignments: RoleAssignment[] } {
  const byService = new Map<DataService, DataResource[]>();
  for (const r of resources) byService.set(r.service, [...(byService.get(r.service) ?? []), r]);
  const covered = new Set<DataService>();
  const assignments: RoleAssignment[] = [];
  for (const [service, rs] of byService) {
    if (!rs.every((r) => r.decision === 'stay' || r.operations.length > 0)) continue;
    covered.add(service);
    for (const r of rs) {
      if (r.decision !== 'move' || !r.azure) continue;
      const role = roleFor(r);
      if (!role) continue;
      assignments.push({ role: ROLES[role.key].role, roleDefinitionId: ROLES[role.key].id, scope: role.scope, reason: `calls ${r.operations.join(', ')} on ${r.id}` });
    }
  }
  return { covered, assignments };
}

/** The role without the actions of the given services (their access is derived from the calls instead). */
export function withoutServices(role: Role, services: Set<DataService>): Role {
  const keep = (a: string) => {
    const s = SERVICE_OF_PREFIX[a.split(':')[0]!.toLowerCase()];
    return !s || !services.has(s);
  };
  return { ...role, policies: role.policies.map((p) => ({ ...p, statements: p.statements.map((st) => ({ ...st, actions: st.actions.filter(keep) })) })) };
}

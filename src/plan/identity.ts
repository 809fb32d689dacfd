// Execution-role IAM actions → managed-identity role assignments (built-in role GUIDs, azure-target 4.6).
// Actions with no Azure data-plane role, and wildcards, are returned so the rules can report them.

import type { Role } from '../model/inventory.js';
import type { RoleAssignment, RoleScope } from '../model/plan.js';
import { compareStrings, sortBy } from '../util/json.js';

export const ROLES = {
  blobOwner: { role: 'Storage Blob Data Owner', id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' },
  blobContributor: { role: 'Storage Blob Data Contributor', id: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' },
  blobReader: { role: 'Storage Blob Data Reader', id: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1' },
  queueContributor: { role: 'Storage Queue Data Contributor', id: '974c5e8b-45b9-4653-ba55-5f855dd0fb88' },
  queueProcessor: { role: 'Storage Queue Data Message Processor', id: '8a0f0c08-91a1-4084-bc3d-661d67233fed' },
  queueSender: { role: 'Storage Queue Data Message Sender', id: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a' },
  metricsPublisher: { role: 'Monitoring Metrics Publisher', id: '3913510d-42f4-4e42-8a64-420c390055eb' },
  sbReceiver: { role: 'Azure Service Bus Data Receiver', id: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0' },
  sbSender: { role: 'Azure Service Bus Data Sender', id: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39' },
  ehReceiver: { role: 'Azure Event Hubs Data Receiver', id: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde' },
  ehSender: { role: 'Azure Event Hubs Data Sender', id: '2b629674-e913-4c01-ae53-ef4638d8f975' },
  kvSecretsUser: { role: 'Key Vault Secrets User', id: '4633458b-17de-408a-b874-0445c86b69e6' },
  kvCryptoUser: { role: 'Key Vault Crypto User', id: '12338af0-0e69-4776-bea7-57ae8d297424' },
  egSender: { role: 'EventGrid Data Sender', id: 'd5a91429-5739-47e2-a06b-3470a27159e7' },
  cosmosReader: { role: 'Cosmos DB Built-in Data Reader', id: '00000000-0000-0000-0000-000000000001' },
  cosmosContributor: { role: 'Cosmos DB Built-in Data Contributor', id: '00000000-0000-0000-0000-000000000002' },
} as const;
type RoleKey = keyof typeof ROLES;

/** Actions the platform itself covers on Azure (logging to App Insights, ENI management for VPC): no assignment, no finding. */
const PLATFORM_ACTIONS = /^(logs:(CreateLogGroup|CreateLogStream|PutLogEvents|DescribeLogStreams)|ec2:(CreateNetworkInterface|DescribeNetworkInterfaces|DeleteNetworkInterface|AssignPrivateIpAddresses|UnassignPrivateIpAddresses)|sts:GetCallerIdentity)$/i;

/** AWS managed policies that only grant what the Azure platform provides anyway (logs, ENIs, X-Ray). */
const PLATFORM_MANAGED_POLICIES = /(AWSLambdaBasicExecutionRole|AWSLambdaVPCAccessExecutionRole|AWSLambdaENIManagementAccess|AWSXRayDaemonWriteAccess|AWSXrayWriteOnlyAccess|AWSLambdaSQSQueueExecutionRole|AWSLambdaKinesisExecutionRole|AWSLambdaDynamoDBExecutionRole)$/;

const READ_VERB = /^(Get|List|Describe|Head|Query|Scan|BatchGet|Select)/;

interface ActionMapping {
  roles: RoleKey[];
  scope: RoleScope['kind'];
}

/** One entry per AWS service prefix: how its actions become Azure roles. */
const SERVICE_MAPPERS: Record<string, (verb: string, ctx: { serviceBus: boolean }) => ActionMapping | undefined> = {
  s3: (v) => ({ roles: [READ_VERB.test(v) ? 'blobReader' : 'blobContributor'], scope: 'storage-account' }),
  sqs: (v, ctx) => {
    const send = /^Send/.test(v);
    const receive = /^(Receive|Delete|ChangeMessageVisibility|GetQueue|ListQueues|Purge)/.test(v);
    if (!send && !receive) return undefined;
    if (ctx.serviceBus) return { roles: [send ? 'sbSender' : 'sbReceiver'], scope: 'service-bus' };
    return { roles: [send ? 'queueSender' : 'queueProcessor'], scope: 'storage-account' };
  },
  sns: (v) => (/^Publish/.test(v) ? { roles: ['egSender'], scope: 'event-grid-topic' } : undefined),
  events: (v) => (/^PutEvents/.test(v) ? { roles: ['egSender'], scope: 'event-grid-topic' } : undefined),
  kinesis: (v) => ({ roles: [/^Put/.test(v) ? 'ehSender' : 'ehReceiver'], scope: 'event-hubs' }),
  firehose: (v) => (/^Put/.test(v) ? { roles: ['ehSender'], scope: 'event-hubs' } : undefined),
  dynamodb: (v) => ({ roles: [READ_VERB.test(v) || /^(GetRecords|GetShardIterator|ListStreams|DescribeStream)/.test(v) ? 'cosmosReader' : 'cosmosContributor'], scope: 'cosmos-db' }),
  secretsmanager: (v) => (/^(GetSecretValue|DescribeSecret|ListSecret)/.test(v) ? { roles: ['kvSecretsUser'], scope: 'key-vault' } : undefined),
  ssm: (v) => (/^GetParameter/.test(v) ? { roles: ['kvSecretsUser'], scope: 'key-vault' } : undefined),
  kms: (v) => (/^(Decrypt|Encrypt|GenerateDataKey|ReEncrypt)/.test(v) ? { roles: ['kvCryptoUser'], scope: 'key-vault' } : undefined),
  cloudwatch: (v) => (/^PutMetricData/.test(v) ? { roles: ['metricsPublisher'], scope: 'app-insights' } : undefined),
  xray: (v) => (/^Put/.test(v) ? { roles: ['metricsPublisher'], scope: 'app-insights' } : undefined),
};

export interface RoleAnalysis {
  actions: string[];
  wildcardActions: string[];
  unmappedActions: string[];
  assignments: RoleAssignment[];
  opaquePolicies: string[];
  hasNotActions: boolean;
}

export function analyseRole(role: Role, ctx: { serviceBus: boolean }): RoleAnalysis {
  const actions = new Set<string>();
  const wildcard = new Set<string>();
  const unmapped = new Set<string>();
  const byRole = new Map<string, { key: RoleKey; scope: RoleScope['kind']; actions: Set<string> }>();
  let hasNotActions = false;
  for (const p of role.policies) {
    for (const s of p.statements) {
      if (s.effect !== 'Allow') continue;
      if (s.notActions?.length) hasNotActions = true;
      for (const a of s.actions) actions.add(a);
    }
  }
  for (const a of [...actions].sort(compareStrings)) {
    if (PLATFORM_ACTIONS.test(a)) continue;
    if (a.includes('*')) wildcard.add(a);
    const [svc = '', verb = ''] = a.split(':');
    // `s3:*` is treated as the broadest (write) access; `sqs:SendMessage*` by its prefix.
    const effectiveVerb = verb === '*' ? 'Put*' : verb.replace(/\*+$/, '');
    const m = a === '*' ? undefined : SERVICE_MAPPERS[svc.toLowerCase()]?.(effectiveVerb, ctx);
    if (!m) {
      unmapped.add(a);
      continue;
    }
    for (const key of m.roles) {
      const k = `${key}|${m.scope}`;
      const cur = byRole.get(k) ?? { key, scope: m.scope, actions: new Set<string>() };
      cur.actions.add(a);
      byRole.set(k, cur);
    }
  }
  const assignments = [...byRole.values()].map((r) => ({
    role: ROLES[r.key].role,
    roleDefinitionId: ROLES[r.key].id,
    scope: { kind: r.scope },
    reason: `replaces ${[...r.actions].join(', ')} (role ${role.name ?? role.id})`,
  }));
  return {
    actions: [...actions].sort(compareStrings),
    wildcardActions: [...wildcard].sort(compareStrings),
    unmappedActions: [...unmapped].sort(compareStrings),
    assignments,
    opaquePolicies: role.policies.filter((p) => p.opaque && !PLATFORM_MANAGED_POLICIES.test(p.name)).map((p) => p.name).sort(compareStrings),
    hasNotActions,
  };
}

/** Deduplicate assignments by role+scope, merging reasons; sorted for determinism. */
export function mergeAssignments(list: RoleAssignment[]): RoleAssignment[] {
  const map = new Map<string, RoleAssignment>();
  for (const a of list) {
    const k = `${a.roleDefinitionId}|${a.scope.kind}|${a.scope.resource ?? ''}`;
    const cur = map.get(k);
    if (!cur) map.set(k, { ...a });
    else if (!cur.reason.split('; ').includes(a.reason)) cur.reason = `${cur.reason}; ${a.reason}`;
  }
  return sortBy([...map.values()], (a) => `${a.scope.kind}|${a.scope.resource ?? ''}|${a.role}`);
}

// `discover --aws --org`: the organisation's member accounts × the requested regions, this shard's share of those
// pairs, and per account a client pool signed with the assumed role (the caller's own account keeps its credentials).
// An account whose role cannot be assumed is a warning naming it; the other accounts go on.

import type { AwsCaller } from './call.js';
import { ClientPool } from './clients.js';
import { assumeRole, memberRoleArn } from './assume-role.js';
import { mapLimit } from '../../util/map-limit.js';
import { organizationAccounts, type AccountSelector } from './organization.js';
import { inShard, type Shard } from './shard.js';
import { compareStrings } from '../../util/json.js';

export interface OrgDiscoverOptions {
  /** The role assumed in each member account (default OrganizationAccountAccessRole). */
  roleName: string;
  accounts?: AccountSelector;
  shard?: Shard;
}

export interface OrgScope {
  pool: ClientPool;
  caller: AwsCaller;
  /** The calling (management or delegated administrator) account. */
  account: string;
  partition: string;
  regions: string[];
}

/** Accounts discovered at once; each runs its regions in parallel, paced by its own token buckets. */
const ACCOUNTS_IN_PARALLEL = 4;

/** The region that signs a global service's calls in each partition (IAM, STS's global endpoint, Organizations). */
export function globalRegion(partition: string, service: 'iam' | 'sts' | 'organizations'): string {
  if (partition === 'aws-cn') return service === 'organizations' ? 'cn-northwest-1' : 'cn-north-1';
  if (partition === 'aws-us-gov') return 'us-gov-west-1';
  return 'us-east-1';
}

const uniqueSorted = (xs: string[]) => [...new Set(xs)].sort(compareStrings);

export async function discoverOrganization<T>(
  scope: OrgScope,
  org: OrgDiscoverOptions,
  discoverAccount: (account: string, pool: ClientPool, regions: string[]) => Promise<T>,
): Promise<{ accounts: string[]; regions: string[]; parts: T[] }> {
  const { caller, partition } = scope;
  const global = `${scope.account}/global`;
  const members = await organizationAccounts({ client: scope.pool.get('organizations', globalRegion(partition, 'organizations')), caller, scope: global }, org.accounts);
  if (members.length === 0) caller.warn({ code: 'aws.org-empty', message: 'no active member account to discover: check --accounts and organizations:ListAccounts access' });
  const pairs = members.flatMap((account) => scope.regions.map((region) => ({ account, region }))).filter((p) => inShard(p, org.shard));
  const byAccount = new Map<string, string[]>();
  for (const p of pairs) byAccount.set(p.account, [...(byAccount.get(p.account) ?? []), p.region]);

  const parts = await mapLimit([...byAccount], ACCOUNTS_IN_PARALLEL, async ([account, regions]) => {
    if (account === scope.account) return discoverAccount(account, scope.pool, regions);
    const roleArn = memberRoleArn(partition, account, org.roleName);
    const credentials = await assumeRole(caller, scope.pool.get('sts', globalRegion(partition, 'sts')), global, roleArn);
    if (!credentials) {
      caller.warn({ code: 'aws.account-skipped', subject: account, message: `account ${account} was not discovered: ${roleArn} could not be assumed; its functions are missing from this inventory` });
      return undefined;
    }
    const pool = new ClientPool({ ...scope.pool.settings, credentials });
    try {
      return await discoverAccount(account, pool, regions);
    } finally {
      pool.destroy();
    }
  });
  return {
    accounts: uniqueSorted(pairs.map((p) => p.account)),
    regions: uniqueSorted(pairs.map((p) => p.region)),
    parts: parts.filter((p): p is Awaited<T> => p !== undefined),
  };
}

// Live discovery: a read-only sweep of an AWS account → Inventory, paced to the Lambda API quotas.
// STS first (who and where), then every region in parallel, then IAM roles once each. See docs/permissions.md.

import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Reporter } from '../../cli/io.js';
import { INVENTORY_SCHEMA_VERSION, type Inventory, type Role } from '../../model/inventory.js';
import { MigrateError } from '../../util/errors.js';
import { compareStrings } from '../../util/json.js';
import { canonicalInventory } from '../merge.js';
import { parseArn } from './arn.js';
import { AwsCaller, classifyError } from './call.js';
import { ClientPool } from './clients.js';
import { collectRoles } from './collect-iam.js';
import { regionContext } from './context.js';
import { discoverOrganization, globalRegion, type OrgDiscoverOptions } from './discover-organization.js';
import { discoverRegion, type RegionResult } from './discover-region.js';
import { nameFilter } from './function-glob.js';
import { parseAccountSelector } from './organization.js';
import { parseShard } from './shard.js';
import { LAMBDA_REGIONS } from './lambda-regions.js';
import { RateLimiter, type Clock, type RateLimits } from './rate-limiter.js';
import { credentialProvider, profileRegion } from './shared-config.js';

export interface AwsDiscoverOptions {
  profile?: string;
  regions?: string[];
  roleArn?: string;
  endpointUrl?: string;
  functionGlobs?: string[];
  includeValues: boolean;
  /** GetFunction for every function: finds a reserved concurrency of 0, which the region-wide accounting cannot. */
  readEveryFunction?: boolean;
  env: NodeJS.ProcessEnv;
  /** `--org`: every member account (or those selected), through a role assumed in each. */
  org?: OrgDiscoverOptions;
  /** Tuning for tests and benchmarks; the defaults follow the documented quotas. */
  tuning?: DiscoveryTuning;
}

export interface DiscoveryTuning {
  /** Requests per second by quota class (before `quotaFraction`). */
  limits?: Partial<RateLimits>;
  /** Share of each quota used (default 0.9). */
  quotaFraction?: number;
  /** Functions read in parallel per region (default 8). */
  concurrency?: number;
  /** The SDK's own attempts per call (default 3, or AWS_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /**
   * The SDK's retry mode (default `standard`: retries with backoff and no second rate limiter; the pacing is our
   * own token buckets. `adaptive` stacks the SDK's client-side limiter on top, which stalls far below the quota).
   */
  retryMode?: 'adaptive' | 'standard';
  /** Our retry rounds after the SDK gave up on throttling (default 4) and their first backoff (default 1000 ms). */
  throttleRetries?: number;
  backoffMs?: number;
  clock?: Clock;
  /** Filled in with the calls made, by IAM action, for benchmarks. */
  stats?: DiscoveryStats;
}

export interface DiscoveryStats {
  calls: Record<string, number>;
  throttleRetries: Record<string, number>;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

const ROLE_NAME = /^[\w+=,.@/-]{1,64}$/;

/** `--org` flags → options, checked: an IAM role name, an account selector, a shard. */
export function orgOptions(flags: { roleName: string; accounts?: string; shard?: string }): OrgDiscoverOptions {
  if (!ROLE_NAME.test(flags.roleName)) throw new MigrateError('usage', `--role-name '${flags.roleName}' is not an IAM role name`);
  return { roleName: flags.roleName, accounts: parseAccountSelector(flags.accounts), shard: flags.shard === undefined ? undefined : parseShard(flags.shard) };
}

/** --region, then AWS_REGION, AWS_DEFAULT_REGION, then the profile's region in the shared config file. */
export function resolveRegions(opts: Pick<AwsDiscoverOptions, 'regions' | 'env'> & { profileRegion?: string }): string[] {
  const given = opts.regions?.length ? opts.regions : [opts.env.AWS_REGION ?? opts.env.AWS_DEFAULT_REGION ?? opts.profileRegion ?? ''].filter(Boolean);
  if (given.length === 0) {
    throw new MigrateError('usage', 'no AWS region: give --region R1,R2 or --region all, set AWS_REGION, or set region in the profile of ~/.aws/config');
  }
  const regions = given.includes('all') ? [...LAMBDA_REGIONS] : given;
  for (const r of regions) if (!REGION.test(r)) throw new MigrateError('usage', `not an AWS region: '${r}'`, { hint: 'e.g. --region us-east-1,eu-west-1 or --region all' });
  return [...new Set(regions)].sort(compareStrings);
}

async function resolveCredentials(opts: AwsDiscoverOptions, region: string, endpoint: string | undefined): Promise<unknown> {
  const base = await credentialProvider({ profile: opts.profile, env: opts.env }, { region, endpoint });
  if (!opts.roleArn) return base;
  const { fromTemporaryCredentials } = await import('@aws-sdk/credential-providers');
  return fromTemporaryCredentials({
    masterCredentials: base as Parameters<typeof fromTemporaryCredentials>[0]['masterCredentials'],
    params: { RoleArn: opts.roleArn, RoleSessionName: 'migrate-discover' },
    clientConfig: endpoint ? { region, endpoint } : { region },
  });
}

async function whoAmI(pool: ClientPool, caller: AwsCaller, region: string, endpoint: string | undefined): Promise<{ account: string; partition: string }> {
  // Through the caller like every other call: throttling and 5xx are retried; only a rejection of the
  // credentials themselves is reported as one.
  let lastError: unknown;
  const r = await caller.call({ action: 'sts:GetCallerIdentity', scope: `sts/${region}` }, async () => {
    try {
      return await pool.get('sts', region).send(new GetCallerIdentityCommand({}));
    } catch (e) {
      lastError = e;
      throw e;
    }
  });
  if (r.status === 'ok') {
    const id = r.value;
    const account = id.Account ?? parseArn(id.Arn ?? '')?.account;
    if (!account) throw new MigrateError('aws.auth', 'STS GetCallerIdentity returned no account');
    return { account, partition: parseArn(id.Arn ?? '')?.partition ?? 'aws' };
  }
  const err = (lastError ?? {}) as { name?: string; message?: string };
  const detail = `${err.name ?? 'Error'}: ${(err.message ?? String(lastError)).split('\n')[0]}`;
  const kind = classifyError(lastError);
  if (kind === 'endpoint') {
    throw new MigrateError('aws.endpoint', `cannot reach the AWS endpoint${endpoint ? ` ${endpoint}` : ''} (${detail})`, { hint: 'check --endpoint-url / AWS_ENDPOINT_URL and the network', cause: lastError });
  }
  if (kind === 'throttled' || kind === 'server' || kind === 'unavailable') {
    throw new MigrateError('aws.endpoint', `STS GetCallerIdentity kept failing on the service side (${detail}) after every retry; the credentials were not checked`, { hint: 'try again later', cause: lastError });
  }
  throw new MigrateError('aws.auth', `AWS credentials were not accepted by STS GetCallerIdentity (${detail})`, {
    hint: 'check AWS_PROFILE / --profile, run `aws sso login`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    cause: lastError,
  });
}

interface AccountResult {
  regions: RegionResult[];
  roles: Role[];
}

/** One account: its regions in parallel, then the execution roles its functions name, once each. */
async function discoverAccount(
  pool: ClientPool,
  caller: AwsCaller,
  where: { account: string; partition: string; regions: string[] },
  opts: AwsDiscoverOptions,
  reporter: Reporter,
): Promise<AccountResult> {
  const { account, partition } = where;
  const keep = nameFilter(opts.functionGlobs);
  const regions = await Promise.all(
    where.regions.map((region) => discoverRegion(regionContext(pool, caller, account, partition, region, { includeValues: opts.includeValues, readEveryFunction: opts.readEveryFunction ?? false }, opts.tuning?.concurrency ?? 8), reporter, keep)),
  );
  const roleArns = regions.flatMap((r) => r.functions.flatMap((f) => (f.roleRef ? [f.roleRef] : [])));
  const roles = await collectRoles({ iam: pool.get('iam', globalRegion(partition, 'iam')), caller, scope: `${account}/global` }, roleArns);
  return { regions, roles };
}

export async function discoverAws(opts: AwsDiscoverOptions, reporter: Reporter): Promise<Inventory> {
  const tuning = opts.tuning ?? {};
  const regions = resolveRegions({ ...opts, profileRegion: opts.regions?.length ? undefined : await profileRegion({ profile: opts.profile, env: opts.env }) });
  const endpoint = opts.endpointUrl ?? opts.env.AWS_ENDPOINT_URL;
  const credentials = await resolveCredentials(opts, regions[0]!, endpoint);
  const envAttempts = Number(opts.env.AWS_MAX_ATTEMPTS);
  const pool = new ClientPool({ endpoint, credentials, maxAttempts: tuning.maxAttempts ?? (envAttempts > 0 ? envAttempts : 3), retryMode: tuning.retryMode ?? 'standard' });
  const limiter = new RateLimiter({ limits: tuning.limits, fraction: tuning.quotaFraction, clock: tuning.clock });
  const caller = new AwsCaller({ limiter, throttleRetries: tuning.throttleRetries, backoffMs: tuning.backoffMs, clock: tuning.clock });
  try {
    const { account, partition } = await whoAmI(pool, caller, regions[0]!, endpoint);
    const source: Inventory['source'] = { kind: 'aws', account, partition, regions, includeValues: opts.includeValues };
    let parts: AccountResult[];
    if (opts.org) {
      const org = await discoverOrganization({ pool, caller, account, partition, regions }, opts.org, (member, memberPool, memberRegions) =>
        discoverAccount(memberPool, caller, { account: member, partition, regions: memberRegions }, opts, reporter),
      );
      parts = org.parts;
      Object.assign(source, { regions: org.regions, accounts: org.accounts }, opts.org.shard ? { shard: opts.org.shard } : {});
    } else {
      parts = [await discoverAccount(pool, caller, { account, partition, regions }, opts, reporter)];
    }
    const results = parts.flatMap((p) => p.regions);
    const stacks = results.flatMap((r) => r.stacks);
    const inventory: Inventory = {
      schemaVersion: INVENTORY_SCHEMA_VERSION,
      source,
      functions: results.flatMap((r) => r.functions),
      roles: parts.flatMap((p) => p.roles),
      layers: results.flatMap((r) => r.layers),
      apis: results.flatMap((r) => r.apis),
      warnings: caller.warnings,
    };
    if (stacks.length > 0) inventory.stacks = stacks;
    if (tuning.stats) {
      tuning.stats.calls = Object.fromEntries([...caller.counts].sort(([a], [b]) => compareStrings(a, b)));
      tuning.stats.throttleRetries = Object.fromEntries([...caller.throttleRetries].sort(([a], [b]) => compareStrings(a, b)));
    }
    return canonicalInventory(inventory);
  } finally {
    pool.destroy();
  }
}

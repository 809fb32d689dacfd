// Sharding an organisation's discovery over a CI matrix: `--shard i/n` keeps the (account, region) pairs whose hash
// falls in share i of n. A pair's share depends on that pair alone, not on the rest of the list, so n jobs that list
// the organisation at slightly different moments still agree on who discovers each pair, and cover it once.

import { createHash } from 'node:crypto';
import { MigrateError } from '../../util/errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface AccountRegion {
  account: string;
  region: string;
}

const MAX_SHARDS = 1000;

/** `i/n` with 1 ≤ i ≤ n ≤ 1000. */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || index < 1 || count < 1 || index > count || count > MAX_SHARDS) {
    throw new MigrateError('usage', `--shard ${text}: expected i/n with 1 <= i <= n <= ${MAX_SHARDS}`, { hint: 'e.g. --shard 2/4 in the second of four matrix jobs' });
  }
  return { index, count };
}

/** The 1-based share a pair belongs to among `count`. */
export function shardOf(pair: AccountRegion, count: number): number {
  const digest = createHash('sha256').update(`${pair.account}/${pair.region}`).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(pair: AccountRegion, shard: Shard | undefined): boolean {
  return !shard || shardOf(pair, shard.count) === shard.index;
}

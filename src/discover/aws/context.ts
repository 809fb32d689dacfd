// What every collector of one region receives: its clients, the shared caller, and the run's options.

import type { AwsCaller, CallSpec } from './call.js';
import type { ClientPool, ClientOf, ServiceName } from './clients.js';

export interface RegionContext {
  region: string;
  account: string;
  partition: string;
  caller: AwsCaller;
  includeValues: boolean;
  client<S extends ServiceName>(service: S): ClientOf<S>;
  /** A call spec charged to this account and region. */
  spec(action: string, subject?: string, extra?: Partial<CallSpec>): CallSpec;
  /** In-flight limit for per-function work. */
  concurrency: number;
}

export function regionContext(
  pool: ClientPool,
  caller: AwsCaller,
  account: string,
  partition: string,
  region: string,
  includeValues: boolean,
  concurrency: number,
): RegionContext {
  return {
    region,
    account,
    partition,
    caller,
    includeValues,
    concurrency,
    client: (service) => pool.get(service, region),
    spec: (action, subject, extra) => ({ action, scope: `${account}/${region}`, subject, ...extra }),
  };
}

/** Run `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

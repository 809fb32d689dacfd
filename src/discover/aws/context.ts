// What every collector of one region receives: its clients, the shared caller, and the run's options.

import type { AwsCaller, CallSpec } from './call.js';
import type { ClientPool, ClientOf, ServiceName } from './clients.js';

export interface RegionContext {
  region: string;
  account: string;
  partition: string;
  caller: AwsCaller;
  includeValues: boolean;
  /** `--read-every-function`: GetFunction for every function, no region-wide shortcuts (read-functions.ts). */
  readEveryFunction: boolean;
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
  options: { includeValues: boolean; readEveryFunction: boolean },
  concurrency: number,
): RegionContext {
  return {
    region,
    account,
    partition,
    caller,
    ...options,
    concurrency,
    client: (service) => pool.get(service, region),
    spec: (action, subject, extra) => ({ action, scope: `${account}/${region}`, subject, ...extra }),
  };
}

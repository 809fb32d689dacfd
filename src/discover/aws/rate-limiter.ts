// Token buckets per account, region and quota class, paced below the documented Lambda API quotas
// (GetFunction 100/s, GetPolicy 15/s, the rest 15/s shared; aws-source.md §2). The clock is injectable for tests.

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Quota classes: a Lambda call is charged to its own class when it has one, else to the shared `lambda` class. */
export type QuotaClass = 'lambda.GetFunction' | 'lambda.GetPolicy' | 'lambda' | 'iam' | 'sts' | 'default';

/** Requests per second for each class, before `fraction` is applied. */
export type RateLimits = Record<QuotaClass, number>;

export const AWS_QUOTAS: RateLimits = {
  'lambda.GetFunction': 100,
  'lambda.GetPolicy': 15,
  lambda: 15,
  // IAM and the trigger services have higher or undocumented per-call quotas; modest rates keep us polite.
  iam: 10,
  sts: 10,
  default: 10,
};

/** The share of each quota we use: the quotas are shared with every other tool in the account. */
export const DEFAULT_QUOTA_FRACTION = 0.9;

export function quotaClassOf(action: string): QuotaClass {
  if (action === 'lambda:GetFunction') return 'lambda.GetFunction';
  if (action === 'lambda:GetPolicy') return 'lambda.GetPolicy';
  if (action.startsWith('lambda:')) return 'lambda';
  if (action.startsWith('iam:')) return 'iam';
  if (action.startsWith('sts:')) return 'sts';
  return 'default';
}

/**
 * A paced token bucket (GCRA): grants are spaced 1/rate apart, with up to `burst` grants ahead of schedule.
 * Waiters are served in arrival order because each grant reserves its slot before sleeping.
 */
export class TokenBucket {
  private nextFree = Number.NEGATIVE_INFINITY;
  private readonly interval: number;

  constructor(
    readonly ratePerSecond: number,
    private readonly clock: Clock = realClock,
    private readonly burst = 1,
  ) {
    if (!(ratePerSecond > 0)) throw new Error(`rate must be positive, got ${ratePerSecond}`);
    this.interval = 1000 / ratePerSecond;
  }

  /** Resolves when the caller may send one request; returns the time it was granted. */
  async acquire(): Promise<number> {
    const now = this.clock.now();
    // Allow `burst` requests at once after idle time, never more.
    const earliest = Math.max(this.nextFree, now - (this.burst - 1) * this.interval);
    const grant = Math.max(now, earliest);
    this.nextFree = earliest + this.interval;
    if (grant > now) await this.clock.sleep(grant - now);
    return grant;
  }
}

export interface RateLimiterOptions {
  limits?: Partial<RateLimits>;
  fraction?: number;
  clock?: Clock;
}

/** One bucket per `account/region/class`, created on first use. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly limits: RateLimits;
  private readonly fraction: number;
  private readonly clock: Clock;

  constructor(opts: RateLimiterOptions = {}) {
    this.limits = { ...AWS_QUOTAS, ...opts.limits };
    this.fraction = opts.fraction ?? DEFAULT_QUOTA_FRACTION;
    this.clock = opts.clock ?? realClock;
  }

  rateOf(cls: QuotaClass): number {
    return this.limits[cls] * this.fraction;
  }

  async acquire(scope: string, action: string): Promise<number> {
    const cls = quotaClassOf(action);
    const key = `${scope}/${cls}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.rateOf(cls), this.clock);
      this.buckets.set(key, bucket);
    }
    return bucket.acquire();
  }
}

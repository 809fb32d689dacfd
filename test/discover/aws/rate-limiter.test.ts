import { describe, expect, it } from 'vitest';
import { AwsCaller, classifyError } from '../../../src/discover/aws/call.js';
import { quotaClassOf, RateLimiter, TokenBucket, type Clock } from '../../../src/discover/aws/rate-limiter.js';

/** A clock that never waits: sleeping moves time forward. Concurrent sleepers see one shared timeline. */
function fakeClock(): Clock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t = Math.max(c.t, c.t + ms);
    },
  };
  return c;
}

describe('TokenBucket', () => {
  it('spaces grants 1/rate apart', async () => {
    const clock = fakeClock();
    const b = new TokenBucket(10, clock);
    const grants: number[] = [];
    for (let i = 0; i < 5; i++) grants.push(await b.acquire());
    expect(grants).toEqual([0, 100, 200, 300, 400]);
  });

  it('grants concurrent callers in arrival order without exceeding the rate', async () => {
    const clock = { now: () => 0, sleep: async () => {} };
    const b = new TokenBucket(15, clock);
    const grants = await Promise.all(Array.from({ length: 15 }, () => b.acquire()));
    expect(grants.map((g) => Math.round(g))).toEqual(Array.from({ length: 15 }, (_, i) => Math.round((i * 1000) / 15)));
  });

  it('allows a burst after idle time, never more than its size', async () => {
    const clock = fakeClock();
    const b = new TokenBucket(10, clock, 3);
    clock.t = 10_000;
    const grants = [await b.acquire(), await b.acquire(), await b.acquire(), await b.acquire()];
    expect(grants).toEqual([10_000, 10_000, 10_000, 10_100]);
  });
});

describe('RateLimiter', () => {
  it('charges GetFunction, GetPolicy and the rest of Lambda to separate classes at the configured share', async () => {
    expect(quotaClassOf('lambda:GetFunction')).toBe('lambda.GetFunction');
    expect(quotaClassOf('lambda:GetPolicy')).toBe('lambda.GetPolicy');
    expect(quotaClassOf('lambda:ListAliases')).toBe('lambda');
    expect(quotaClassOf('iam:GetRole')).toBe('iam');
    expect(quotaClassOf('s3:GetBucketNotification')).toBe('default');
    const limiter = new RateLimiter({ fraction: 0.9 });
    expect(limiter.rateOf('lambda.GetFunction')).toBe(90);
    expect(limiter.rateOf('lambda.GetPolicy')).toBeCloseTo(13.5);
    expect(limiter.rateOf('lambda')).toBeCloseTo(13.5);
  });

  it('keeps one bucket per account, region and class', async () => {
    const clock = { now: () => 0, sleep: async () => {} };
    const limiter = new RateLimiter({ limits: { lambda: 10, 'lambda.GetPolicy': 10 }, fraction: 1, clock });
    expect(await limiter.acquire('a/us-east-1', 'lambda:ListAliases')).toBe(0);
    expect(await limiter.acquire('a/us-east-1', 'lambda:ListAliases')).toBe(100);
    expect(await limiter.acquire('a/us-east-1', 'lambda:GetPolicy')).toBe(0);
    expect(await limiter.acquire('a/eu-west-1', 'lambda:ListAliases')).toBe(0);
    expect(await limiter.acquire('b/us-east-1', 'lambda:ListAliases')).toBe(0);
  });
});

describe('AwsCaller', () => {
  const throttle = Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
  const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
  const missing = Object.assign(new Error('no policy'), { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });

  const caller = () => new AwsCaller({ limiter: new RateLimiter({ clock: fakeClock() }), clock: fakeClock(), random: () => 0.5, throttleRetries: 2 });

  it('retries throttling with bounded rounds, then warns naming the action and subject', async () => {
    const c = caller();
    let n = 0;
    expect(await c.call({ action: 'lambda:GetPolicy', scope: 'a/r', subject: 'fn' }, async () => (++n < 3 ? Promise.reject(throttle) : 'ok'))).toEqual({ status: 'ok', value: 'ok' });
    expect(c.throttleRetries.get('lambda:GetPolicy')).toBe(2);
    expect(await c.call({ action: 'lambda:GetPolicy', scope: 'a/r', subject: 'fn' }, () => Promise.reject(throttle))).toEqual({ status: 'failed', reason: 'throttled' });
    expect(c.warnings).toEqual([expect.objectContaining({ code: 'aws.throttled', action: 'lambda:GetPolicy', subject: 'fn' })]);
    expect(c.counts.get('lambda:GetPolicy')).toBe(6);
  });

  it('answers none for a missing resource, warns on denial, and warns once per endpoint for an unimplemented API', async () => {
    const c = caller();
    expect(await c.call({ action: 'lambda:GetPolicy', scope: 'a/r' }, () => Promise.reject(missing))).toEqual({ status: 'none' });
    expect(await c.call({ action: 'lambda:GetPolicy', scope: 'a/r', subject: 'fn' }, () => Promise.reject(denied))).toEqual({ status: 'failed', reason: 'denied' });
    const html = Object.assign(new SyntaxError('Unexpected token < in JSON'), { $metadata: { httpStatusCode: 404 } });
    for (let i = 0; i < 3; i++) await c.call({ action: 'lambda:ListProvisionedConcurrencyConfigs', scope: 'a/r' }, () => Promise.reject(html));
    expect(c.counts.get('lambda:ListProvisionedConcurrencyConfigs')).toBe(1);
    expect(c.warnings.map((w) => w.code)).toEqual(['aws.access-denied', 'aws.unavailable']);
    // A quiet call (the caller has a fallback) says why it failed and leaves the warning to the caller.
    expect(await c.call({ action: 'lambda:GetAccountSettings', scope: 'a/r', quiet: true }, () => Promise.reject(denied))).toEqual({ status: 'failed', reason: 'denied' });
    expect(await c.call({ action: 'tag:GetResources', scope: 'a/r', quiet: true }, () => Promise.reject(html))).toEqual({ status: 'failed', reason: 'unavailable' });
    expect(await c.call({ action: 'tag:GetResources', scope: 'a/r', quiet: true }, () => Promise.reject(html))).toEqual({ status: 'failed', reason: 'unavailable' });
    expect(c.counts.get('tag:GetResources')).toBe(1);
    expect(c.warnings).toHaveLength(2);
  });

  it('classifies endpoint and credential failures', () => {
    expect(classifyError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }))).toBe('endpoint');
    expect(classifyError(Object.assign(new Error('bad'), { name: 'InvalidClientTokenId' }))).toBe('auth');
    expect(classifyError(Object.assign(new Error('x'), { name: 'ValidationError' }))).toBe('other');
    expect(classifyError(Object.assign(new Error('Stack with id s does not exist'), { name: 'ValidationError' }))).toBe('not-found');
  });
});

// Every SDK call of live discovery goes through here: paced by the rate limiter, retried on throttling
// beyond the SDK's own retries, and turned into a warning (never an exception) when it cannot succeed.

import type { Warning } from '../../model/inventory.js';
import { realClock, type Clock, type RateLimiter } from './rate-limiter.js';

export type CallResult<T> = { status: 'ok'; value: T } | { status: 'none' } | { status: 'failed'; reason: ErrorClass };

export interface CallSpec {
  /** The IAM action this call needs, e.g. `lambda:GetPolicy`; also the name calls are counted by. */
  action: string;
  /** `account/region` (or `account/global`): which set of token buckets pays for it. */
  scope: string;
  /** The function, role or resource concerned, for warnings. */
  subject?: string;
  /** When false, a missing or unimplemented API is expected and not worth a warning. */
  warnIfUnavailable?: boolean;
  /** When true, a failure is not warned about here: the caller has a fallback and reports it once itself. */
  quiet?: boolean;
}

export interface CallerOptions {
  limiter: RateLimiter;
  /** Rounds of our own retry after the SDK gave up on throttling. */
  throttleRetries?: number;
  /** First backoff of our own retry, doubled each round, full jitter. */
  backoffMs?: number;
  clock?: Clock;
  /** Jitter source in [0,1); injectable so tests need no randomness. */
  random?: () => number;
}

const THROTTLING = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'LimitExceededException',
  'ProvisionedThroughputExceededException',
]);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'AuthorizationError', 'AuthorizationErrorException', 'UnauthorizedException', 'Forbidden']);
const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NoSuchEntity',
  'NoSuchEntityException',
  'NotFoundException',
  'NotFound',
  'NoSuchBucket',
  'NoSuchConfiguration',
  'TargetGroupNotFoundException',
  'LoadBalancerNotFoundException',
  'ListenerNotFoundException',
  'ResourceNotFoundFault',
  'ValidationError', // CloudFormation: "Stack with id x does not exist"
]);

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

export type ErrorClass = 'throttled' | 'server' | 'denied' | 'not-found' | 'unavailable' | 'endpoint' | 'auth' | 'other';

const SERVER_ERRORS = new Set(['InternalFailure', 'InternalError', 'InternalServerError', 'ServiceUnavailable', 'ServiceUnavailableException', 'ServiceException']);

/** How a failed SDK call should be treated. */
export function classifyError(e: unknown): ErrorClass {
  const err = (e ?? {}) as SdkError;
  const name = err.name ?? '';
  const status = err.$metadata?.httpStatusCode;
  if (THROTTLING.has(name) || status === 429) return 'throttled';
  if (SERVER_ERRORS.has(name) || (status !== undefined && status >= 500 && status !== 501)) return 'server';
  if (DENIED.has(name)) return 'denied';
  if (name === 'ValidationError' && !/does not exist/i.test(err.message ?? '')) return 'other';
  if (NOT_FOUND.has(name)) return 'not-found';
  if (['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException', 'UnrecognizedClientException', 'CredentialsProviderError', 'InvalidAccessKeyId'].includes(name)) return 'auth';
  const code = err.code ?? '';
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'ETIMEDOUT'].includes(code) || /ECONNREFUSED|ENOTFOUND|getaddrinfo/.test(err.message ?? '')) return 'endpoint';
  // An API the endpoint does not implement: moto answers an HTML 404 that the SDK cannot parse, others 501.
  if (name === 'SyntaxError' || /Deserialization error|Unexpected token|not valid JSON/i.test(err.message ?? '') || status === 501 || status === 404) return 'unavailable';
  if (status === 403) return 'denied';
  return 'other';
}

export class AwsCaller {
  readonly warnings: Warning[] = [];
  /** Requests sent, by IAM action (the SDK's own retries are not visible here). */
  readonly counts = new Map<string, number>();
  /** Our own retry rounds after throttling, by action. */
  readonly throttleRetries = new Map<string, number>();
  private readonly limiter: RateLimiter;
  private readonly rounds: number;
  private readonly backoffMs: number;
  private readonly clock: Clock;
  private readonly random: () => number;
  /** `action@scope` of APIs the endpoint does not implement: warned about once, then not called again. */
  private readonly unavailable = new Set<string>();

  constructor(opts: CallerOptions) {
    this.limiter = opts.limiter;
    this.rounds = opts.throttleRetries ?? 4;
    this.backoffMs = opts.backoffMs ?? 1000;
    this.clock = opts.clock ?? realClock;
    this.random = opts.random ?? Math.random;
  }

  async call<T>(spec: CallSpec, send: () => Promise<T>): Promise<CallResult<T>> {
    if (this.unavailable.has(`${spec.action}@${spec.scope}`)) return { status: 'failed', reason: 'unavailable' };
    for (let round = 0; ; round++) {
      await this.limiter.acquire(spec.scope, spec.action);
      this.counts.set(spec.action, (this.counts.get(spec.action) ?? 0) + 1);
      try {
        return { status: 'ok', value: await send() };
      } catch (e) {
        const kind = classifyError(e);
        if ((kind === 'throttled' || kind === 'server') && round < this.rounds) {
          this.throttleRetries.set(spec.action, (this.throttleRetries.get(spec.action) ?? 0) + 1);
          await this.clock.sleep(this.random() * this.backoffMs * 2 ** round);
          continue;
        }
        return this.fail(spec, kind, e);
      }
    }
  }

  /** Like `call`, but a missing resource is an ordinary answer: `undefined` without a warning. */
  async get<T>(spec: CallSpec, send: () => Promise<T>): Promise<T | undefined> {
    const r = await this.call(spec, send);
    return r.status === 'ok' ? r.value : undefined;
  }

  warn(w: Warning): void {
    this.warnings.push(w);
  }

  private fail(spec: CallSpec, kind: ErrorClass, e: unknown): CallResult<never> {
    const err = (e ?? {}) as SdkError;
    const about = spec.subject ? ` for ${spec.subject}` : '';
    if (kind === 'not-found') return { status: 'none' };
    const key = `${spec.action}@${spec.scope}`;
    // An unimplemented API is warned about once per scope, then not called again.
    const first = !this.unavailable.has(key);
    if (kind === 'unavailable') this.unavailable.add(key);
    if (!spec.quiet && (kind !== 'unavailable' || (first && spec.warnIfUnavailable !== false))) this.warnFailure(spec, kind, err, about);
    return { status: 'failed', reason: kind };
  }

  private warnFailure(spec: CallSpec, kind: ErrorClass, err: SdkError, about: string): void {
    const rounds = this.rounds + 1;
    switch (kind) {
      case 'throttled':
        return this.warn({ code: 'aws.throttled', action: spec.action, subject: spec.subject, message: `${spec.action} was still throttled after ${rounds} rounds of retries${about}; this part of the inventory is missing` });
      case 'server':
        return this.warn({ code: 'aws.unavailable', action: spec.action, subject: spec.subject, message: `${spec.action} kept failing on the service side (${err.name ?? 'Error'}${err.$metadata?.httpStatusCode ? `, HTTP ${err.$metadata.httpStatusCode}` : ''}) after ${rounds} rounds of retries${about}; this part of the inventory is missing` });
      case 'denied':
        return this.warn({ code: 'aws.access-denied', action: spec.action, subject: spec.subject, message: `access denied to ${spec.action}${about}: grant it (docs/permissions.md) for a complete inventory` });
      case 'unavailable': {
        const where = spec.scope.split('/')[1] ?? spec.scope;
        return this.warn({ code: 'aws.unavailable', action: spec.action, subject: where, message: `${spec.action} is not implemented by this endpoint (${where}); that part of the inventory is missing` });
      }
      default:
        return this.warn({ code: 'aws.unavailable', action: spec.action, subject: spec.subject, message: `${spec.action} failed${about}: ${err.name ?? 'Error'}: ${(err.message ?? '').split('\n')[0]}` });
    }
  }
}

/** Follow a token-paginated list through the caller, one rate-limited call per page, at most `maxPages`. */
export async function collectPages<P, I>(
  caller: AwsCaller,
  spec: CallSpec,
  fetchPage: (token: string | undefined) => Promise<P>,
  itemsOf: (page: P) => I[] | undefined,
  nextOf: (page: P) => string | undefined,
  maxPages = 10_000,
): Promise<{ items: I[]; complete: boolean; reason?: ErrorClass }> {
  const items: I[] = [];
  let token: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const r = await caller.call(spec, () => fetchPage(token));
    if (r.status === 'none') return { items, complete: true };
    if (r.status === 'failed') return { items, complete: false, reason: r.reason };
    items.push(...(itemsOf(r.value) ?? []));
    token = nextOf(r.value);
    if (!token) return { items, complete: true };
  }
  caller.warn({ code: 'aws.unavailable', action: spec.action, subject: spec.subject, message: `${spec.action} returned more than ${maxPages} pages; stopped` });
  return { items, complete: false, reason: 'other' };
}

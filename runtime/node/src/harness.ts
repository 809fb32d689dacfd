// The equivalence-test harness (node:test, no extra dependencies): runs the original Lambda handler as the Lambda
// Node.js runtime would and the converted Azure handler through @azure/functions test mode, and captures what the
// handler code did: its outcome (value, or error by type and message) and what it logged. Both runs see the same
// frozen clock, seeded randomness and request id (determinism.ts); Node's own process warnings are not handler
// output; stack frames are dropped from logs and values; a run that failed on I/O is marked (io-failures.ts) so a test
// where both sides did reports "not proven" instead of passing (docs/convert.md).
import { format } from 'node:util';
import { InvocationContext, type HttpResponseInit } from '@azure/functions';
import { deterministic } from './determinism.js';
import { fromLambdaHttpResult, type HttpEventFormat } from './http.js';
import { ioFailureInText, ioFailureOf, observingSocketErrors } from './io-failures.js';
import { invokeLambdaHandler, pickHandler, type LambdaLikeContext } from './lambda-context.js';

export const REQUEST_ID = '00000000-0000-4000-8000-000000000001';

export interface Outcome {
  ok: boolean;
  value?: unknown;
  /** `<name>: <message>` of the error the run failed with. */
  error?: string;
  logs: string[];
  /** The I/O failure seen during the run (failed with it, a socket error, or logged), if any. */
  io?: string;
}

type Level = 'information' | 'warning' | 'error' | 'debug' | 'trace';

const CONSOLE_LEVELS: [keyof Console & ('log' | 'info' | 'warn' | 'error' | 'debug' | 'trace'), Level][] = [
  ['log', 'information'],
  ['info', 'information'],
  ['warn', 'warning'],
  ['error', 'error'],
  ['debug', 'debug'],
  ['trace', 'trace'],
];

/** A stack frame line (`    at f (file.js:1:2)`), also inside JSON-escaped text. */
const FRAME = /(?:\r?\n|\\n)[ \t]+(?:at |\.\.\. \d+ lines? matching cause stack trace)[^\r\n"]*?(?=\r?\n|\\n|"|$)/g;

/** Text without its stack frames: the same error thrown from another file or line reads the same. */
export function withoutStackFrames(text: string): string {
  return text.replace(FRAME, '');
}

/** A value with stack frames removed from every string in it (bodies that carry error.stack). */
export function normalizeValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutStackFrames(value);
  if (value === null || typeof value !== 'object' || depth > 32 || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map((v) => normalizeValue(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeValue(v, depth + 1)]));
}

/** Node's own warnings (process.emitWarning, e.g. the AWS SDK's NodeVersionSupportWarning) print through console.error. */
function fromNodeInternals(): boolean {
  return /\(node:internal\/process\/warning|at node:internal\/process\/warning/.test(new Error().stack ?? '');
}

interface Captured<T> {
  result?: T;
  error?: unknown;
  failed: boolean;
  logs: string[];
  io?: string;
}

// Both sides log either through console.* or (converted) through context.log: one list, level-tagged, frames dropped.
async function capture<T>(run: (log: (level: string, args: unknown[]) => void) => Promise<T>): Promise<Captured<T>> {
  const logs: string[] = [];
  const log = (level: string, args: unknown[]) => logs.push(withoutStackFrames(level + ' ' + format(...args)));
  const saved = CONSOLE_LEVELS.map(([name]) => [name, Reflect.get(console, name) as (...args: unknown[]) => void] as const);
  for (const [i, [name, level]] of CONSOLE_LEVELS.entries()) {
    const real = saved[i]![1];
    (console as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => (fromNodeInternals() ? real.apply(console, args) : log(level, args));
  }
  const observed = await observingSocketErrors(async (): Promise<Captured<T>> => {
    try {
      return { result: await deterministic(() => run(log)), failed: false, logs };
    } catch (error) {
      return { error, failed: true, logs };
    } finally {
      for (const [name, fn] of saved) (console as unknown as Record<string, unknown>)[name] = fn;
    }
  });
  const r = observed.value;
  r.io = (r.failed ? ioFailureOf(r.error) : undefined) ?? observed.socketErrors[0] ?? logs.map(ioFailureInText).find((x) => x !== undefined);
  return r;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.name + ': ' + error.message : typeof error + ': ' + String(error);
}

function outcome(r: Captured<unknown>): Outcome {
  const base = r.failed ? { ok: false, error: errorText(r.error), logs: r.logs } : { ok: true, value: normalizeValue(r.result), logs: r.logs };
  return r.io === undefined ? base : { ...base, io: r.io };
}

/** The original handler, invoked as the Lambda runtime does (completion semantics and timeout: invokeLambdaHandler). */
export async function runLambda(mod: unknown, exportName: string, event: unknown, opts: { functionName: string; timeoutMs: number }): Promise<Outcome> {
  const handler = pickHandler(mod, exportName);
  const r = await capture((log) => {
    const deadline = Date.now() + opts.timeoutMs;
    const context: LambdaLikeContext = {
      awsRequestId: REQUEST_ID,
      functionName: opts.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: '',
      memoryLimitInMB: '128',
      logGroupName: '',
      logStreamName: '',
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      succeed: () => undefined,
      fail: () => undefined,
      log: (...args) => log('information', args),
      info: (...args) => log('information', args),
      warn: (...args) => log('warning', args),
      error: (...args) => log('error', args),
      debug: (...args) => log('debug', args),
      trace: (...args) => log('trace', args),
    };
    return invokeLambdaHandler(handler, JSON.parse(JSON.stringify(event)), context, opts.timeoutMs);
  });
  return outcome(r);
}

/**
 * The Lambda event the converted function builds from its Azure input, with the same runtime builder the function
 * uses (a test-mode InvocationContext carrying the trigger metadata): the original handler receives exactly this.
 */
export function lambdaEventFor(
  functionName: string,
  triggerMetadata: Record<string, unknown> | undefined,
  build: (context: InvocationContext) => unknown,
): Promise<unknown> {
  return Promise.resolve(build(new InvocationContext({ invocationId: REQUEST_ID, functionName, triggerMetadata, logHandler: () => undefined })));
}

/** The converted handler, called directly with a test-mode InvocationContext. */
export async function runAzure(
  functionName: string,
  triggerMetadata: Record<string, unknown> | undefined,
  call: (context: InvocationContext) => Promise<unknown>,
): Promise<Outcome> {
  const r = await capture((log) =>
    call(new InvocationContext({ invocationId: REQUEST_ID, functionName, triggerMetadata, logHandler: (level, ...args) => log(level, args) })),
  );
  return outcome(r);
}

/**
 * Both sides failed on I/O: the test proves nothing about the code, so it is skipped with a "not proven:" reason
 * (node:test counts it under skipped) and the caller returns. A handler whose work is I/O gets its proof from
 * stand-ins (the data-plane tests), not from this test.
 */
export function notProven(t: { skip(message?: string): void }, original: Outcome, converted: Outcome): boolean {
  if (original.io === undefined || converted.io === undefined) return false;
  t.skip(`not proven: both sides failed on I/O (original: ${original.io}; converted: ${converted.io})`);
  return true;
}

export interface NormalizedResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

/** Status, lower-cased sorted headers and the body as text (base64 for binary), for deepEqual. */
export function normalizeResponse(init: HttpResponseInit | undefined): NormalizedResponse {
  const headers: [string, string][] = [];
  new Headers(init?.headers).forEach((v, k) => headers.push([k, v]));
  if (init?.jsonBody !== undefined && !headers.some(([k]) => k === 'content-type')) headers.push(['content-type', 'application/json']);
  headers.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let body = '';
  if (init?.jsonBody !== undefined) body = withoutStackFrames(JSON.stringify(init.jsonBody));
  else if (typeof init?.body === 'string') body = withoutStackFrames(init.body);
  else if (init?.body instanceof Uint8Array) body = 'base64:' + Buffer.from(init.body).toString('base64');
  return { status: init?.status ?? 200, headers, body };
}

/** What the replaced front door would have answered for the original handler's outcome. */
export async function expectedHttpResponse(outcome: Outcome, kind: HttpEventFormat | 'direct'): Promise<NormalizedResponse> {
  if (kind === 'direct') {
    return normalizeResponse(
      outcome.ok
        ? { status: 200, jsonBody: outcome.value ?? null }
        : { status: 500, jsonBody: { errorType: outcome.error!.split(':')[0], errorMessage: outcome.error!.slice(outcome.error!.indexOf(':') + 2) } },
    );
  }
  return normalizeResponse(await fromLambdaHttpResult(() => (outcome.ok ? Promise.resolve(outcome.value) : Promise.reject(new Error(outcome.error))), kind));
}

/** SQS: the message failed on Azure exactly when Lambda threw or reported it in batchItemFailures. */
export function sqsFailed(outcome: Outcome): boolean {
  if (!outcome.ok) return true;
  const failures = (outcome.value as { batchItemFailures?: unknown[] } | null | undefined)?.batchItemFailures;
  return Array.isArray(failures) && failures.length > 0;
}

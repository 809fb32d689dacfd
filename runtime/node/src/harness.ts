// The equivalence-test harness (node:test, no extra dependencies): runs the original Lambda handler as the Lambda
// Node.js runtime would and the converted Azure handler through @azure/functions test mode, capturing outcome and
// logs alike.
import { format } from 'node:util';
import { InvocationContext, type HttpResponseInit } from '@azure/functions';
import { fromLambdaHttpResult, type HttpEventFormat } from './http.js';
import { invokeLambdaHandler, pickHandler, type LambdaLikeContext } from './lambda-context.js';

export const REQUEST_ID = '00000000-0000-4000-8000-000000000001';

export interface Outcome {
  ok: boolean;
  value?: unknown;
  error?: string;
  logs: string[];
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

// Both sides log either through console.* or (converted) through context.log: one list, level-tagged.
async function capture<T>(run: (logs: string[]) => Promise<T>): Promise<{ result?: T; error?: unknown; logs: string[] }> {
  const logs: string[] = [];
  const saved = CONSOLE_LEVELS.map(([name]) => [name, Reflect.get(console, name) as unknown] as const);
  for (const [name, level] of CONSOLE_LEVELS) {
    (console as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => logs.push(level + ' ' + format(...args));
  }
  try {
    return { result: await run(logs), logs };
  } catch (error) {
    return { error, logs };
  } finally {
    for (const [name, fn] of saved) (console as unknown as Record<string, unknown>)[name] = fn;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.name + ': ' + error.message : String(error);
}

/** The original handler, invoked as the Lambda runtime does. */
export async function runLambda(mod: unknown, exportName: string, event: unknown, opts: { functionName: string; timeoutMs: number }): Promise<Outcome> {
  const handler = pickHandler(mod, exportName);
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
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
    debug: console.debug,
    trace: console.trace,
  };
  const r = await capture(() => invokeLambdaHandler(handler, JSON.parse(JSON.stringify(event)), context));
  return r.error === undefined ? { ok: true, value: r.result, logs: r.logs } : { ok: false, error: errorText(r.error), logs: r.logs };
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
  const r = await capture((logs) => {
    const context = new InvocationContext({
      invocationId: REQUEST_ID,
      functionName,
      triggerMetadata,
      logHandler: (level, ...args) => logs.push(level + ' ' + format(...args)),
    });
    return call(context);
  });
  return r.error === undefined ? { ok: true, value: r.result, logs: r.logs } : { ok: false, error: errorText(r.error), logs: r.logs };
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
  if (init?.jsonBody !== undefined) body = JSON.stringify(init.jsonBody);
  else if (typeof init?.body === 'string') body = init.body;
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

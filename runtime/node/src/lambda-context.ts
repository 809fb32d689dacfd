// A Lambda-shaped context over InvocationContext, the invoker that honours every Lambda completion style
// (promise, callback, context.succeed/fail/done), and the `awslambda` global for response-streaming handlers.
import type { InvocationContext } from '@azure/functions';
import type { Context } from 'aws-lambda';
import { invocationScope } from './event-loop.js';

/** The Lambda context, plus the log methods the console-to-context codemod routes console.* calls to. */
export interface LambdaLikeContext extends Context {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  trace(...args: unknown[]): void;
}

export interface LambdaContextOptions {
  functionName: string;
  /** The configured function timeout: getRemainingTimeInMillis() counts down from it (Azure has no equivalent). */
  timeoutMs: number;
  memoryMB?: number;
}

export type LambdaLikeHandler = (event: unknown, context: LambdaLikeContext, callback: (error?: unknown, result?: unknown) => void) => unknown;

export function toLambdaContext(context: InvocationContext, opts: LambdaContextOptions): LambdaLikeContext {
  const deadline = Date.now() + opts.timeoutMs;
  const notBound = () => {
    throw new Error('context.done/succeed/fail are only available inside invokeLambdaHandler');
  };
  return {
    awsRequestId: context.invocationId,
    functionName: opts.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: '',
    memoryLimitInMB: String(opts.memoryMB ?? 128),
    logGroupName: '',
    logStreamName: '',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: notBound,
    succeed: notBound,
    fail: notBound,
    log: (...args) => context.log(...args),
    info: (...args) => context.info(...args),
    warn: (...args) => context.warn(...args),
    error: (...args) => context.error(...args),
    debug: (...args) => context.debug(...args),
    trace: (...args) => context.trace(...args),
  };
}

function toError(error: unknown): unknown {
  return typeof error === 'string' ? new Error(error) : error;
}

/** The invocation ran past the function's timeout (Lambda reports it as Sandbox.Timedout). */
export class LambdaTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
    this.name = 'Sandbox.Timedout';
  }
}

const isPromiseLike = (v: unknown): v is PromiseLike<unknown> =>
  v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';

/**
 * Run a Lambda handler the way the Lambda Node.js runtime (aws-lambda-nodejs-runtime-interface-client) does:
 * - the first of callback / context.succeed / fail / done / the returned promise settles the invocation; later
 *   calls are ignored;
 * - a returned promise settles it when it settles (no wait for the event loop);
 * - context.succeed/fail/done complete at once; callback(err) fails at once;
 * - callback(null, result) completes when the invocation's event loop work has drained while
 *   context.callbackWaitsForEmptyEventLoop is true (the default), at once when the handler set it to false;
 * - a handler that neither calls back nor returns a promise completes with null when its work has drained (a handler
 *   that returned a promise is not tracked further; a callback it calls later completes at once);
 * - the whole invocation is bounded by the function's timeout (`timeoutMs`, default the context's remaining time):
 *   past it, it fails with Sandbox.Timedout instead of hanging.
 */
export function invokeLambdaHandler(handler: LambdaLikeHandler, event: unknown, context: LambdaLikeContext, timeoutMs?: number): Promise<unknown> {
  const limit = timeoutMs ?? context.getRemainingTimeInMillis();
  return new Promise((resolve, reject) => {
    const scope = invocationScope();
    let finished = false;
    let settled = false;
    let waitForEmptyEventLoop = true;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      scope.close();
      fn();
    };
    const ok = (result: unknown) => settle(() => resolve(result === undefined ? null : result));
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- Lambda fails with the callback's value as it is
    const fail = (error: unknown) => settle(() => reject(toError(error)));
    /** What completes the invocation when the drain is reached (replaced by a waiting callback). */
    let onDrain = () => (finished ? undefined : ok(null));
    const once =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A) => {
        if (finished) return;
        finished = true;
        fn(...args);
      };
    const done = once((error?: unknown, result?: unknown) => (error !== undefined && error !== null ? fail(error) : ok(result)));
    const callback = once((error?: unknown, result?: unknown) => {
      if (error !== undefined && error !== null) fail(error);
      else if (!waitForEmptyEventLoop) ok(result);
      else onDrain = () => ok(result);
    });
    const ctx: LambdaLikeContext = {
      ...context,
      get callbackWaitsForEmptyEventLoop() {
        return waitForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(value: boolean) {
        waitForEmptyEventLoop = value;
      },
      done,
      succeed: (result?: unknown) => done(null, result),
      fail: (error?: unknown) => done(error === undefined || error === null ? 'handled' : error),
    };
    const timer = setTimeout(() => fail(new LambdaTimeoutError(limit)), limit);
    let returned: unknown;
    try {
      returned = scope.run(() => handler(event, ctx, callback));
    } catch (error) {
      callback(error);
    }
    if (isPromiseLike(returned)) {
      // A returned promise settles the invocation (bounded by the timeout). The runtime would also end it when the
      // loop empties first, but a promise may wait on handles opened before the invocation, which are not tracked.
      returned.then(
        (r) => done(null, r),
        (e: unknown) => done(e ?? 'handled'),
      );
      if (!finished) onDrain = () => undefined;
      // Nothing waits for this invocation's event loop any more: stop tracking it (async_hooks cost nothing after).
      scope.close();
    }
    // The Lambda runtime's beforeExit: a waiting callback's result, else the default completion.
    void scope.drained().then(() => {
      if (!settled) onDrain();
    });
  });
}

/** Pick the handler export from a loaded module (ESM named/default export or CommonJS exports). */
export function pickHandler(mod: unknown, exportName: string): LambdaLikeHandler {
  const m = mod as Record<string, unknown> & { default?: Record<string, unknown> | LambdaLikeHandler };
  let candidate: unknown = m[exportName];
  if (typeof candidate !== 'function' && m.default !== undefined) {
    candidate = exportName === 'default' ? m.default : (m.default as Record<string, unknown>)[exportName];
  }
  if (typeof candidate !== 'function') throw new Error('handler export "' + exportName + '" is not a function');
  return candidate as LambdaLikeHandler;
}

interface ResponseStreamMetadata {
  statusCode?: number;
  headers?: Record<string, string>;
}

/** Collects what a streaming handler writes; Azure receives it as one buffered body. */
class CollectedResponseStream {
  readonly chunks: Buffer[] = [];
  contentType = 'application/octet-stream';
  metadata: ResponseStreamMetadata = {};
  write(chunk: string | Uint8Array): boolean {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return true;
  }
  end(chunk?: string | Uint8Array): void {
    if (chunk !== undefined) this.write(chunk);
  }
  setContentType(type: string): void {
    this.contentType = type;
  }
}

type StreamingHandler = (event: unknown, stream: CollectedResponseStream, context: LambdaLikeContext) => unknown;

/**
 * The `awslambda` global of the Lambda Node.js runtime, for response-streaming handlers
 * (`awslambda.streamifyResponse`): the stream is collected and returned as one buffered HTTP result.
 */
function installAwsLambdaGlobal(): void {
  // The AWS SDK's invoke store may have created the global already (holding only its own member): add ours beside
  // it, never replacing a member someone else put there, and leave alone a value we cannot extend.
  const g = globalThis as unknown as { awslambda?: unknown };
  if (g.awslambda === undefined || g.awslambda === null) g.awslambda = {};
  const existing = g.awslambda as Record<string, unknown>;
  if ((typeof existing !== 'object' && typeof existing !== 'function') || !Object.isExtensible(existing)) return;
  const ours: Record<string, unknown> = {
    streamifyResponse: (fn: StreamingHandler) =>
      async (event: unknown, context: LambdaLikeContext) => {
        const stream = new CollectedResponseStream();
        await fn(event, stream, context);
        return {
          statusCode: stream.metadata.statusCode ?? 200,
          headers: { 'content-type': stream.contentType, ...(stream.metadata.headers ?? {}) },
          body: Buffer.concat(stream.chunks).toString('base64'),
          isBase64Encoded: true,
        };
      },
    HttpResponseStream: {
      from: (stream: CollectedResponseStream, metadata: ResponseStreamMetadata) => {
        stream.metadata = metadata;
        return stream;
      },
    },
  };
  for (const [k, v] of Object.entries(ours)) if (!(k in existing)) existing[k] = v;
}

installAwsLambdaGlobal();

// A Lambda-shaped context over InvocationContext, the invoker that honours every Lambda completion style
// (promise, callback, context.succeed/fail/done), and the `awslambda` global for response-streaming handlers.
import type { InvocationContext } from '@azure/functions';
import type { Context } from 'aws-lambda';

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

/**
 * Run a Lambda handler the way the Lambda Node.js runtime does: a returned promise settles the invocation;
 * otherwise the first callback(err, result) or context.succeed/fail/done call does. A handler that takes
 * neither a context nor a callback and returns no promise completes with null, as on Lambda.
 */
export function invokeLambdaHandler(handler: LambdaLikeHandler, event: unknown, context: LambdaLikeContext): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const ok = (result: unknown) => {
      if (!settled) {
        settled = true;
        resolve(result === undefined ? null : result);
      }
    };
    const fail = (error: unknown) => {
      if (!settled) {
        settled = true;
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- Lambda fails with the callback's value as it is
        reject(toError(error));
      }
    };
    const done = (error?: unknown, result?: unknown) => (error !== undefined && error !== null ? fail(error) : ok(result));
    const ctx: LambdaLikeContext = { ...context, done, succeed: (r?: unknown) => ok(r), fail: (e?: unknown) => fail(e) };
    try {
      const returned = handler(event, ctx, done);
      if (returned !== null && typeof returned === 'object' && typeof (returned as { then?: unknown }).then === 'function') {
        (returned as Promise<unknown>).then(ok, fail);
      } else if (handler.length < 2) {
        ok(null);
      }
    } catch (error) {
      fail(error);
    }
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
  const g = globalThis as unknown as { awslambda?: unknown };
  if (g.awslambda !== undefined) return;
  g.awslambda = {
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
}

installAwsLambdaGlobal();

// The invoker honours every Lambda completion style, and the context maps the invocation id and the timeout.

import { InvocationContext } from '@azure/functions';
import { describe, expect, it, vi } from 'vitest';
import * as lambda from '../src/lambda-context.js';

const ctx = () => new InvocationContext({ invocationId: 'inv-1', functionName: 'f', logHandler: () => {} });

describe('invoking Lambda handlers', () => {
  const context = () => lambda.toLambdaContext(ctx(), { functionName: 'fn', timeoutMs: 3000 });

  const cases: [string, lambda.LambdaLikeHandler][] = [
    [
      'async',
      async () => {
        await Promise.resolve();
        return 'v';
      },
    ],
    ['callback', (_e, _c, cb) => setTimeout(() => cb(null, 'v'), 1)],
    ['context.succeed', (_e, c) => c.succeed('v')],
    ['context.done', (_e, c) => c.done(undefined, 'v')],
  ];
  it.each(cases)('%s completion resolves with the result', async (_n, handler) => {
    await expect(lambda.invokeLambdaHandler(handler, {}, context())).resolves.toBe('v');
  });

  it('a handler that takes neither context nor callback and returns nothing completes with null', async () => {
    await expect(lambda.invokeLambdaHandler(() => undefined, {}, context())).resolves.toBeNull();
  });

  const failures: [string, lambda.LambdaLikeHandler][] = [
    ['callback(err)', (_e, _c, cb) => cb(new Error('x'))],
    ['context.fail(string)', (_e, c) => c.fail('x')],
    [
      'throw',
      () => {
        throw new Error('x');
      },
    ],
    ['rejected promise', () => Promise.reject(new Error('x'))],
  ];
  it.each(failures)('%s rejects', async (_n, handler) => {
    await expect(lambda.invokeLambdaHandler(handler, {}, context())).rejects.toThrow('x');
  });

  it('the first completion wins: a later callback does not change the result', async () => {
    const handler: lambda.LambdaLikeHandler = (_e, c, cb) => {
      c.succeed('first');
      cb(new Error('late'));
    };
    await expect(lambda.invokeLambdaHandler(handler, {}, context())).resolves.toBe('first');
  });

  it('pickHandler finds named, CommonJS-default and default exports', () => {
    const fn = () => Promise.resolve('v');
    expect(lambda.pickHandler({ handler: fn }, 'handler')).toBe(fn);
    expect(lambda.pickHandler({ default: { handler: fn } }, 'handler')).toBe(fn);
    expect(lambda.pickHandler({ default: fn }, 'default')).toBe(fn);
    expect(() => lambda.pickHandler({ handler: 1 }, 'handler')).toThrow(/not a function/);
  });

  it('context.done/succeed/fail outside the invoker say where they work', () => {
    expect(() => context().succeed('v')).toThrow(/invokeLambdaHandler/);
  });

  it('maps awsRequestId to the invocation id and counts the remaining time down from the Lambda timeout', () => {
    const c = context();
    expect(c.awsRequestId).toBe('inv-1');
    expect(c.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(c.getRemainingTimeInMillis()).toBeLessThanOrEqual(3000);
  });
});


describe('awslambda.streamifyResponse', () => {
  it('collects what a streaming handler writes into one base64 HTTP result with its metadata', async () => {
    const g = globalThis as unknown as {
      awslambda: {
        streamifyResponse: (fn: (e: unknown, s: { write(c: string): void; end(c?: string): void }, c: unknown) => Promise<void>) => lambda.LambdaLikeHandler;
        HttpResponseStream: { from: <S>(s: S, m: { statusCode?: number; headers?: Record<string, string> }) => S };
      };
    };
    const handler = g.awslambda.streamifyResponse(async (_e, stream) => {
      const s = g.awslambda.HttpResponseStream.from(stream, { statusCode: 201, headers: { 'x-a': '1' } });
      s.write('hello ');
      await Promise.resolve();
      s.end('world');
    });
    const result = await lambda.invokeLambdaHandler(handler, {}, lambda.toLambdaContext(ctx(), { functionName: 'fn', timeoutMs: 1000 }));
    expect(result).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'application/octet-stream', 'x-a': '1' },
      body: Buffer.from('hello world').toString('base64'),
      isBase64Encoded: true,
    });
  });

  it('joins a global the AWS SDK created first (its invoke store) instead of leaving it without streamifyResponse', async () => {
    const g = globalThis as unknown as { awslambda?: Record<string, unknown> };
    const saved = g.awslambda;
    const store = { marker: 'the SDK invoke store' };
    try {
      g.awslambda = { InvokeStore: store, streamifyResponse: 'kept: not ours to replace' };
      vi.resetModules();
      await import('../src/lambda-context.js');
      expect(g.awslambda.InvokeStore).toBe(store);
      expect(g.awslambda.streamifyResponse).toBe('kept: not ours to replace');
      expect(typeof (g.awslambda.HttpResponseStream as { from?: unknown }).from).toBe('function');
      g.awslambda = { InvokeStore: store };
      vi.resetModules();
      await import('../src/lambda-context.js');
      expect(typeof g.awslambda.streamifyResponse).toBe('function');
      expect(g.awslambda.InvokeStore).toBe(store);
      // A global that cannot take members is left as it is, and loading the runtime does not throw.
      const frozen = Object.freeze({ InvokeStore: store });
      g.awslambda = frozen;
      vi.resetModules();
      await import('../src/lambda-context.js');
      expect(g.awslambda).toBe(frozen);
    } finally {
      g.awslambda = saved;
    }
  });
});

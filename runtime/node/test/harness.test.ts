// The harness compares behaviour, not noise: one reduced case per class of false failure or hollow pass found on
// public estates (issue 12). Each runs the "original" through runLambda and the "converted" through runAzure, as a
// generated equivalence test does.

import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { notProven, runAzure, runLambda, withoutStackFrames, type Outcome } from '../src/harness.js';
import { invokeLambdaHandler, toLambdaContext, type LambdaLikeHandler } from '../src/lambda-context.js';

const OPTS = { functionName: 'fn', timeoutMs: 3000 };
const lambda = (handler: LambdaLikeHandler, opts = OPTS) => runLambda({ handler }, 'handler', {}, opts);
/** The converted side: the same handler through the runtime's invoker, its console routed to context.log. */
const azure = (handler: LambdaLikeHandler, opts = OPTS) =>
  runAzure('fn', undefined, (context) => invokeLambdaHandler(handler, {}, toLambdaContext(context, opts)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('frozen clock and seeded randomness', () => {
  it('Date.now/new Date in the body, headers and logs read the same on both sides, whenever they run', async () => {
    const handler: LambdaLikeHandler = async (_e, context) => {
      context.log('started at', new Date().toISOString());
      await sleep(15);
      return { statusCode: 200, headers: { date: new Date().toUTCString(), 'x-now': String(Date.now()) }, body: JSON.stringify({ at: Date(), t: performance.now() }) };
    };
    const original = await lambda(handler);
    await sleep(20);
    const converted = await azure(handler);
    expect(converted).toEqual(original);
    expect(original.logs).toEqual(['information started at 2026-01-15T08:30:00.000Z']);
    // Outside a run the clock is real again.
    const before = Date.now();
    await sleep(5);
    expect(Date.now()).toBeGreaterThan(before);
  });

  it('Math.random and crypto.randomUUID replay the same sequence in each run', async () => {
    const handler: LambdaLikeHandler = async () => ({ r: [Math.random(), Math.random()], id: randomUUID(), web: globalThis.crypto.randomUUID() });
    const original = await lambda(handler);
    const converted = await azure(handler);
    expect(converted.value).toEqual(original.value);
    const v = original.value as { r: number[]; id: string };
    expect(v.r[0]).not.toBe(v.r[1]);
    expect(v.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('errors by type and message', () => {
  function thrownHere(): never {
    throw new TypeError('bad sku');
  }
  function thrownElsewhere(): never {
    const e = new TypeError('bad sku');
    throw e;
  }
  it('the same error thrown from different frames, and logged with its stack, compares equal', async () => {
    const from = (thrower: () => never): LambdaLikeHandler => async () => {
      try {
        thrower();
      } catch (e) {
        console.error('failed', e);
        return { statusCode: 500, body: JSON.stringify({ stack: (e as Error).stack }) };
      }
    };
    const original = await lambda(from(thrownHere));
    const converted = await azure(from(thrownElsewhere));
    expect(converted).toEqual(original);
    expect(original.logs).toEqual(['error failed TypeError: bad sku']);
    const failing = (thrower: () => never): LambdaLikeHandler => async () => thrower();
    expect((await azure(failing(thrownElsewhere))).error).toBe((await lambda(failing(thrownHere))).error);
    expect((await lambda(failing(thrownHere))).error).toBe('TypeError: bad sku');
  });

  it('drops stack frames, also JSON-escaped ones, and nothing else', () => {
    const stack = 'Error: x\n    at f (/a/b.js:1:2)\n    at async Promise.all (index 0)\n    at new Promise (<anonymous>)';
    expect(withoutStackFrames(stack)).toBe('Error: x');
    expect(withoutStackFrames(JSON.stringify({ stack }))).toBe('{"stack":"Error: x"}');
    expect(withoutStackFrames('meet me\nat noon')).toBe('meet me\nat noon');
  });
});

describe('process noise', () => {
  it('a process warning emitted during a run (the AWS SDK on Node 20) is not handler output on either side', async () => {
    let emitted = false;
    // What @aws-sdk/* does once per process when loaded on an old Node: emitWarning, printed by Node on a later tick.
    const sdkLoadingHandler: LambdaLikeHandler = async (_e, context) => {
      if (!emitted) {
        emitted = true;
        process.emitWarning('NodeVersionSupportWarning: the AWS SDK for JavaScript (v3) will no longer support this Node.js version', { type: 'NodeDeprecationWarning' });
      }
      await sleep(5);
      context.log('handled');
      return 'ok';
    };
    const original = await lambda(sdkLoadingHandler);
    const converted = await azure(sdkLoadingHandler);
    expect(original.logs).toEqual(['information handled']);
    expect(converted).toEqual(original);
  });
});

describe('I/O failures are not proven', () => {
  async function unreachablePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => server.close(r));
    return port;
  }

  it('a handler whose only work is I/O to an unreachable endpoint is skipped as not proven, caught or not', async () => {
    const port = await unreachablePort();
    const propagates: LambdaLikeHandler = async () => (await fetch(`http://127.0.0.1:${port}/items`)).status;
    const catches: LambdaLikeHandler = async () => {
      try {
        await fetch(`http://127.0.0.1:${port}/items`);
        return { statusCode: 200 };
      } catch {
        return { statusCode: 503, body: 'try later' };
      }
    };
    for (const handler of [propagates, catches]) {
      const original = await lambda(handler);
      const converted = await azure(handler);
      expect(original.io).toBe('ECONNREFUSED');
      expect(converted.io).toBe('ECONNREFUSED');
      const skipped: string[] = [];
      expect(notProven({ skip: (m) => skipped.push(m ?? '') }, original, converted)).toBe(true);
      expect(skipped[0]).toMatch(/^not proven: both sides failed on I\/O/);
    }
  });

  it('fetch to a port fetch refuses to use (no socket at all) is an I/O failure too', async () => {
    const handler: LambdaLikeHandler = async () => {
      try {
        await fetch('http://127.0.0.1:9/inventory');
      } catch {
        return { statusCode: 503 };
      }
    };
    expect((await lambda(handler)).io).toBe('fetch failed');
  });

  it('a handler that does no I/O is compared as usual', async () => {
    const original = await lambda(async () => 1);
    const skipped: string[] = [];
    expect(original.io).toBeUndefined();
    expect(notProven({ skip: (m) => skipped.push(m ?? '') }, original, await azure(async () => 1))).toBe(false);
    expect(skipped).toEqual([]);
  });
});

describe('Lambda completion semantics', () => {
  const logsAndValue = (o: Outcome) => [o.ok ? o.value : o.error, o.logs];

  it('a handler that neither calls back nor returns a promise finishes when its event loop work drains', async () => {
    const handler: LambdaLikeHandler = function (_event, context) {
      setTimeout(() => context.log('flushed'), 20);
    };
    const original = await lambda(handler);
    expect(logsAndValue(original)).toEqual([null, ['information flushed']]);
    expect(await azure(handler)).toEqual(original);
  });

  it('callback(null, v) waits for the event loop by default, and not when callbackWaitsForEmptyEventLoop is false', async () => {
    const waiting: LambdaLikeHandler = (_e, context, callback) => {
      setTimeout(() => context.log('after the callback'), 20);
      callback(null, 'v');
    };
    expect(logsAndValue(await lambda(waiting))).toEqual(['v', ['information after the callback']]);
    const notWaiting: LambdaLikeHandler = (_e, context, callback) => {
      context.callbackWaitsForEmptyEventLoop = false;
      setTimeout(() => context.log('after the callback'), 20);
      callback(null, 'v');
    };
    expect(logsAndValue(await lambda(notWaiting))).toEqual(['v', []]);
    await sleep(30);
  });

  it('the first of callback and returned promise wins, as in the Node runtime', async () => {
    const both: LambdaLikeHandler = async (_e, _c, callback) => {
      callback(null, 'callback');
      await sleep(5);
      return 'returned';
    };
    expect((await lambda(both)).value).toBe('callback');
    const returnsFirst: LambdaLikeHandler = (_e, _c, callback) => {
      setTimeout(() => callback(null, 'callback'), 10);
      return Promise.resolve('returned');
    };
    expect((await lambda(returnsFirst)).value).toBe('returned');
    await sleep(15);
  });

  it('a handler that never completes is reported as a timeout at the Lambda timeout, not a hang', async () => {
    let interval: NodeJS.Timeout | undefined;
    const hangs: LambdaLikeHandler = () => {
      interval = setInterval(() => undefined, 10);
    };
    const started = performance.now();
    const original = await lambda(hangs, { functionName: 'fn', timeoutMs: 150 });
    expect(original.error).toBe('Sandbox.Timedout: Task timed out after 0.15 seconds');
    expect(performance.now() - started).toBeLessThan(2000);
    clearInterval(interval);
    const never: LambdaLikeHandler = () => new Promise(() => undefined);
    expect((await azure(never, { functionName: 'fn', timeoutMs: 100 })).error).toBe('Sandbox.Timedout: Task timed out after 0.10 seconds');
  });
});

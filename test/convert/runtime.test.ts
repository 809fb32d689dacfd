// The generated runtime helpers on their own, against API Gateway's documented behaviour: request fields
// (base64 bodies, multi-value headers and query, path parameters, cookies) and result mapping (502/500 semantics).

import { mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { EVENTS_MODULE } from '../../src/convert/node/runtime/events.js';
import { HTTP_MODULE } from '../../src/convert/node/runtime/http.js';
import { LAMBDA_CONTEXT_MODULE } from '../../src/convert/node/runtime/lambda-context.js';
import { REPO } from './support/convert-estate.js';

type HttpModule = {
  toApiGatewayV1Event: (r: HttpRequest, c: InvocationContext, o: object) => Promise<Record<string, unknown>>;
  toApiGatewayV2Event: (r: HttpRequest, c: InvocationContext, o: object) => Promise<Record<string, unknown>>;
  fromLambdaHttpResult: (run: () => Promise<unknown>, f: string) => Promise<HttpResponseInit>;
};
type ContextModule = {
  invokeLambdaHandler: (h: unknown, e: unknown, c: unknown) => Promise<unknown>;
  toLambdaContext: (c: InvocationContext, o: object) => Record<string, unknown>;
};
type EventsModule = { settleSqsResult: (r: unknown) => void; toKinesisEvent: (m: unknown[], c: InvocationContext, o: object) => { Records: { kinesis: { data: string } }[] } };

let dir: string;
let http: HttpModule;
let lambda: ContextModule;
let events: EventsModule;
const OPTS = { resource: '/items/{id}', routeKey: 'POST /items/{id}', stage: 'prod', routePrefix: 'api' };
const ctx = () => new InvocationContext({ invocationId: 'inv-1', functionName: 'f', logHandler: () => {} });

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'convert-runtime-'));
  mkdirSync(path.join(dir, 'migrate-runtime'));
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, 'migrate-runtime/http.ts'), HTTP_MODULE);
  writeFileSync(path.join(dir, 'migrate-runtime/lambda-context.ts'), LAMBDA_CONTEXT_MODULE);
  writeFileSync(path.join(dir, 'migrate-runtime/events.ts'), EVENTS_MODULE);
  http = (await import(path.join(dir, 'migrate-runtime/http.ts'))) as HttpModule;
  lambda = (await import(path.join(dir, 'migrate-runtime/lambda-context.ts'))) as ContextModule;
  events = (await import(path.join(dir, 'migrate-runtime/events.ts'))) as EventsModule;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('request → Lambda event', () => {
  it('payload 1.0: base64 for binary bodies, multi-value query and headers, path params, prefix stripped', async () => {
    const req = new HttpRequest({
      method: 'POST',
      url: 'http://localhost/api/items/7?tag=a&tag=b',
      headers: { 'content-type': 'image/png', accept: 'a, b' },
      body: { bytes: new Uint8Array([0, 1, 2, 255]) },
      params: { id: '7' },
    });
    const e = await http.toApiGatewayV1Event(req, ctx(), OPTS);
    expect(e).toMatchObject({
      path: '/items/7',
      httpMethod: 'POST',
      body: Buffer.from([0, 1, 2, 255]).toString('base64'),
      isBase64Encoded: true,
      queryStringParameters: { tag: 'b' },
      multiValueQueryStringParameters: { tag: ['a', 'b'] },
      pathParameters: { id: '7' },
      requestContext: { stage: 'prod', path: '/prod/items/7', requestId: 'inv-1' },
    });
    expect((e.multiValueHeaders as Record<string, string[]>).accept).toEqual(['a', 'b']);
  });

  it('payload 1.0: no query, no params and no body are null, as API Gateway sends them', async () => {
    const e = await http.toApiGatewayV1Event(new HttpRequest({ method: 'GET', url: 'http://localhost/api/items' }), ctx(), OPTS);
    expect(e).toMatchObject({ queryStringParameters: null, multiValueQueryStringParameters: null, pathParameters: null, body: null, isBase64Encoded: false });
  });

  it('payload 2.0: cookies split out of the headers, comma-joined query values, text body', async () => {
    const req = new HttpRequest({ method: 'POST', url: 'http://localhost/api/items/7?tag=a&tag=b', headers: { cookie: 's=1; t=2', 'content-type': 'application/json' }, body: { string: '{"a":1}' } });
    const e = await http.toApiGatewayV2Event(req, ctx(), OPTS);
    expect(e).toMatchObject({ version: '2.0', rawPath: '/items/7', rawQueryString: 'tag=a&tag=b', cookies: ['s=1', 't=2'], queryStringParameters: { tag: 'a,b' }, body: '{"a":1}', isBase64Encoded: false });
    expect((e.headers as Record<string, string>).cookie).toBeUndefined();
  });
});

describe('Lambda result → response', () => {
  const run = (v: unknown) => () => Promise.resolve(v);
  const fail = () => Promise.reject(new Error('boom'));

  it('a thrown error is 502 behind a REST API and 500 behind an HTTP API', async () => {
    expect((await http.fromLambdaHttpResult(fail, '1.0')).status).toBe(502);
    expect((await http.fromLambdaHttpResult(fail, '2.0')).status).toBe(500);
  });

  it('payload 2.0 turns a bare value into a 200 JSON body; 1.0 rejects it with 502', async () => {
    expect(await http.fromLambdaHttpResult(run({ ok: true }), '2.0')).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect((await http.fromLambdaHttpResult(run({ ok: true }), '1.0')).status).toBe(502);
  });

  it('keeps multi-value headers and cookies, and decodes base64 bodies', async () => {
    const r = await http.fromLambdaHttpResult(
      run({ statusCode: 201, headers: { 'X-One': 1 }, multiValueHeaders: { 'x-many': ['a', 'b'] }, cookies: ['s=1', 't=2'], body: Buffer.from('hi').toString('base64'), isBase64Encoded: true }),
      '2.0',
    );
    expect(r.status).toBe(201);
    expect(r.headers).toEqual([
      ['x-many', 'a, b'],
      ['x-one', '1'],
      ['set-cookie', 's=1'],
      ['set-cookie', 't=2'],
    ]);
    expect(Buffer.from(r.body as Uint8Array).toString()).toBe('hi');
  });

  it('a non-string body is a malformed proxy response (502)', async () => {
    expect((await http.fromLambdaHttpResult(run({ statusCode: 200, body: { a: 1 } }), '1.0')).status).toBe(502);
  });
});

describe('invoking Lambda handlers', () => {
  const context = () => lambda.toLambdaContext(ctx(), { functionName: 'fn', timeoutMs: 3000 });

  it.each([
    ['async', async () => 'v', 'v'],
    ['callback', (_e: unknown, _c: unknown, cb: (e: unknown, r: unknown) => void) => setTimeout(() => cb(null, 'v'), 1), 'v'],
    ['context.succeed', (_e: unknown, c: { succeed: (r: unknown) => void }) => c.succeed('v'), 'v'],
    ['context.done', (_e: unknown, c: { done: (e: unknown, r: unknown) => void }) => c.done(null, 'v'), 'v'],
  ])('%s completion resolves with the result', async (_n, handler, expected) => {
    await expect(lambda.invokeLambdaHandler(handler, {}, context())).resolves.toBe(expected);
  });

  it.each([
    ['callback(err)', (_e: unknown, _c: unknown, cb: (e: unknown) => void) => cb(new Error('x'))],
    ['context.fail(string)', (_e: unknown, c: { fail: (e: unknown) => void }) => c.fail('x')],
    ['throw', () => {
      throw new Error('x');
    }],
  ])('%s rejects', async (_n, handler) => {
    await expect(lambda.invokeLambdaHandler(handler, {}, context())).rejects.toThrow('x');
  });

  it('maps awsRequestId to the invocation id and counts the remaining time down from the Lambda timeout', () => {
    const c = context() as { awsRequestId: string; getRemainingTimeInMillis: () => number };
    expect(c.awsRequestId).toBe('inv-1');
    expect(c.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(c.getRemainingTimeInMillis()).toBeLessThanOrEqual(3000);
  });
});

describe('event builders', () => {
  it('a reported batch item failure fails the single-message invocation', () => {
    expect(() => events.settleSqsResult({ batchItemFailures: [{ itemIdentifier: 'm' }] })).toThrow();
    expect(() => events.settleSqsResult({ batchItemFailures: [] })).not.toThrow();
    expect(() => events.settleSqsResult(undefined)).not.toThrow();
  });

  it('Kinesis data arrives base64-encoded', () => {
    const e = events.toKinesisEvent([{ a: 1 }, 'text'], ctx(), { streamArn: 's' });
    expect(e.Records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString())).toEqual(['{"a":1}', 'text']);
  });
});

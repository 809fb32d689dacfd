// The HTTP mapping against API Gateway's documented behaviour: request fields (base64 bodies, multi-value headers
// and query, path parameters, cookies) and result mapping (502 behind REST/ALB, 500 behind HTTP API payload 2.0).

import { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import * as http from '../src/http.js';

const OPTS = { resource: '/items/{id}', routeKey: 'POST /items/{id}', stage: 'prod', routePrefix: 'api' };
const ctx = () => new InvocationContext({ invocationId: 'inv-1', functionName: 'f', logHandler: () => {} });

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


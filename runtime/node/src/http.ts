// HttpRequest → API Gateway (payload 1.0 / 2.0), function URL or ALB event, and the Lambda HTTP result →
// HttpResponseInit with the error semantics of the front door the plan replaced (502 for REST/ALB, 500 for 2.0).
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';

export type HttpEventFormat = '1.0' | '2.0' | 'alb';

export interface HttpEventOptions {
  /** API Gateway resource template, e.g. /products/{sku} (payload 1.0). */
  resource: string;
  /** Route key for payload 2.0, e.g. GET /products/{sku}. */
  routeKey: string;
  stage: string;
  /** host.json routePrefix stripped from the URL path (Lambda paths never carry it). */
  routePrefix: string;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|[a-z.+-]*\+(json|xml)))/i;

async function readBody(request: HttpRequest): Promise<{ body: string | null; isBase64Encoded: boolean }> {
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length === 0) return { body: null, isBase64Encoded: false };
  const type = request.headers.get('content-type') ?? 'text/plain';
  if (TEXT_TYPES.test(type)) return { body: bytes.toString('utf8'), isBase64Encoded: false };
  return { body: bytes.toString('base64'), isBase64Encoded: true };
}

function lambdaPath(request: HttpRequest, routePrefix: string): string {
  const pathname = decodeURIComponent(new URL(request.url).pathname);
  const prefix = routePrefix ? '/' + routePrefix.replace(/^\/+|\/+$/g, '') : '';
  if (prefix && (pathname === prefix || pathname.startsWith(prefix + '/'))) return pathname.slice(prefix.length) || '/';
  return pathname;
}

function singleHeaders(request: HttpRequest): Record<string, string> {
  const out: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

function multiHeaders(request: HttpRequest): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  request.headers.forEach((value, name) => {
    out[name] = name === 'cookie' ? value.split(/;\s*/) : value.split(/,\s*/);
  });
  return out;
}

function queries(request: HttpRequest): { single: Record<string, string> | null; multi: Record<string, string[]> | null } {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of request.query.entries()) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return Object.keys(single).length === 0 ? { single: null, multi: null } : { single, multi };
}

function pathParameters(request: HttpRequest): Record<string, string> | null {
  const params = { ...request.params };
  return Object.keys(params).length === 0 ? null : params;
}

function sourceIp(request: HttpRequest): string {
  return (request.headers.get('x-forwarded-for') ?? '127.0.0.1').split(',')[0]?.trim() ?? '';
}

/** API Gateway REST API (payload format 1.0) proxy event. */
export async function toApiGatewayV1Event(request: HttpRequest, context: InvocationContext, opts: HttpEventOptions): Promise<APIGatewayProxyEvent> {
  const { body, isBase64Encoded } = await readBody(request);
  const q = queries(request);
  const path = lambdaPath(request, opts.routePrefix);
  return {
    resource: opts.resource,
    path,
    httpMethod: request.method,
    headers: singleHeaders(request),
    multiValueHeaders: multiHeaders(request),
    queryStringParameters: q.single,
    multiValueQueryStringParameters: q.multi,
    pathParameters: pathParameters(request),
    stageVariables: null,
    requestContext: {
      accountId: '',
      apiId: '',
      authorizer: undefined,
      protocol: 'HTTP/1.1',
      resourceId: '',
      requestTimeEpoch: 0,
      resourcePath: opts.resource,
      httpMethod: request.method,
      path: '/' + opts.stage + path,
      stage: opts.stage,
      requestId: context.invocationId,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: sourceIp(request),
        user: null,
        userAgent: request.headers.get('user-agent') ?? '',
        userArn: null,
      },
    },
    body,
    isBase64Encoded,
  };
}

/** API Gateway HTTP API / function URL (payload format 2.0) event. */
export async function toApiGatewayV2Event(request: HttpRequest, context: InvocationContext, opts: HttpEventOptions): Promise<APIGatewayProxyEventV2> {
  const { body, isBase64Encoded } = await readBody(request);
  const q = queries(request);
  const url = new URL(request.url);
  const headers = singleHeaders(request);
  const cookieHeader = headers['cookie'];
  delete headers['cookie'];
  const path = lambdaPath(request, opts.routePrefix);
  return {
    version: '2.0',
    routeKey: opts.routeKey,
    rawPath: path,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookieHeader ? { cookies: cookieHeader.split(/;\s*/) } : {}),
    headers,
    queryStringParameters: q.multi === null ? undefined : Object.fromEntries(Object.entries(q.multi).map(([k, v]) => [k, v.join(',')])),
    pathParameters: pathParameters(request) ?? undefined,
    stageVariables: undefined,
    requestContext: {
      accountId: '',
      apiId: '',
      domainName: url.host,
      domainPrefix: url.hostname.split('.')[0] ?? '',
      routeKey: opts.routeKey,
      stage: opts.stage,
      requestId: context.invocationId,
      time: '',
      timeEpoch: 0,
      http: { method: request.method, path, protocol: 'HTTP/1.1', sourceIp: sourceIp(request), userAgent: request.headers.get('user-agent') ?? '' },
    },
    body: body ?? undefined,
    isBase64Encoded,
  };
}

/** Application Load Balancer target event (multi-value headers off). */
export async function toAlbEvent(request: HttpRequest, _context: InvocationContext, opts: HttpEventOptions): Promise<ALBEvent> {
  const { body, isBase64Encoded } = await readBody(request);
  const q = queries(request);
  return {
    requestContext: { elb: { targetGroupArn: '' } },
    httpMethod: request.method,
    path: lambdaPath(request, opts.routePrefix),
    queryStringParameters: q.single ?? {},
    headers: singleHeaders(request),
    body: body ?? '',
    isBase64Encoded,
  };
}

type HeaderValue = string | number | boolean;

interface LambdaHttpResult {
  statusCode?: number;
  headers?: Record<string, HeaderValue>;
  multiValueHeaders?: Record<string, HeaderValue[]>;
  cookies?: string[];
  body?: unknown;
  isBase64Encoded?: boolean;
}

function gatewayError(format: HttpEventFormat): HttpResponseInit {
  if (format === '2.0') return { status: 500, headers: { 'content-type': 'application/json' }, body: '{"message":"Internal Server Error"}' };
  if (format === 'alb') return { status: 502, headers: { 'content-type': 'text/html' }, body: '' };
  return { status: 502, headers: { 'content-type': 'application/json' }, body: '{"message": "Internal server error"}' };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Map what the Lambda handler produced to the response the replaced front door would have sent:
 * a thrown error or a malformed 1.0 result is a 502 (500 for payload 2.0); payload 2.0 accepts a bare value as a JSON body.
 */
export async function fromLambdaHttpResult(run: () => Promise<unknown>, format: HttpEventFormat): Promise<HttpResponseInit> {
  let raw: unknown;
  try {
    raw = await run();
  } catch {
    return gatewayError(format);
  }
  let result: LambdaHttpResult;
  if (format === '2.0' && !(isObject(raw) && 'statusCode' in raw)) {
    result = { statusCode: 200, headers: { 'content-type': 'application/json' }, body: typeof raw === 'string' ? raw : JSON.stringify(raw) };
  } else if (isObject(raw) && (typeof raw.statusCode === 'number' || format === 'alb')) {
    result = raw;
  } else {
    return gatewayError(format);
  }
  if (result.body !== undefined && result.body !== null && typeof result.body !== 'string') return gatewayError(format);
  const headers: [string, string][] = [];
  const seen = new Set<string>();
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    seen.add(name.toLowerCase());
    headers.push([name.toLowerCase(), values.map(String).join(', ')]);
  }
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    if (!seen.has(name.toLowerCase())) headers.push([name.toLowerCase(), String(value)]);
  }
  for (const cookie of result.cookies ?? []) headers.push(['set-cookie', cookie]);
  const text = typeof result.body === 'string' ? result.body : '';
  return {
    status: result.statusCode ?? 200,
    headers,
    body: result.isBase64Encoded ? Buffer.from(text, 'base64') : text,
  };
}

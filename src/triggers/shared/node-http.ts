// The HTTP binding every HTTP-like kind shares (API Gateway REST/HTTP, function URLs, ALB, direct invocation): the
// Azure request becomes the gateway event of the given payload format, the Lambda result the HTTP response.

import { json, registrationOptions, SAMPLE_BODY, type BindingContext, type TriggerBinding } from './node-binding.js';


const PATH_PARAM = /\{\*?([A-Za-z0-9_]+)\+?\}/g;

function samplePath(route: string): { path: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const path = route.replace(PATH_PARAM, (_m, name: string) => {
    params[name] = 'sample-1';
    return 'sample-1';
  });
  return { path: `/${path.replace(/^\/+/, '')}`, params };
}

function sampleMethod(methods: string[]): string {
  const upper = methods.map((m) => m.toUpperCase());
  for (const m of ['POST', 'PUT', 'PATCH', 'GET', 'DELETE']) if (upper.includes(m)) return m;
  return upper[0] && upper[0] !== '*' && upper[0] !== 'ANY' ? upper[0] : 'POST';
}

export function httpBinding(ctx: BindingContext, format: '1.0' | '2.0' | 'alb' | 'direct'): TriggerBinding {
  const t = ctx.entry.trigger;
  if (t.type !== 'http') throw new Error('internal: httpBinding on a non-http trigger');
  const resource = `/${t.route.replace(/^\/+/, '')}`.replace(/\{\*([A-Za-z0-9_]+)\}/g, '{$1+}');
  const method = sampleMethod(t.methods);
  const { path, params } = samplePath(t.route);
  const hasBody = method !== 'GET' && method !== 'DELETE';
  const body = hasBody ? json(SAMPLE_BODY) : null;
  const headers: Record<string, string> = { 'user-agent': 'migrate-equivalence', 'x-forwarded-for': '203.0.113.7' };
  if (hasBody) headers['content-type'] = 'application/json';
  const sortedHeaders = Object.fromEntries(Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const routeKey = `${method} ${resource}`;
  const opts = { resource, routeKey, stage: '$default', routePrefix: 'api' };
  const stage = format === '1.0' ? 'prod' : '$default';
  opts.stage = stage;
  const request =
    format === 'direct'
      ? `new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/${t.route.replace(/^\/+/, '')}', headers: { 'content-type': 'application/json' }, body: { string: ${json(json(SAMPLE_BODY))} } })`
      : `new HttpRequest({ method: ${json(method)}, url: ${json(`http://localhost:7071/api${path}?limit=2`)}, headers: ${json(sortedHeaders)}, ${body !== null ? `body: { string: ${json(body)} }, ` : ''}params: ${json(params)} })`;
  const builder = format === '1.0' ? 'toApiGatewayV1Event' : format === '2.0' ? 'toApiGatewayV2Event' : 'toAlbEvent';
  const isDirect = format === 'direct';
  return {
    runtimeImports: isDirect ? {} : { http: ['fromLambdaHttpResult', builder] },
    azureTypes: ['HttpRequest', 'HttpResponseInit', 'InvocationContext'],
    signature: '(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit>',
    buildEvent: isDirect
      ? `  // Direct invocation: the request body is the event, the result is the JSON response.\n  const text = await request.text();\n  const event: unknown = text === '' ? {} : JSON.parse(text);`
      : `  const event = await ${builder}(request, context, ${json(opts)});`,
    returnResult: isDirect
      ? `  try {\n    return { status: 200, jsonBody: (await invoke()) ?? null };\n  } catch (error) {\n    return { status: 500, jsonBody: { errorType: error instanceof Error ? error.name : 'Error', errorMessage: error instanceof Error ? error.message : String(error) } };\n  }`
      : `  return fromLambdaHttpResult(invoke, ${json(format)});`,
    registration: `app.http(${json(ctx.entry.name)}, ${registrationOptions({ route: t.route, methods: t.methods, authLevel: t.authLevel }, ctx.exportName)});`,
    compare: 'http',
    httpFormat: format,
    sample: { azureArgs: request },
  };
}

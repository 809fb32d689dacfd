// API Gateway push triggers: REST APIs (resources, methods, integrations, authorizers, stages) and HTTP/WebSocket
// APIs (routes, integrations, authorizers, stages) whose Lambda integrations point at a discovered function.
// Only APIs named by `apigateway.amazonaws.com` statements are read, or all of them when a statement names none.

import { GetAuthorizersCommand, GetResourcesCommand, GetRestApisCommand, GetStagesCommand, type Authorizer } from '@aws-sdk/client-api-gateway';
import {
  GetApisCommand,
  GetAuthorizersCommand as GetV2AuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand as GetV2StagesCommand,
  type Authorizer as V2Authorizer,
} from '@aws-sdk/client-apigatewayv2';
import type { ApiInfo, AuthorizerInfo } from '../../model/inventory.js';
import { sortBy } from '../../util/json.js';
import { splitFunctionArn } from './arn.js';
import { collectPages } from './call.js';
import type { FunctionFacts } from './collect-functions.js';
import type { RegionContext } from './context.js';
import { pushSourcesOf, TriggerSink, triggerFromPolicy } from './push-triggers.js';

/** `arn:aws:apigateway:{r}:lambda:path/2015-03-31/functions/{fnArn}/invocations` (or a bare function ARN) → the unqualified function ARN. */
export function functionOfIntegrationUri(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const m = /functions\/(arn:[^/]+:lambda:[^/]+)\/invocations/.exec(uri) ?? /^(arn:[^:]+:lambda:.+)$/.exec(uri);
  return m ? splitFunctionArn(m[1]!).base : undefined;
}

function restAuthorizer(type: string | undefined, authorizerId: string | undefined, authorizers: Authorizer[]): AuthorizerInfo | undefined {
  if (!type || type === 'NONE') return undefined;
  if (type === 'AWS_IAM') return { type: 'AWS_IAM' };
  const a = authorizers.find((x) => x.id === authorizerId);
  if (type === 'COGNITO_USER_POOLS') return { type, name: a?.name, ref: a?.providerARNs?.[0] };
  return { type: a?.type ?? type, name: a?.name, ref: functionOfIntegrationUri(a?.authorizerUri) ?? a?.authorizerUri };
}

function v2Authorizer(type: string | undefined, authorizerId: string | undefined, authorizers: V2Authorizer[]): AuthorizerInfo | undefined {
  if (!type || type === 'NONE') return undefined;
  if (type === 'AWS_IAM') return { type: 'AWS_IAM' };
  const a = authorizers.find((x) => x.AuthorizerId === authorizerId);
  if (type === 'JWT') return { type: 'JWT', name: a?.Name, ref: a?.JwtConfiguration?.Issuer };
  return { type: a?.AuthorizerType === 'REQUEST' ? 'CUSTOM' : type, name: a?.Name, ref: functionOfIntegrationUri(a?.AuthorizerUri) ?? a?.AuthorizerUri };
}

export async function enrichApiGateway(ctx: RegionContext, functions: readonly FunctionFacts[], sink: TriggerSink): Promise<ApiInfo[]> {
  const pairs = pushSourcesOf(functions, 'apigateway');
  if (pairs.length === 0) return [];
  const wanted = new Set<string>();
  let all = false;
  for (const { ps } of pairs) {
    if (ps.source?.service === 'apigateway' && ps.source.apiId !== '*') wanted.add(ps.source.apiId);
    else all = true;
  }
  const known = new Set(functions.map((f) => f.arn));
  const apis: ApiInfo[] = [];
  const found = new Set<string>();
  const failed = new Set<string>();

  // REST APIs
  const rest = ctx.client('apigateway');
  const restApis = await collectPages(ctx.caller, ctx.spec('apigateway:GET', 'restapis'), (position) => rest.send(new GetRestApisCommand({ position, limit: 500 })), (p) => p.items, (p) => p.position);
  if (!restApis.complete) for (const id of wanted) failed.add(id);
  for (const api of sortBy(restApis.items, (a) => a.id ?? '')) {
    const restApiId = api.id;
    if (!restApiId || (!all && !wanted.has(restApiId))) continue;
    found.add(restApiId);
    const resources = await collectPages(ctx.caller, ctx.spec('apigateway:GET', restApiId), (position) => rest.send(new GetResourcesCommand({ restApiId, position, limit: 500, embed: ['methods'] })), (p) => p.items, (p) => p.position);
    if (!resources.complete) failed.add(restApiId);
    const stages = (await ctx.caller.get(ctx.spec('apigateway:GET', restApiId), () => rest.send(new GetStagesCommand({ restApiId }))))?.item ?? [];
    const stageNames = stages.map((s) => s.stageName ?? '').filter(Boolean).sort();
    const needsAuthorizers = resources.items.some((r) => Object.values(r.resourceMethods ?? {}).some((m) => m.authorizerId));
    const authorizers = needsAuthorizers
      ? (await collectPages(ctx.caller, ctx.spec('apigateway:GET', restApiId), (position) => rest.send(new GetAuthorizersCommand({ restApiId, position })), (p) => p.items, (p) => p.position)).items
      : [];
    apis.push({
      id: restApiId,
      name: api.name,
      kind: 'rest',
      stages: stageNames,
      authorizers: sortBy(authorizers, (a) => a.name ?? '').map((a) => restAuthorizer(a.type === 'COGNITO_USER_POOLS' ? 'COGNITO_USER_POOLS' : 'CUSTOM', a.id, authorizers)!),
    });
    for (const res of resources.items) {
      for (const [method, m] of Object.entries(res.resourceMethods ?? {})) {
        const fnArn = functionOfIntegrationUri(m.methodIntegration?.uri);
        if (!fnArn || !known.has(fnArn) || !res.path) continue;
        sink.add(fnArn, {
          kind: 'api-gateway-rest',
          id: `api-gateway-rest:${restApiId}:${method} ${res.path}`,
          api: restApiId,
          path: res.path,
          method,
          stage: stageNames.length === 1 ? stageNames[0] : undefined,
          integration: m.methodIntegration?.type,
          authorizer: restAuthorizer(m.authorizationType, m.authorizerId, authorizers),
          apiKeyRequired: m.apiKeyRequired || undefined,
          timeoutInMillis: m.methodIntegration?.timeoutInMillis,
        });
      }
    }
  }

  // HTTP and WebSocket APIs (no paginators in this client: NextToken by hand; MaxResults is a string)
  const v2 = ctx.client('apigatewayv2');
  const v2Apis = await collectPages(ctx.caller, ctx.spec('apigateway:GET', 'apis'), (NextToken) => v2.send(new GetApisCommand({ NextToken, MaxResults: '500' })), (p) => p.Items, (p) => p.NextToken);
  if (!v2Apis.complete) for (const id of wanted) if (!found.has(id)) failed.add(id);
  for (const api of sortBy(v2Apis.items, (a) => a.ApiId ?? '')) {
    const ApiId = api.ApiId;
    if (!ApiId || (!all && !wanted.has(ApiId))) continue;
    found.add(ApiId);
    const integrations = await collectPages(ctx.caller, ctx.spec('apigateway:GET', ApiId), (NextToken) => v2.send(new GetIntegrationsCommand({ ApiId, NextToken })), (p) => p.Items, (p) => p.NextToken);
    const routes = await collectPages(ctx.caller, ctx.spec('apigateway:GET', ApiId), (NextToken) => v2.send(new GetRoutesCommand({ ApiId, NextToken })), (p) => p.Items, (p) => p.NextToken);
    if (!integrations.complete || !routes.complete) failed.add(ApiId);
    const stages = await collectPages(ctx.caller, ctx.spec('apigateway:GET', ApiId), (NextToken) => v2.send(new GetV2StagesCommand({ ApiId, NextToken })), (p) => p.Items, (p) => p.NextToken);
    // moto answers 500 to GetAuthorizers; ask only when a route uses one.
    const authorizers = routes.items.some((r) => r.AuthorizerId)
      ? (await collectPages(ctx.caller, ctx.spec('apigateway:GET', ApiId), (NextToken) => v2.send(new GetV2AuthorizersCommand({ ApiId, NextToken })), (p) => p.Items, (p) => p.NextToken)).items
      : [];
    const websocket = api.ProtocolType === 'WEBSOCKET';
    apis.push({
      id: ApiId,
      name: api.Name,
      kind: websocket ? 'websocket' : 'http',
      stages: stages.items.map((s) => s.StageName ?? '').filter(Boolean).sort(),
      authorizers: sortBy(authorizers, (a) => a.Name ?? '').map((a) => v2Authorizer(a.AuthorizerType === 'JWT' ? 'JWT' : 'CUSTOM', a.AuthorizerId, authorizers)!),
      cors: api.CorsConfiguration,
    });
    const byId = new Map(integrations.items.map((i) => [i.IntegrationId ?? '', i]));
    for (const route of routes.items) {
      const integrationId = /^integrations\/(.+)$/.exec(route.Target ?? '')?.[1];
      const integ = integrationId ? byId.get(integrationId) : undefined;
      const fnArn = functionOfIntegrationUri(integ?.IntegrationUri);
      if (!fnArn || !known.has(fnArn) || !route.RouteKey) continue;
      if (websocket) {
        sink.add(fnArn, { kind: 'websocket', id: `websocket:${ApiId}:${route.RouteKey}`, api: ApiId, route: route.RouteKey });
        continue;
      }
      const sp = route.RouteKey.indexOf(' ');
      const method = sp > 0 ? route.RouteKey.slice(0, sp) : 'ANY';
      const path = sp > 0 ? route.RouteKey.slice(sp + 1) : route.RouteKey;
      const pfv = integ?.PayloadFormatVersion;
      sink.add(fnArn, {
        kind: 'api-gateway-http',
        id: `api-gateway-http:${ApiId}:${route.RouteKey}`,
        api: ApiId,
        path,
        method,
        payloadFormatVersion: pfv === '1.0' || pfv === '2.0' ? pfv : undefined,
        authorizer: v2Authorizer(route.AuthorizationType, route.AuthorizerId, authorizers),
        timeoutInMillis: integ?.TimeoutInMillis,
      });
    }
  }
  for (const { fn, ps } of pairs) {
    const id = ps.source?.service === 'apigateway' ? ps.source.apiId : undefined;
    // Unreadable, or not in this region's lists (an API in another region, or deleted): keep what the policy says.
    if (id && id !== '*' && (failed.has(id) || !found.has(id))) sink.add(fn.arn, triggerFromPolicy(ps));
  }
  return sortBy(apis, (a) => a.id);
}

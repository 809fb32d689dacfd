// API Gateway HTTP APIs → HTTP triggers (payload format 2.0 unless the integration says 1.0), `$default` as a
// catch-all route. Read from SAM `HttpApi`, Serverless `httpApi`, AWS::ApiGatewayV2::Integration routes (WebSocket
// routes of the same resource become `websocket` triggers), permissions (see api-gateway-rest), OpenAPI, live.

import type { AuthorizerInfo, Trigger } from '../../model/inventory.js';
import { allReferencedLogicalIds, asRecord, referencedLogicalId } from '../../discover/templates/context.js';
import type { TriggerModule } from '../module.js';
import { noRoles } from '../shared/roles.js';
import { cfnBase, type JoinContext } from '../shared/cfn-input.js';
import { httpConvert, httpEmit } from '../shared/http.js';
import { mapRoute, methods, one } from '../shared/plan.js';
import { normalizeMethod, samApiRef, samAuthorizer, samBase, samLit, samNum } from '../shared/sam-input.js';
import { slsAuthorizer, slsLit, slsRoute } from '../shared/serverless-input.js';
import type { ApiGatewayHttpTrigger } from './types.js';

function v2Routes(j: JoinContext, integrationId: string): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  for (const [id, res] of Object.entries(j.ctx.resources)) {
    if (res.Type !== 'AWS::ApiGatewayV2::Route') continue;
    const props = asRecord(res.Properties);
    if (allReferencedLogicalIds(props.Target, j.ctx.resources).has(integrationId)) out.push([id, props]);
  }
  return out;
}

function routeAuthorizer(j: JoinContext, route: Record<string, unknown>): AuthorizerInfo | undefined {
  const r = j.ctx.resolver;
  const authType = r.literal(route.AuthorizationType);
  if (!authType || authType === 'NONE') return undefined;
  const authId = referencedLogicalId(route.AuthorizerId, j.ctx.resources);
  const info: AuthorizerInfo = { type: authType };
  if (authId) {
    info.name = r.literal(r.resourceProperties(authId).Name) ?? authId;
    const issuer = r.str(asRecord(r.resourceProperties(authId).JwtConfiguration).Issuer);
    if (issuer !== undefined) info.ref = issuer;
  }
  return info;
}

/** The routes targeting an AWS::ApiGatewayV2::Integration of a function: HTTP API routes, or WebSocket routes. */
function v2Integration(j: JoinContext, logicalId: string, props: Record<string, unknown>): void {
  const r = j.ctx.resolver;
  const fn = [...allReferencedLogicalIds(props.IntegrationUri, j.ctx.resources)].map((id) => j.fns.get(id)).find(Boolean);
  if (!fn) return;
  const apiId = referencedLogicalId(props.ApiId, j.ctx.resources);
  const websocket = apiId ? r.literal(r.resourceProperties(apiId).ProtocolType) === 'WEBSOCKET' : false;
  const api = r.str(props.ApiId) ?? { symbol: 'unknown-api' };
  for (const [routeId, route] of v2Routes(j, logicalId)) {
    const key = r.literal(route.RouteKey) ?? '$default';
    const b = cfnBase(j, routeId, route);
    if (websocket) {
      fn.triggers.push({ ...b, kind: 'websocket', api, route: key });
      continue;
    }
    const [method, ...rest] = key.split(' ');
    const t: Trigger = {
      ...b,
      kind: 'api-gateway-http',
      api,
      path: rest.length > 0 ? rest.join(' ') : key,
      method: rest.length > 0 ? method!.toUpperCase() : 'ANY',
      payloadFormatVersion: r.literal(props.PayloadFormatVersion) === '1.0' ? '1.0' : '2.0',
    };
    const auth = routeAuthorizer(j, route);
    if (auth) t.authorizer = auth;
    const timeout = r.num(props.TimeoutInMillis);
    if (timeout !== undefined) t.timeoutInMillis = timeout;
    fn.triggers.push(t);
  }
}

export const apiGatewayHttp: TriggerModule<'api-gateway-http'> = {
  kind: 'api-gateway-http',
  discover: {
    sam: {
      HttpApi: (e) => {
        const { api, logicalId } = samApiRef(e, 'ApiId', 'ServerlessHttpApi');
        const { auth } = samAuthorizer(e, logicalId, true);
        const path = samLit(e, e.props.Path);
        const method = samLit(e, e.props.Method);
        const t: ApiGatewayHttpTrigger = {
          ...samBase(e),
          kind: 'api-gateway-http',
          api,
          path: path ?? '$default',
          method: path === undefined && method === undefined ? 'ANY' : normalizeMethod(method),
          payloadFormatVersion: samLit(e, e.props.PayloadFormatVersion) === '1.0' ? '1.0' : '2.0',
        };
        if (auth) t.authorizer = auth;
        const timeout = samNum(e, e.props.TimeoutInMillis);
        if (timeout !== undefined) t.timeoutInMillis = timeout;
        return t;
      },
    },
    serverless: {
      httpApi: (e) => {
        const { o, provider, ctx } = e;
        const { method, path } = slsRoute(e);
        const httpApi = asRecord(provider.httpApi);
        const t: ApiGatewayHttpTrigger = { ...e.base, kind: 'api-gateway-http', api: { symbol: 'Ref:HttpApi' }, path: path ?? '$default', method, payloadFormatVersion: slsLit(httpApi.payload) === '1.0' ? '1.0' : '2.0' };
        // `authorizer: { name }` refers to provider.httpApi.authorizers, which holds its type and issuer.
        const named = typeof o.authorizer === 'string' ? o.authorizer : slsLit(asRecord(o.authorizer).name);
        const def = named !== undefined ? asRecord(asRecord(httpApi.authorizers)[named]) : {};
        const auth = slsAuthorizer(ctx, Object.keys(def).length > 0 ? { ...def, ...asRecord(o.authorizer), name: named } : o.authorizer);
        if (auth) t.authorizer = auth;
        return [t];
      },
    },
    cloudFormation: { resources: { 'AWS::ApiGatewayV2::Integration': v2Integration } },
    live: { enricher: 'enrich-apigateway.ts' },
  },
  plan: {
    map: (t) =>
      one(t, { type: 'http', route: mapRoute(t.path === '$default' ? '{*path}' : t.path), methods: methods(t.method), authLevel: t.authorizer && t.authorizer.type !== 'NONE' ? 'function' : 'anonymous' }, [], t.payloadFormatVersion ?? '2.0'),
    roles: noRoles,
    display: (t) => `${t.method} ${t.path}`,
    http: true,
    drain: false,
    dataStore: false,
    compatible: ['http'],
  },
  convert: httpConvert((format) => (format === '1.0' ? '1.0' : '2.0')),
  emit: httpEmit,
};

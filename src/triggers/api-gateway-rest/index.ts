// API Gateway REST APIs → HTTP triggers (payload format 1.0), proxy paths as catch-all routes, an authorizer or API
// key as function-level auth. Read from SAM `Api`, Serverless `http`, AWS::ApiGateway::Method, permissions (which
// also reveal HTTP APIs and authorizers), OpenAPI bodies (discover/templates/sam.ts), live API Gateway.

import type { AuthorizerInfo, Resolvable } from '../../model/inventory.js';
import { allReferencedLogicalIds, asRecord, referencedLogicalId } from '../../discover/templates/context.js';
import { Symbolic, toPlain } from '../../discover/templates/symbolic.js';
import type { TriggerModule } from '../module.js';
import { noRoles } from '../shared/roles.js';
import { API_AUTHORIZER, cfnBase, type JoinContext } from '../shared/cfn-input.js';
import { httpConvert, httpEmit } from '../shared/http.js';
import { mapRoute, methods, one } from '../shared/plan.js';
import { normalizeMethod, samApiRef, samAuthorizer, samBase, samLit, samNum } from '../shared/sam-input.js';
import { slsAuthorizer, slsLit, slsRoute } from '../shared/serverless-input.js';
import type { ApiGatewayRestTrigger } from './types.js';

/** Path of an AWS::ApiGateway::Resource chain (`/orders/{id}`), or `/` for the API root. */
function restPath(j: JoinContext, raw: unknown, depth = 0): string {
  const id = referencedLogicalId(raw, j.ctx.resources);
  if (!id || depth > 20 || j.ctx.resolver.resourceType(id) !== 'AWS::ApiGateway::Resource') return '/';
  const props = j.ctx.resolver.resourceProperties(id);
  const parent = restPath(j, props.ParentId, depth + 1);
  const part = j.ctx.resolver.literal(props.PathPart) ?? `{${id}}`;
  return parent === '/' ? `/${part}` : `${parent}/${part}`;
}

function restAuthorizer(j: JoinContext, props: Record<string, unknown>): AuthorizerInfo | undefined {
  const r = j.ctx.resolver;
  const type = r.literal(props.AuthorizationType);
  if (!type || type === 'NONE') return undefined;
  const authId = referencedLogicalId(props.AuthorizerId, j.ctx.resources);
  if (!authId) return { type };
  const a = r.resourceProperties(authId);
  const info: AuthorizerInfo = { type: r.literal(a.Type) ?? type, name: r.literal(a.Name) ?? authId };
  const ref = r.str(a.AuthorizerUri) ?? r.list(a.ProviderARNs)[0];
  if (ref !== undefined) info.ref = ref;
  return info;
}

const HTTP_METHOD = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;

/**
 * Method and path of an invoke permission's `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`.
 * The ARN is read from its own text (a `Fn::Sub` string keeps its `${Api}` placeholders), never from the display
 * form of an unresolved value; anything that is not an HTTP method (`*`, a placeholder) means every method.
 */
function executeApiRoute(src: unknown, arnText: string): { method: string; path: string } {
  const text = src instanceof Symbolic && src.symbol.startsWith('Sub:') ? src.symbol.slice(4) : typeof src === 'string' ? src : arnText;
  const at = text.indexOf('execute-api:');
  const slash = at < 0 ? -1 : text.indexOf('/', at);
  if (slash < 0) return { method: 'ANY', path: '/*' };
  const [, method = '*', ...rest] = text.slice(slash + 1).split('/');
  const upper = method.toUpperCase();
  const path = rest.length > 0 && rest.every((p) => /^[\w.~{}+*-]*$/.test(p) && !p.includes('${')) ? `/${rest.join('/')}` : '/*';
  return { method: HTTP_METHOD.test(upper) ? upper : 'ANY', path };
}

export const apiGatewayRest: TriggerModule<'api-gateway-rest'> = {
  kind: 'api-gateway-rest',
  discover: {
    sam: {
      Api: (e) => {
        const { api, logicalId } = samApiRef(e, 'RestApiId', 'ServerlessRestApi');
        const { auth, apiKeyRequired } = samAuthorizer(e, logicalId, false);
        const stage = logicalId ? samLit(e, e.ctx.resolver.resourceProperties(logicalId).StageName) : 'Prod';
        const t: ApiGatewayRestTrigger = { ...samBase(e), kind: 'api-gateway-rest', api, path: samLit(e, e.props.Path) ?? '/', method: normalizeMethod(samLit(e, e.props.Method)), integration: 'AWS_PROXY' };
        if (stage) t.stage = stage;
        if (auth) t.authorizer = auth;
        if (apiKeyRequired) t.apiKeyRequired = true;
        const timeout = samNum(e, e.props.TimeoutInMillis);
        if (timeout !== undefined) t.timeoutInMillis = timeout;
        return t;
      },
    },
    serverless: {
      http: (e) => {
        const { o } = e;
        const { method, path: p } = slsRoute(e);
        const t: ApiGatewayRestTrigger = { ...e.base, kind: 'api-gateway-rest', api: { symbol: 'Ref:ApiGatewayRestApi' }, path: `/${(p ?? '').replace(/^\//, '')}`, method, stage: e.stage, integration: slsLit(o.integration) === 'lambda' ? 'AWS' : 'AWS_PROXY' };
        const auth = slsAuthorizer(e.ctx, o.authorizer);
        if (auth) t.authorizer = auth;
        if (o.private === true) t.apiKeyRequired = true;
        return [t];
      },
    },
    cloudFormation: {
      resources: {
        'AWS::ApiGateway::Method': (j, logicalId, props) => {
          const r = j.ctx.resolver;
          const integration = asRecord(props.Integration);
          const fn = [...allReferencedLogicalIds(integration.Uri, j.ctx.resources)].map((id) => j.fns.get(id)).find(Boolean);
          if (!fn) return;
          const t: ApiGatewayRestTrigger = {
            ...cfnBase(j, logicalId, props),
            kind: 'api-gateway-rest',
            api: r.str(props.RestApiId) ?? { symbol: 'unknown-api' },
            path: restPath(j, props.ResourceId),
            method: (r.literal(props.HttpMethod) ?? 'ANY').toUpperCase(),
            integration: r.literal(integration.Type) ?? 'AWS_PROXY',
          };
          const auth = restAuthorizer(j, props);
          if (auth) t.authorizer = auth;
          if (r.bool(props.ApiKeyRequired)) t.apiKeyRequired = true;
          const timeout = r.num(integration.TimeoutInMillis);
          if (timeout !== undefined) t.timeoutInMillis = timeout;
          fn.triggers.push(t);
        },
      },
      permission: {
        principal: 'apigateway.amazonaws.com',
        covers: (t) => t.kind === 'api-gateway-rest' || t.kind === 'api-gateway-http' || t.kind === 'websocket' || (t.kind === 'unknown' && t.sourceType === API_AUTHORIZER),
        build: ({ j, base, src, sourceId, arnText }) => {
          if (arnText.includes('/authorizers/')) return { ...base, kind: 'unknown', sourceType: API_AUTHORIZER, detail: { sourceArn: toPlain(src) } };
          const { method, path } = executeApiRoute(src, arnText);
          const api: Resolvable = sourceId ? { symbol: `Ref:${sourceId}` } : src;
          if (sourceId && j.ctx.resolver.resourceType(sourceId) === 'AWS::ApiGatewayV2::Api') return { ...base, kind: 'api-gateway-http', api, path, method };
          return { ...base, kind: 'api-gateway-rest', api, path, method };
        },
      },
    },
    live: { enricher: 'enrich-apigateway.ts' },
  },
  plan: {
    map: (t) =>
      one(t, { type: 'http', route: mapRoute(t.path), methods: methods(t.method), authLevel: (t.authorizer && t.authorizer.type !== 'NONE') || t.apiKeyRequired ? 'function' : 'anonymous' }, [], '1.0'),
    roles: noRoles,
    display: (t) => `${t.method} ${t.path}`,
    http: true,
    drain: false,
    dataStore: false,
    compatible: ['http'],
  },
  convert: httpConvert(() => '1.0'),
  emit: httpEmit,
};

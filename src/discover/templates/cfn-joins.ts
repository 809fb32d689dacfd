// Triggers and settings that CloudFormation defines on other resources, joined back to their function by
// logical id (Ref/GetAtt/Sub) or by literal name/ARN. The trigger kinds' modules read their own resources
// (src/triggers/<kind>/ `discover.cloudFormation`: subscriptions, rules, notifications, routes, target groups, ...);
// this file dispatches to them, reads event source mappings and permissions through them, and keeps the function's
// own settings (URLs, aliases, versions, async config, log retention) and the API list.

import type { LambdaFunction, Trigger } from '../../model/inventory.js';
import { TRIGGER_MODULES } from '../../triggers/registry.js';
import { cfnBase, targetFunction, type CfnJoin, type JoinContext } from '../../triggers/shared/cfn-input.js';
import { esmFromTemplate } from '../../triggers/shared/event-source-mapping.js';
import { unknownTrigger } from '../../triggers/unknown/index.js';
import { allReferencedLogicalIds, asArray, asRecord, functionId, locate, referencedLogicalId, type TemplateContext } from './context.js';
import { applyAsyncConfig } from './function-properties.js';
import { display, toPlain } from './symbolic.js';
import { collectOpenApiTriggers } from './sam.js';

type Fns = Map<string, LambdaFunction>;

let joinsByType: Map<string, CfnJoin> | undefined;

/** Resource type → the join of the module that reads it. */
function cfnJoins(): Map<string, CfnJoin> {
  joinsByType ??= new Map(TRIGGER_MODULES.flatMap((m) => Object.entries(m.discover.cloudFormation.resources ?? {})));
  return joinsByType;
}

/** An AWS::Lambda::EventSourceMapping: the module claiming it, else the one whose source resource type or ARN matches. */
function eventSourceMapping(j: JoinContext, logicalId: string, props: Record<string, unknown>): Trigger {
  const b = cfnBase(j, logicalId, props);
  const adapters = TRIGGER_MODULES.flatMap((m) => (m.discover.cloudFormation.eventSourceMapping ? [m.discover.cloudFormation.eventSourceMapping] : []));
  const id = referencedLogicalId(props.EventSourceArn, j.ctx.resources);
  const type = id ? j.ctx.resolver.resourceType(id) : undefined;
  const text = display(j.ctx.resolver.str(props.EventSourceArn) ?? '');
  const adapter =
    adapters.find((a) => a.claims?.(props)) ??
    (type ? adapters.find((a) => a.resourceTypes.includes(type)) : undefined) ??
    adapters.find((a) => a.arn.test(text));
  const s = esmFromTemplate(j.ctx, props, 'EventSourceArn');
  if (adapter) return adapter.build(j, b, props, s);
  return unknownTrigger(b, 'AWS::Lambda::EventSourceMapping', { eventSourceArn: toPlain(s.source ?? { symbol: 'unknown-source' }) });
}

/** A Permission whose source no other resource describes still reveals a push trigger. */
function permission(j: JoinContext, logicalId: string, props: Record<string, unknown>, fn: LambdaFunction): void {
  const r = j.ctx.resolver;
  const action = r.literal(props.Action) ?? 'lambda:InvokeFunction';
  if (action === 'lambda:InvokeFunctionUrl') return; // the AWS::Lambda::Url resource is the trigger
  const principal = r.literal(props.Principal) ?? display(r.str(props.Principal) ?? '');
  const adapter = TRIGGER_MODULES.map((m) => m.discover.cloudFormation.permission).find((p) => p?.principal === principal);
  const sourceArn = r.str(props.SourceArn);
  const base = cfnBase(j, logicalId, props);
  if (!adapter) {
    fn.triggers.push(unknownTrigger(base, principal || 'unknown', sourceArn === undefined ? {} : { sourceArn: toPlain(sourceArn) }));
    return;
  }
  if (fn.triggers.some((t) => adapter.covers(t))) return;
  const sourceId = referencedLogicalId(props.SourceArn, j.ctx.resources) ?? [...allReferencedLogicalIds(props.SourceArn, j.ctx.resources)][0];
  fn.triggers.push(adapter.build({ j, base, src: sourceArn ?? { symbol: 'unknown-source' }, sourceId, arnText: sourceArn === undefined ? '' : display(sourceArn) }));
}

export function joinCfnResources(ctx: TemplateContext, fns: Fns): void {
  const r = ctx.resolver;
  const byName = new Map<string, string>();
  for (const [id, fn] of fns) byName.set(fn.name, id);
  const j: JoinContext = { ctx, fns, byName };
  const joins = cfnJoins();
  const permissions: [string, Record<string, unknown>, LambdaFunction][] = [];
  for (const [logicalId, resource] of Object.entries(ctx.resources)) {
    const props = asRecord(resource.Properties);
    switch (resource.Type) {
      case 'AWS::Lambda::EventSourceMapping': {
        const fn = targetFunction(j, props.FunctionName);
        if (fn) fn.triggers.push(eventSourceMapping(j, logicalId, props));
        break;
      }
      case 'AWS::Lambda::Permission': {
        const fn = targetFunction(j, props.FunctionName);
        if (fn) permissions.push([logicalId, props, fn]);
        break;
      }
      case 'AWS::Lambda::EventInvokeConfig': {
        const fn = targetFunction(j, props.FunctionName);
        if (fn) applyAsyncConfig(ctx, fn, props);
        break;
      }
      case 'AWS::Lambda::Alias': {
        const fn = targetFunction(j, props.FunctionName);
        if (!fn) break;
        const alias: LambdaFunction['aliases'][number] = { name: r.literal(props.Name) ?? logicalId };
        const version = r.str(props.FunctionVersion);
        if (version !== undefined) alias.functionVersion = display(version);
        const weights = asArray(asRecord(props.RoutingConfig).AdditionalVersionWeights);
        if (weights.length > 0) {
          alias.additionalVersionWeights = {};
          for (const w of weights) {
            const v = display(r.str(asRecord(w).FunctionVersion) ?? '?');
            alias.additionalVersionWeights[v] = r.num(asRecord(w).FunctionWeight) ?? 0;
          }
        }
        fn.aliases.push(alias);
        const pc = r.num(asRecord(props.ProvisionedConcurrencyConfig).ProvisionedConcurrentExecutions);
        if (pc !== undefined) fn.provisionedConcurrency = pc;
        break;
      }
      case 'AWS::Lambda::Version': {
        const fn = targetFunction(j, props.FunctionName);
        if (fn) fn.versions = [...(fn.versions ?? []), logicalId];
        const pc = r.num(asRecord(props.ProvisionedConcurrencyConfig).ProvisionedConcurrentExecutions);
        if (fn && pc !== undefined) fn.provisionedConcurrency = pc;
        break;
      }
      case 'AWS::Logs::LogGroup': {
        // `/aws/lambda/<function>` log groups carry the retention the function's logs really have.
        const lit = r.literal(props.LogGroupName);
        const byRef = referencedLogicalId(props.LogGroupName, ctx.resources);
        const fn = byRef ? fns.get(byRef) : lit?.startsWith('/aws/lambda/') ? targetFunction(j, lit.slice('/aws/lambda/'.length)) : undefined;
        if (!fn) break;
        const days = r.num(props.RetentionInDays);
        fn.logging = { ...(fn.logging ?? {}), logGroup: fn.logging?.logGroup ?? display(r.str(props.LogGroupName) ?? ''), retentionKnown: true, ...(days !== undefined ? { retentionInDays: days } : {}) };
        break;
      }
      case 'AWS::ApiGateway::RestApi':
        ctx.out.apis.push({ id: functionId(ctx, logicalId), name: r.literal(props.Name) ?? logicalId, kind: 'rest', source: locate(ctx, ctx.resources, logicalId, logicalId) });
        collectOpenApiTriggers(ctx, logicalId, props.Body, 'api-gateway-rest', fns);
        break;
      case 'AWS::ApiGatewayV2::Api': {
        const websocket = r.literal(props.ProtocolType) === 'WEBSOCKET';
        ctx.out.apis.push({ id: functionId(ctx, logicalId), name: r.literal(props.Name) ?? logicalId, kind: websocket ? 'websocket' : 'http', source: locate(ctx, ctx.resources, logicalId, logicalId) });
        if (!websocket) collectOpenApiTriggers(ctx, logicalId, props.Body, 'api-gateway-http', fns);
        const quick = targetFunction(j, props.Target);
        if (quick && !websocket) quick.triggers.push({ ...cfnBase(j, logicalId, props), kind: 'api-gateway-http', api: { symbol: `Ref:${logicalId}` }, path: '$default', method: 'ANY', payloadFormatVersion: '2.0' });
        break;
      }
      default:
        if (typeof resource.Type === 'string') joins.get(resource.Type)?.(j, logicalId, props);
        break;
    }
  }
  for (const [logicalId, props, fn] of permissions) permission(j, logicalId, props, fn);
  // Stage names of REST APIs, for triggers that know their API.
  for (const [logicalId, resource] of Object.entries(ctx.resources)) {
    if (resource.Type !== 'AWS::ApiGateway::Stage' && resource.Type !== 'AWS::ApiGatewayV2::Stage') continue;
    const props = asRecord(resource.Properties);
    const apiId = referencedLogicalId(props.RestApiId ?? props.ApiId, ctx.resources);
    const api = ctx.out.apis.find((a) => a.id === functionId(ctx, apiId ?? ''));
    const name = r.literal(props.StageName) ?? logicalId;
    if (api) api.stages = [...(api.stages ?? []), name].sort();
    for (const fn of fns.values()) {
      for (const t of fn.triggers) if (t.kind === 'api-gateway-rest' && typeof t.api === 'object' && t.api.symbol === `Ref:${apiId}` && !t.stage) t.stage = name;
    }
  }
}

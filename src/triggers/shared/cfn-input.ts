// What a CloudFormation join receives: triggers CloudFormation defines on other resources than the function
// (subscriptions, rules, notifications, event source mappings, permissions), joined back to their function by
// logical id (Ref/GetAtt/Sub) or by literal name/ARN.

import type { LambdaFunction, Resolvable, SourceLocation, Trigger } from '../../model/inventory.js';
import { locate, referencedLogicalId, type TemplateContext } from '../../discover/templates/context.js';
import type { EsmSettings } from './event-source-mapping.js';

/** A function API Gateway calls to authorize requests: not a route, but the plan must see it. */
export const API_AUTHORIZER = 'api-gateway-authorizer';

export interface JoinContext {
  ctx: TemplateContext;
  fns: Map<string, LambdaFunction>;
  /** Literal function name → logical id. */
  byName: Map<string, string>;
}

/** Adds the triggers one resource of a given type defines. */
export type CfnJoin = (j: JoinContext, logicalId: string, props: Record<string, unknown>) => void;

/** An AWS::Lambda::EventSourceMapping adapter: which sources it reads, and the trigger it makes of them. */
export interface EsmTemplateAdapter {
  /** Resource types of the source (`AWS::SQS::Queue`) when EventSourceArn points into the template. */
  resourceTypes: readonly string[];
  /** The ARN text of a source outside the template (`/:sqs:/`). */
  arn: RegExp;
  /** Claims a mapping whatever its source (self-managed Kafka has no EventSourceArn). */
  claims?(props: Record<string, unknown>): boolean;
  build(j: JoinContext, base: CfnBase, props: Record<string, unknown>, s: EsmSettings): Trigger;
}

/** A Permission whose principal is this kind's service. */
export interface CfnPermission {
  principal: string;
  /** A trigger already on the function that describes the same source (the permission then adds nothing). */
  covers(t: Trigger): boolean;
  build(p: { j: JoinContext; base: CfnBase; src: Resolvable; sourceId?: string; arnText: string }): Trigger;
}

export type CfnBase = { id: string; source: SourceLocation; enabled?: boolean };

/** The function a raw FunctionName/Arn/Endpoint value designates, following Aliases and Versions. */
export function targetFunction(j: JoinContext, raw: unknown, depth = 0): LambdaFunction | undefined {
  const lookup = (n: string) => j.byName.get(n) ?? (j.fns.has(n) ? n : undefined);
  let id = referencedLogicalId(raw, j.ctx.resources, lookup);
  if (!id) {
    const lit = j.ctx.resolver.literal(raw);
    if (lit) id = referencedLogicalId(lit, j.ctx.resources, lookup);
  }
  if (!id) return undefined;
  if (j.fns.has(id)) return j.fns.get(id);
  const type = j.ctx.resolver.resourceType(id);
  if ((type === 'AWS::Lambda::Alias' || type === 'AWS::Lambda::Version') && depth < 3) {
    return targetFunction(j, j.ctx.resolver.resourceProperties(id).FunctionName, depth + 1);
  }
  return undefined;
}

/** Id, position and enabled state of a trigger defined by a resource. */
export function cfnBase(j: JoinContext, logicalId: string, props: Record<string, unknown>): CfnBase {
  const t: CfnBase = { id: logicalId, source: locate(j.ctx, j.ctx.resources, logicalId, logicalId) };
  const enabled = j.ctx.resolver.bool(props.Enabled);
  if (enabled === false || j.ctx.resolver.literal(props.State) === 'DISABLED') t.enabled = false;
  return t;
}

export const cfnStrings = (j: JoinContext, v: unknown) => j.ctx.resolver.list(v).map((x) => (typeof x === 'string' ? x : `{${x.symbol}}`));

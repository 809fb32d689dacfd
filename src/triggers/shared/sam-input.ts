// What a SAM `Events` adapter receives, and the readers every adapter shares (enabled state, authorizers, API refs).

import type { AuthorizerInfo, Resolvable, SourceLocation } from '../../model/inventory.js';
import { asRecord, locate, type TemplateContext } from '../../discover/templates/context.js';

export interface SamEventInput {
  ctx: TemplateContext;
  fnLogicalId: string;
  eventName: string;
  props: Record<string, unknown>;
  /** The event's own mapping (for positions). */
  event: Record<string, unknown>;
  /** The function's Events mapping (for the event key position). */
  events: Record<string, unknown>;
}

export const samStr = (e: SamEventInput, v: unknown) => e.ctx.resolver.str(v);
export const samNum = (e: SamEventInput, v: unknown) => e.ctx.resolver.num(v);
export const samLit = (e: SamEventInput, v: unknown) => e.ctx.resolver.literal(v);
export const samStrings = (e: SamEventInput, v: unknown) => e.ctx.resolver.list(v).map((x) => (typeof x === 'string' ? x : `{${x.symbol}}`));

/** Id, position and enabled state every trigger from a SAM event has. */
export function samBase(e: SamEventInput): { id: string; source: SourceLocation; enabled?: boolean } {
  const t: { id: string; source: SourceLocation; enabled?: boolean } = { id: e.eventName, source: locate(e.ctx, e.events, e.eventName, e.fnLogicalId) };
  const enabled = e.ctx.resolver.bool(e.props.Enabled);
  const state = samLit(e, e.props.State);
  if (enabled === false || state === 'DISABLED') t.enabled = false;
  return t;
}

/** The authorizer of an Api/HttpApi event: the event's Auth, else the API resource's default (or Globals). */
export function samAuthorizer(e: SamEventInput, apiLogicalId: string | undefined, http: boolean): { auth?: AuthorizerInfo; apiKeyRequired?: boolean } {
  const eventAuth = asRecord(e.props.Auth);
  const apiProps = apiLogicalId ? e.ctx.resolver.resourceProperties(apiLogicalId) : {};
  const globalsApi = asRecord(asRecord(e.ctx.body.Globals)[http ? 'HttpApi' : 'Api']);
  const apiAuth = { ...asRecord(globalsApi.Auth), ...asRecord(apiProps.Auth) };
  const name = samLit(e, eventAuth.Authorizer) ?? samLit(e, apiAuth.DefaultAuthorizer);
  const apiKeyRequired = e.ctx.resolver.bool(eventAuth.ApiKeyRequired) ?? e.ctx.resolver.bool(apiAuth.ApiKeyRequired);
  const out: { auth?: AuthorizerInfo; apiKeyRequired?: boolean } = {};
  if (apiKeyRequired) out.apiKeyRequired = true;
  if (!name || name === 'NONE') return out;
  if (name === 'AWS_IAM') return { ...out, auth: { type: 'AWS_IAM' } };
  const def = asRecord(asRecord(apiAuth.Authorizers)[name]);
  if (def.UserPoolArn !== undefined) return { ...out, auth: { type: 'COGNITO_USER_POOLS', name, ref: samStr(e, def.UserPoolArn) } };
  if (def.JwtConfiguration !== undefined) {
    const issuer = samStr(e, asRecord(def.JwtConfiguration).issuer);
    return { ...out, auth: { type: 'JWT', name, ...(issuer !== undefined ? { ref: issuer } : {}) } };
  }
  if (def.FunctionArn !== undefined) {
    const payload = samLit(e, def.FunctionPayloadType);
    return { ...out, auth: { type: http ? 'CUSTOM' : payload === 'REQUEST' ? 'REQUEST' : 'TOKEN', name, ref: samStr(e, def.FunctionArn) } };
  }
  return { ...out, auth: { type: 'CUSTOM', name } };
}

/** The API an Api/HttpApi event belongs to: its `RestApiId`/`ApiId`, else SAM's implicit API. */
export function samApiRef(e: SamEventInput, key: string, implicit: string): { api: Resolvable; logicalId?: string } {
  const raw = e.props[key];
  if (raw === undefined) return { api: { symbol: `Ref:${implicit}` }, logicalId: undefined };
  const id = typeof asRecord(raw).Ref === 'string' ? (asRecord(raw).Ref as string) : undefined;
  return { api: samStr(e, raw) ?? { symbol: `Ref:${implicit}` }, logicalId: id && id in e.ctx.resources ? id : undefined };
}

export const normalizeMethod = (m: string | undefined) => (m === undefined ? 'ANY' : m.toLowerCase() === 'any' ? 'ANY' : m.toUpperCase());

/** How an EventBridge/Scheduler target shapes its input (`Input`, `InputPath`, `InputTransformer`). */
export function inputKind(props: Record<string, unknown>): 'constant' | 'path' | 'transformer' | undefined {
  if (props.Input !== undefined) return 'constant';
  if (props.InputPath !== undefined) return 'path';
  if (props.InputTransformer !== undefined) return 'transformer';
  return undefined;
}

// What a Serverless `events` adapter receives, and the value readers every adapter shares.

import type { AuthorizerInfo, Resolvable, SourceLocation } from '../../model/inventory.js';
import { asArray, asRecord, intrinsicKey, type TemplateContext } from '../../discover/templates/context.js';
import { display, Symbolic } from '../../discover/templates/symbolic.js';

export interface ServerlessEventInput {
  ctx: TemplateContext;
  /** The Serverless function key. */
  key: string;
  /** The function's raw (unresolved) mapping, for positions. */
  raw: Record<string, unknown>;
  provider: Record<string, unknown>;
  stage: string;
  /** The event key (`sqs`, `stream`, ...) and its value as written (a string, a variable or a mapping). */
  type: string;
  spec: unknown;
  /** The value as a mapping (empty for a string). */
  o: Record<string, unknown>;
  /** Id, position and enabled state. */
  base: { id: string; source: SourceLocation; enabled?: boolean };
}

/** A resolved Serverless value: a literal stays, a Symbolic or intrinsic becomes a symbol. */
export function slsVal(ctx: TemplateContext, v: unknown): Resolvable | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Symbolic) return { symbol: v.symbol };
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (intrinsicKey(v)) return ctx.resolver.str(v);
  return { symbol: `Value:${display(v)}` };
}
export const slsLit = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
/** A string, or the text of a value holding an unresolved variable (kept as written, never dropped). */
const slsText = (v: unknown): string | undefined => (v instanceof Symbolic ? v.symbol : slsLit(v));
/** An http path holding a variable that cannot be resolved offline is kept as written, with a warning. */
/**
 * The method and path of a Serverless `http`/`httpApi` event: from its `'METHOD /path'` shorthand (`'*'`: any method,
 * any path) or its `method:`/`path:` keys. A path holding a variable that cannot be resolved offline is kept as
 * written, with a warning.
 */
export function slsRoute(e: ServerlessEventInput): { method: string; path: string | undefined } {
  const text = slsText(e.spec);
  const [m, p] = text === '*' ? ['ANY', undefined] : text ? text.split(/\s+/, 2) : [slsLit(e.o.method), slsText(e.o.path)];
  if (p !== undefined && p.includes('${')) {
    e.ctx.out.warnings.push({ code: 'serverless.unresolved-path', message: `http path ${p} holds a variable that cannot be resolved offline; the route is kept as written`, source: e.base.source, subject: `${e.ctx.file}#${e.key}` });
  }
  const method = (m ?? 'ANY').toUpperCase();
  return { method: method === '*' ? 'ANY' : method, path: p };
}
export const slsNum = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
export const slsNames = (ctx: TemplateContext, v: unknown) => asArray(v).map((x) => display(slsVal(ctx, x) ?? ''));
/** The event is the ARN itself (a string, variable or intrinsic) rather than a mapping. */
export const slsIsRef = (spec: unknown) => typeof spec === 'string' || spec instanceof Symbolic || Boolean(intrinsicKey(spec));

export function slsAuthorizer(ctx: TemplateContext, a: unknown): AuthorizerInfo | undefined {
  if (a === undefined) return undefined;
  if (typeof a === 'string') return a === 'aws_iam' ? { type: 'AWS_IAM' } : { type: a.startsWith('arn:') && a.includes(':cognito-idp:') ? 'COGNITO_USER_POOLS' : 'CUSTOM', name: a.split(':').pop() ?? a, ref: a };
  const o = asRecord(a);
  const type = slsLit(o.type)?.toUpperCase();
  const info: AuthorizerInfo = { type: type === 'COGNITO_USER_POOLS' || type === 'AWS_IAM' || type === 'REQUEST' || type === 'TOKEN' || type === 'JWT' ? type : o.arn !== undefined && display(slsVal(ctx, o.arn)).includes('cognito-idp') ? 'COGNITO_USER_POOLS' : 'CUSTOM' };
  const name = slsLit(o.name) ?? slsLit(o.id);
  if (name) info.name = name;
  const ref = slsVal(ctx, o.arn ?? o.issuerUrl ?? o.authorizerId);
  if (ref !== undefined) info.ref = ref;
  return info;
}

/** EventBridge input shaping in Serverless (`input`, `inputPath`, `inputTransformer`). */
export function slsInputKind(o: Record<string, unknown>): 'constant' | 'path' | 'transformer' | undefined {
  if (o.input !== undefined) return 'constant';
  if (o.inputPath !== undefined) return 'path';
  if (o.inputTransformer !== undefined) return 'transformer';
  return undefined;
}

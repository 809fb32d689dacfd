// What every template parser shares: the parsed body with positions, the intrinsic resolver, the discovery root,
// and the sink for warnings, roles, layers and APIs found along the way.

import path from 'node:path';
import type { ApiInfo, DataResourceInfo, Layer, LambdaFunction, Role, SourceLocation, Warning } from '../../model/inventory.js';
import type { ClassifyOptions } from '../environment.js';
import { type IntrinsicResolver } from './intrinsics.js';
import { Symbolic } from './symbolic.js';
import type { Positions } from './parse-template.js';

/** Everything discovered so far across all templates. */
export interface Collected {
  functions: LambdaFunction[];
  roles: Role[];
  layers: Layer[];
  apis: ApiInfo[];
  warnings: Warning[];
  stacks: { name: string; templateAvailable?: boolean; file?: string }[];
  dataResources: DataResourceInfo[];
}

export interface TemplateContext {
  /** Template path relative to the discovery root (posix). */
  file: string;
  /** Absolute directory of the template. */
  dir: string;
  /** Absolute discovery root. */
  root: string;
  positions: Positions;
  resolver: IntrinsicResolver;
  /** The template's top-level mapping. */
  body: Record<string, unknown>;
  resources: Record<string, Record<string, unknown>>;
  env: ClassifyOptions;
  out: Collected;
}

export const asRecord = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Symbolic) ? (v as Record<string, unknown>) : {};

export const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** Location of `key` inside the mapping `obj` of this template (or of `obj` itself). */
export function locate(ctx: TemplateContext, obj: unknown, key?: string, logicalId?: string): SourceLocation {
  const pos = key === undefined ? ctx.positions.of(obj) : ctx.positions.key(obj, key);
  const loc: SourceLocation = { file: ctx.file };
  if (pos) {
    loc.line = pos.line;
    loc.column = pos.column;
  }
  if (logicalId !== undefined) loc.logicalId = logicalId;
  return loc;
}

export function warn(ctx: TemplateContext, code: string, message: string, where?: { obj?: unknown; key?: string; subject?: string; logicalId?: string }): void {
  const w: Warning = { code, message, source: locate(ctx, where?.obj ?? ctx.body, where?.key, where?.logicalId) };
  if (where?.subject) w.subject = where.subject;
  ctx.out.warnings.push(w);
}

/** The function id of a template function: `<template file>#<logical id or function key>`. */
export const functionId = (ctx: TemplateContext, logicalId: string) => `${ctx.file}#${logicalId}`;

/** Absolute path → posix path relative to the discovery root. */
export const relToRoot = (ctx: TemplateContext, abs: string) => path.relative(ctx.root, abs).split(path.sep).join('/') || '.';

/**
 * The logical id a raw (unresolved) value points at: `Ref X`, `GetAtt X.Arn`, `Sub ${X.Arn}` / `${X}`,
 * or, for literals, whatever `byName` finds for a name or an ARN's function name.
 */
export function referencedLogicalId(raw: unknown, resources: Record<string, unknown>, byName?: (name: string) => string | undefined): string | undefined {
  if (typeof raw === 'string') {
    if (!byName) return undefined;
    const arn = /^arn:[^:]*:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(raw);
    return byName(arn ? arn[1]! : raw);
  }
  const r = asRecord(raw);
  if (typeof r.Ref === 'string') return r.Ref in resources ? r.Ref : undefined;
  const ga = r['Fn::GetAtt'];
  if (ga !== undefined) {
    const id: unknown = Array.isArray(ga) ? ga[0] : typeof ga === 'string' ? ga.split('.')[0] : undefined;
    return typeof id === 'string' && id in resources ? id : undefined;
  }
  const sub = r['Fn::Sub'];
  if (sub !== undefined) {
    const text: unknown = Array.isArray(sub) ? sub[0] : sub;
    if (typeof text !== 'string') return undefined;
    for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g)) if (m[1]! in resources) return m[1];
    if (Array.isArray(sub)) {
      for (const v of Object.values(asRecord(sub[1]))) {
        const id = referencedLogicalId(v, resources);
        if (id) return id;
      }
    }
    return undefined;
  }
  const join = r['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) {
    for (const part of join[1]) {
      const id = referencedLogicalId(part, resources);
      if (id) return id;
    }
  }
  return undefined;
}

/** Every logical id a raw value mentions (for resource-to-function joins through Sub/Join). */
export function allReferencedLogicalIds(raw: unknown, resources: Record<string, unknown>, out = new Set<string>()): Set<string> {
  if (Array.isArray(raw)) {
    for (const x of raw) allReferencedLogicalIds(x, resources, out);
    return out;
  }
  if (typeof raw === 'string') {
    for (const m of raw.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g)) if (m[1]! in resources) out.add(m[1]!);
    return out;
  }
  const r = asRecord(raw);
  if (typeof r.Ref === 'string' && r.Ref in resources) out.add(r.Ref);
  const ga = r['Fn::GetAtt'];
  if (ga !== undefined) {
    const id: unknown = Array.isArray(ga) ? ga[0] : typeof ga === 'string' ? ga.split('.')[0] : undefined;
    if (typeof id === 'string' && id in resources) out.add(id);
  }
  for (const [k, v] of Object.entries(r)) if (k !== 'Ref' && k !== 'Fn::GetAtt') allReferencedLogicalIds(v, resources, out);
  return out;
}
export { intrinsicName as intrinsicKey } from './symbolic.js';

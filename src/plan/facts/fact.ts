// A rule fact: one attribute a rule condition can test or a message can print, on one kind of subject.
// Facts are declared next to the rules that use them (one file per design area, mirroring rules/<area>.yaml; the
// subject's own inventory fields in inventory.ts) and registered in one typed table (index.ts). The table drives
// the subject views, the rule JSON Schema (which `attr` names each subject has, which operators and values each
// type takes) and the generated fact list in docs/rule-language.md.

import type { Inventory, LambdaFunction, Role, Trigger } from '../../model/inventory.js';
import type { DataResource, FunctionApp, PlannedFunction, SubjectKind } from '../../model/plan.js';
import type { RoleAnalysis } from '../identity.js';
import type { CodeFacts } from '../sdk-scan.js';

/**
 * `object`: an inventory structure; `attr: <name>.<path>` reads inside it (its fields are the inventory schema's).
 * `list`: a list of structures (tested for emptiness and length only).
 */
export type FactType = 'string' | 'number' | 'boolean' | 'string[]' | 'list' | 'object';

/** What a subject's facts are computed from. */
export interface SubjectContexts {
  function: { fn: LambdaFunction; planned: PlannedFunction; code: CodeFacts | undefined; dataPlane?: DataResource[] };
  trigger: { t: Trigger; fn: LambdaFunction; azureTypes: string[] };
  role: { role: Role; analysis: RoleAnalysis; functionNames: string[] };
  app: { app: FunctionApp; envCollisions: string[]; timeouts: number[] };
  estate: { inv: Inventory; apps: FunctionApp[] };
}

export interface Fact<S extends SubjectKind = SubjectKind> {
  name: string;
  type: FactType;
  doc: string;
  compute: (c: SubjectContexts[S]) => unknown;
}

/** Facts grouped by subject; each area file exports one. */
export type FactTable = { [S in SubjectKind]?: Fact<S>[] };

/** Operators each fact type accepts (`exists`/`not_exists` apply to every type). */
export const OPS_BY_TYPE: Record<FactType, readonly string[]> = {
  boolean: ['equals', 'not_equals', 'is_true', 'is_not_true'],
  number: ['equals', 'not_equals', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte'],
  string: ['equals', 'not_equals', 'in', 'not_in', 'matches', 'not_matches', 'contains', 'not_contains', 'empty', 'not_empty', 'length_gt'],
  'string[]': ['contains', 'not_contains', 'contains_any', 'any_matches', 'empty', 'not_empty', 'length_gt'],
  list: ['empty', 'not_empty', 'length_gt'],
  object: ['empty', 'not_empty'],
};
export const COMMON_OPS = ['exists', 'not_exists'] as const;

/** A field of the subject's inventory record, read as is. */
export function field<S extends 'function' | 'trigger' | 'role' | 'app'>(subject: S, name: string, type: FactType, doc: string): Fact<S> {
  const read = {
    function: (c: SubjectContexts['function']) => (c.fn as unknown as Record<string, unknown>)[name],
    trigger: (c: SubjectContexts['trigger']) => (c.t as unknown as Record<string, unknown>)[name],
    role: (c: SubjectContexts['role']) => (c.role as unknown as Record<string, unknown>)[name],
    app: (c: SubjectContexts['app']) => (c.app as unknown as Record<string, unknown>)[name],
  }[subject] as Fact<S>['compute'];
  return { name, type, doc, compute: read };
}

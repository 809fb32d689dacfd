// The rule condition language: `all` / `any` / `not` over attribute tests, one small evaluator per operator
// (checkov's YAML policy style). Data only: nothing in a rule file is ever executed.

import { fillTemplate } from '../../model/findings.js';
import { compileSafeRegex, type SafeRegex } from './safe-regex.js';

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { attr: string; op: Operator; value?: unknown };

type Evaluator = (actual: unknown, expected: unknown) => boolean;

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const isEmpty = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
/** Rule regexes run on a linear-time engine (safe-regex.ts); load-rules has already rejected bad patterns. */
const regex = (pattern: unknown): SafeRegex => compileSafeRegex(String(pattern));

/** One evaluator per operator; adding an operator touches this table and rule.schema.json. */
export const OPERATORS = {
  equals: (a, e) => a === e,
  not_equals: (a, e) => a !== e,
  in: (a, e) => Array.isArray(e) && e.includes(a),
  not_in: (a, e) => Array.isArray(e) && !e.includes(a),
  gt: (a, e) => num(a) !== undefined && num(a)! > (e as number),
  gte: (a, e) => num(a) !== undefined && num(a)! >= (e as number),
  lt: (a, e) => num(a) !== undefined && num(a)! < (e as number),
  lte: (a, e) => num(a) !== undefined && num(a)! <= (e as number),
  exists: (a) => a !== undefined && a !== null,
  not_exists: (a) => a === undefined || a === null,
  is_true: (a) => a === true,
  is_not_true: (a) => a !== true,
  empty: (a) => isEmpty(a),
  not_empty: (a) => !isEmpty(a),
  contains: (a, e) => (Array.isArray(a) ? a.includes(e) : typeof a === 'string' && a.includes(String(e))),
  not_contains: (a, e) => !(Array.isArray(a) ? a.includes(e) : typeof a === 'string' && a.includes(String(e))),
  contains_any: (a, e) => Array.isArray(a) && Array.isArray(e) && e.some((x) => a.includes(x)),
  matches: (a, e) => typeof a === 'string' && regex(e).test(a),
  not_matches: (a, e) => typeof a !== 'string' || !regex(e).test(a),
  any_matches: (a, e) => Array.isArray(a) && a.some((x) => typeof x === 'string' && regex(e).test(x)),
  length_gt: (a, e) => (Array.isArray(a) || typeof a === 'string' ? a.length > (e as number) : false),
} satisfies Record<string, Evaluator>;

export type Operator = keyof typeof OPERATORS;
export const OPERATOR_NAMES = Object.keys(OPERATORS) as Operator[];

/** Read a dotted path (`trigger.kind`, `tags.owner`) from a subject view. */
const pathCache = new Map<string, string[]>();
export function readPath(subject: unknown, path: string): unknown {
  let keys = pathCache.get(path);
  if (!keys) {
    keys = path.split('.');
    pathCache.set(path, keys);
  }
  let cur: unknown = subject;
  for (const key of keys) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Compile a condition once into a predicate: paths pre-split, operators pre-resolved. */
export function compileCondition(cond: Condition): (subject: unknown) => boolean {
  // Plain loops: `every`/`some` with an arrow would allocate a closure per subject and condition.
  if ('all' in cond) {
    const parts = cond.all.map(compileCondition);
    return (v) => {
      for (const p of parts) if (!p(v)) return false;
      return true;
    };
  }
  if ('any' in cond) {
    const parts = cond.any.map(compileCondition);
    return (v) => {
      for (const p of parts) if (p(v)) return true;
      return false;
    };
  }
  if ('not' in cond) {
    const inner = compileCondition(cond.not);
    return (v) => !inner(v);
  }
  const keys = cond.attr.split('.');
  const op: Evaluator = OPERATORS[cond.op];
  const expected = cond.value;
  if (keys.length === 1) {
    const key = keys[0]!;
    return (v) => op(v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined, expected);
  }
  return (v) => op(readPath(v, cond.attr), expected);
}

export function evaluateCondition(cond: Condition, subject: unknown): boolean {
  if ('all' in cond) return cond.all.every((c) => evaluateCondition(c, subject));
  if ('any' in cond) return cond.any.some((c) => evaluateCondition(c, subject));
  if ('not' in cond) return !evaluateCondition(cond.not, subject);
  return OPERATORS[cond.op](readPath(subject, cond.attr), cond.value);
}

/** A placeholder's text from the subject view (arrays comma-separated), or undefined when the view has no value. */
export function placeholderText(subject: unknown, path: string): string | undefined {
  const v = readPath(subject, path);
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v.toString();
  return JSON.stringify(v);
}

/** Fill `{path}` placeholders from the subject view; arrays print comma-separated. */
export function fillPlaceholders(template: string, subject: unknown): string {
  return fillTemplate(template, (path) => placeholderText(subject, path));
}

// Findings reference their rule by id and index into the plan's rules table (as SARIF results do), so a rule's
// title, texts and link are written once however many findings it has. Readers work on resolved findings: the
// finding with its rule's fields and its texts filled in, the shape plan.md, SARIF, the runbook and CI show.

import type { DesignArea, Finding, FindingSubject, PlanRule, Severity } from './plan.js';
import type { SourceLocation } from './inventory.js';
import { inKeyOrder } from '../util/json-layout.js';
import { compareStrings } from '../util/json.js';

/** A finding with its rule's fields and its texts filled in. */
export interface ResolvedFinding {
  ruleId: string;
  area: DesignArea;
  severity: Severity;
  confidence: 'documented' | 'inferred';
  title: string;
  subject: FindingSubject;
  message: string;
  recommendation: string;
  day0?: string;
  docs: string;
  location?: SourceLocation;
  baselineState?: 'new' | 'unchanged';
}

/** A finding before indexing: its rule by id, its subject in full. */
export type UnindexedFinding = Omit<Finding, 'ruleIndex' | 'subjectIndex'> & { subject: FindingSubject };

/** What findings index into: the rules and subjects tables of a plan (or a preflight/verify report). */
export interface FindingTables {
  rules: PlanRule[];
  subjects: FindingSubject[];
}

const PLACEHOLDER = /\{([a-zA-Z0-9_.]+)\}/g;

/** The `{path}` placeholders of a rule text, in order. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** A template split at its placeholders: text, path, text, …, text (odd indexes are paths). */
const parsedTemplates = new Map<string, string[]>();

function parseTemplate(template: string): string[] {
  let parts = parsedTemplates.get(template);
  if (parts === undefined) {
    parts = [];
    let at = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      parts.push(template.slice(at, m.index), m[1]!);
      at = m.index + m[0].length;
    }
    parts.push(template.slice(at));
    // Rule texts are few and reused for every finding; an unbounded stream of templates is not cached.
    if (parsedTemplates.size < 4096) parsedTemplates.set(template, parts);
  }
  return parts;
}

/** Fill `{path}` placeholders with `value(path)`; a placeholder without a value stays as written. */
export function fillTemplate(template: string, value: (path: string) => string | undefined): string {
  if (!template.includes('{')) return template;
  const parts = parseTemplate(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += `${value(parts[i]!) ?? `{${parts[i]!}}`}${parts[i + 1]!}`;
  return out;
}

/** Every field of a Finding is copied by `indexFindings`: a field added to the contract fails to compile here until it is. */
const _INDEXED_FIELDS: Record<keyof Finding, true> = { arguments: true, baselineState: true, location: true, message: true, ruleId: true, ruleIndex: true, severity: true, subjectIndex: true };

const subjectKey = (s: FindingSubject) => `${s.id}\u0000${s.kind}`;

/**
 * Rules and subjects tables for lists of findings, and the lists indexed into them: rules sorted by id (the first
 * definition of an id wins, so pass the current rules before older ones), subjects sorted by id and kind.
 */
export function indexFindings(rules: Iterable<PlanRule>, lists: readonly (readonly UnindexedFinding[])[]): FindingTables & { lists: Finding[][] } {
  const byId = new Map<string, PlanRule>();
  for (const r of rules) if (!byId.has(r.id)) byId.set(r.id, r);
  const sortedRules = [...byId.values()].sort((a, b) => compareStrings(a.id, b.id));
  const ruleAt = new Map(sortedRules.map((r, i) => [r.id, i]));
  // Findings on one subject usually share its object: key each object once.
  const keyOfObject = new Map<FindingSubject, string>();
  const keyOf = (s: FindingSubject) => {
    let k = keyOfObject.get(s);
    if (k === undefined) keyOfObject.set(s, (k = subjectKey(s)));
    return k;
  };
  const subjectsByKey = new Map<string, FindingSubject>();
  for (const list of lists) for (const f of list) if (!subjectsByKey.has(keyOf(f.subject))) subjectsByKey.set(keyOf(f.subject), f.subject);
  const keys = [...subjectsByKey.keys()].sort(); // UTF-16 code unit order, as compareStrings
  const subjectAt = new Map(keys.map((k, i) => [k, i]));
  const index = (f: UnindexedFinding): Finding => {
    const ruleIndex = ruleAt.get(f.ruleId);
    if (ruleIndex === undefined) throw new Error(`internal: finding of rule ${f.ruleId} is not in the rules table`);
    // Built field by field in sorted key order (its arguments and location too): one object shape for every finding,
    // which plan.json's writer passes to JSON.stringify as it is (src/util/json-layout.ts layoutChunks).
    const out = {} as Finding;
    if (f.arguments !== undefined) out.arguments = inKeyOrder(f.arguments);
    if (f.baselineState !== undefined) out.baselineState = f.baselineState;
    if (f.location !== undefined) out.location = inKeyOrder(f.location);
    if (f.message !== undefined) out.message = f.message;
    out.ruleId = f.ruleId;
    out.ruleIndex = ruleIndex;
    if (f.severity !== undefined) out.severity = f.severity;
    out.subjectIndex = subjectAt.get(keyOf(f.subject))!;
    return out;
  };
  return { rules: sortedRules, subjects: keys.map((k) => inKeyOrder(subjectsByKey.get(k)!)), lists: lists.map((l) => l.map(index)) };
}

/** An indexed finding with its subject back in place (to re-index it with other findings). */
export function unindexFinding(tables: FindingTables, f: Finding): UnindexedFinding {
  const { ruleIndex: _r, subjectIndex, ...rest } = f;
  return { ...rest, subject: tables.subjects[subjectIndex]! };
}

export function resolveFinding(tables: FindingTables, f: Finding): ResolvedFinding {
  const r = tables.rules[f.ruleIndex];
  const subject = tables.subjects[f.subjectIndex];
  if (!r || r.id !== f.ruleId || !subject) throw new Error(`internal: finding of ${f.ruleId} indexes no rule or subject`);
  const args = f.arguments;
  const fill = (t: string) => (args ? fillTemplate(t, (p) => args[p]) : t);
  const out: ResolvedFinding = {
    ruleId: f.ruleId,
    area: r.area,
    severity: f.severity ?? r.severity,
    confidence: r.confidence,
    title: r.title,
    subject,
    message: f.message ?? fill(r.message ?? ''),
    recommendation: fill(r.recommendation),
    docs: r.docs,
  };
  if (r.day0 !== undefined) out.day0 = fill(r.day0);
  if (f.location) out.location = f.location;
  if (f.baselineState) out.baselineState = f.baselineState;
  return out;
}

const resolved = new WeakMap<readonly Finding[], ResolvedFinding[]>();

/** The findings of a plan (or a preflight/verify report) resolved against its rules table; computed once per list. */
export function resolveFindings(doc: FindingTables & { findings: readonly Finding[] }): ResolvedFinding[] {
  let out = resolved.get(doc.findings);
  if (!out) {
    out = doc.findings.map((f) => resolveFinding(doc, f));
    resolved.set(doc.findings, out);
  }
  return out;
}

/**
 * Resolved findings back to a rules table and indexed findings: rule text from `catalogue` where it has the rule,
 * else from the rule's first finding, with a recommendation or Day-0 text that varies between findings kept per
 * finding (as `{recommendation}` / `{day0}` arguments). Used for plan v1 files and preflight/verify reports.
 */
export function compactFindings(findings: readonly ResolvedFinding[], catalogue: ReadonlyMap<string, PlanRule> = new Map()): { rules: PlanRule[]; findings: UnindexedFinding[] } {
  const groups = new Map<string, ResolvedFinding[]>();
  for (const f of findings) {
    const g = groups.get(f.ruleId);
    if (g) g.push(f);
    else groups.set(f.ruleId, [f]);
  }
  const rules: PlanRule[] = [];
  const varying = new Map<string, { recommendation: boolean; day0: boolean }>();
  for (const [id, fs] of groups) {
    const known = catalogue.get(id);
    const first = fs[0]!;
    const v = { recommendation: !known && fs.some((f) => f.recommendation !== first.recommendation), day0: !known && fs.some((f) => f.day0 !== first.day0) };
    varying.set(id, v);
    if (known) {
      rules.push(known);
      continue;
    }
    const rule: PlanRule = { id, area: first.area, severity: first.severity, confidence: first.confidence, title: first.title, recommendation: v.recommendation ? '{recommendation}' : first.recommendation, docs: first.docs };
    if (first.day0 !== undefined) rule.day0 = v.day0 ? '{day0}' : first.day0;
    rules.push(rule);
  }
  const severityOf = new Map(rules.map((r) => [r.id, r.severity]));
  const out = findings.map((f) => {
    const v = varying.get(f.ruleId)!;
    const c: UnindexedFinding = { ruleId: f.ruleId, subject: f.subject, message: f.message };
    if (f.severity !== severityOf.get(f.ruleId)) c.severity = f.severity;
    const args: Record<string, string> = {};
    if (v.recommendation) args.recommendation = f.recommendation;
    if (v.day0 && f.day0 !== undefined) args.day0 = f.day0;
    if (Object.keys(args).length > 0) c.arguments = args;
    if (f.location) c.location = f.location;
    if (f.baselineState) c.baselineState = f.baselineState;
    return c;
  });
  return { rules, findings: out };
}

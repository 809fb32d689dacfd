// Runs the rules of one subject kind over that kind's views and produces findings.

import type { SourceLocation } from '../../model/inventory.js';
import type { FindingSubject, SubjectKind } from '../../model/plan.js';
import type { UnindexedFinding } from '../../model/findings.js';
import { placeholders } from '../../model/findings.js';
import { compileCondition, placeholderText } from './condition.js';
import type { Rule } from './rule.js';

export interface Subject {
  subject: FindingSubject;
  view: Record<string, unknown>;
  location?: SourceLocation;
  codeLocation?: SourceLocation;
}

const compiledRules = new WeakMap<Rule, (subject: unknown) => boolean>();
function compiled(rule: Rule): (subject: unknown) => boolean {
  let c = compiledRules.get(rule);
  if (!c) {
    c = compileCondition(rule.condition);
    compiledRules.set(rule, c);
  }
  return c;
}

const rulePlaceholders = new WeakMap<Rule, string[]>();
function placeholdersOf(rule: Rule): string[] {
  let p = rulePlaceholders.get(rule);
  if (!p) {
    p = [...new Set([rule.message, rule.recommendation, rule.day0 ?? ''].flatMap(placeholders))].sort();
    rulePlaceholders.set(rule, p);
  }
  return p;
}

/** Findings carry only their subject, location and the values of their rule's placeholders; the rule holds the text. */
export function evaluateRules(rules: Rule[], kind: SubjectKind, subjects: Subject[]): { finding: UnindexedFinding; rule: Rule; subject: Subject }[] {
  const out: { finding: UnindexedFinding; rule: Rule; subject: Subject }[] = [];
  for (const rule of rules) {
    if (rule.subject !== kind) continue;
    const test = compiled(rule);
    const paths = placeholdersOf(rule);
    for (let i = 0; i < subjects.length; i++) {
      const s = subjects[i]!;
      if (!test(s.view)) continue;
      const location = rule.locateAt === 'code' ? (s.codeLocation ?? s.location) : s.location;
      const finding: UnindexedFinding = { ruleId: rule.id, subject: s.subject };
      let args: Record<string, string> | undefined;
      for (let j = 0; j < paths.length; j++) {
        const text = placeholderText(s.view, paths[j]!);
        if (text !== undefined) (args ??= {})[paths[j]!] = text;
      }
      if (args) finding.arguments = args;
      if (location && (location.file || location.logicalId)) finding.location = cleanLocation(location);
      out.push({ finding, rule, subject: s });
    }
  }
  return out;
}

const cleaned = new WeakMap<SourceLocation, SourceLocation>();
/** A location with only the fields a finding shows; one copy per location, shared by the findings of its subject. */
function cleanLocation(l: SourceLocation): SourceLocation {
  let out = cleaned.get(l);
  if (out) return out;
  out = {};
  cleaned.set(l, out);
  if (l.file) out.file = l.file;
  if (l.line !== undefined) out.line = l.line;
  if (l.column !== undefined) out.column = l.column;
  if (l.logicalId) out.logicalId = l.logicalId;
  return out;
}

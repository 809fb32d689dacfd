// Runs the rules of one subject kind over that kind's views and produces findings.

import type { SourceLocation } from '../../model/inventory.js';
import type { Finding, FindingSubject, SubjectKind } from '../../model/plan.js';
import { compileCondition, fillPlaceholders } from './condition.js';
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

export function evaluateRules(rules: Rule[], kind: SubjectKind, subjects: Subject[]): { finding: Finding; rule: Rule; subject: Subject }[] {
  const out: { finding: Finding; rule: Rule; subject: Subject }[] = [];
  for (const rule of rules) {
    if (rule.subject !== kind) continue;
    const test = compiled(rule);
    for (const s of subjects) {
      if (!test(s.view)) continue;
      const location = rule.locateAt === 'code' ? (s.codeLocation ?? s.location) : s.location;
      const finding: Finding = {
        ruleId: rule.id,
        area: rule.area,
        severity: rule.severity,
        confidence: rule.confidence,
        title: rule.title,
        subject: s.subject,
        message: fillPlaceholders(rule.message, s.view),
        recommendation: fillPlaceholders(rule.recommendation, s.view),
        docs: rule.docs,
      };
      if (rule.day0) finding.day0 = fillPlaceholders(rule.day0, s.view);
      if (location && (location.file || location.logicalId)) finding.location = cleanLocation(location);
      out.push({ finding, rule, subject: s });
    }
  }
  return out;
}

function cleanLocation(l: SourceLocation): SourceLocation {
  const out: SourceLocation = {};
  if (l.file) out.file = l.file;
  if (l.line !== undefined) out.line = l.line;
  if (l.column !== undefined) out.column = l.column;
  if (l.logicalId) out.logicalId = l.logicalId;
  return out;
}

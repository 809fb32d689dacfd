// Findings grouped by rule: what plan.md, the runbook and `plan --json` show instead of one row per finding.

import type { ResolvedFinding } from '../model/findings.js';

export interface RuleGroup {
  ruleId: string;
  /** The first finding of the rule: its severity, area, title, docs and recommendation stand for the group. */
  first: ResolvedFinding;
  findings: ResolvedFinding[];
  /** Subject names, unique and sorted. */
  subjects: string[];
}

/** Groups in the order their rules first appear. */
export function findingsByRule(findings: readonly ResolvedFinding[]): RuleGroup[] {
  const groups = new Map<string, ResolvedFinding[]>();
  for (const f of findings) {
    const g = groups.get(f.ruleId);
    if (g) g.push(f);
    else groups.set(f.ruleId, [f]);
  }
  // The default sort compares UTF-16 code units, as compareStrings does, without a callback per comparison.
  return [...groups].map(([ruleId, fs]) => ({ ruleId, first: fs[0]!, findings: fs, subjects: [...new Set(fs.map((f) => f.subject.name))].sort() }));
}

const PLURAL: Record<string, string> = { function: 'functions', trigger: 'triggers', role: 'roles', app: 'apps', estate: 'estates' };

/** What a group's subjects are, for "CAP-W006 on 812 functions": their kind when they share one. */
export function subjectNoun(g: RuleGroup): string {
  const kind = g.first.subject.kind;
  return g.findings.every((f) => f.subject.kind === kind) ? PLURAL[kind]! : 'subjects';
}

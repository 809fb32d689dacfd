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

interface Grouped {
  groups: RuleGroup[];
  /** Index in the list of each group's first finding. */
  firsts: number[];
}

/** The grouping of a whole list, made once: plan.md, its first screen and the CLI summary each show parts of it. */
const groupedLists = new WeakMap<readonly ResolvedFinding[], Grouped>();

function groupAll(findings: readonly ResolvedFinding[]): Grouped {
  let grouped = groupedLists.get(findings);
  if (grouped) return grouped;
  const byRule = new Map<string, { first: number; fs: ResolvedFinding[] }>();
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    const g = byRule.get(f.ruleId);
    if (g) g.fs.push(f);
    else byRule.set(f.ruleId, { first: i, fs: [f] });
  }
  grouped = { groups: [], firsts: [] };
  for (const [ruleId, { first, fs }] of byRule) {
    grouped.groups.push(group(ruleId, fs));
    grouped.firsts.push(first);
  }
  groupedLists.set(findings, grouped);
  return grouped;
}

// The default sort compares UTF-16 code units, as compareStrings does, without a callback per comparison.
const group = (ruleId: string, fs: ResolvedFinding[]): RuleGroup => ({ ruleId, first: fs[0]!, findings: fs, subjects: [...new Set(fs.map((f) => f.subject.name))].sort() });

/**
 * Groups in the order their rules first appear; with `keep`, of the findings it keeps (the same groups as grouping
 * `findings.filter(keep)`, reusing the whole list's groups where every finding of a rule is kept).
 */
export function findingsByRule(findings: readonly ResolvedFinding[], keep?: (f: ResolvedFinding) => boolean): RuleGroup[] {
  const { groups, firsts } = groupAll(findings);
  if (!keep) return [...groups];
  const out: { at: number; group: RuleGroup }[] = [];
  for (let g = 0; g < groups.length; g++) {
    const all = groups[g]!.findings;
    let kept = 0;
    for (const f of all) if (keep(f)) kept++;
    if (kept === all.length) out.push({ at: firsts[g]!, group: groups[g]! });
    else if (kept > 0) {
      const some = all.filter(keep);
      out.push({ at: findings.indexOf(some[0]!), group: group(groups[g]!.ruleId, some) });
    }
  }
  return out.sort((a, b) => a.at - b.at).map((o) => o.group);
}

const PLURAL: Record<string, string> = { function: 'functions', trigger: 'triggers', role: 'roles', app: 'apps', estate: 'estates' };

/** What a group's subjects are, for "CAP-W006 on 812 functions": their kind when they share one. */
export function subjectNoun(g: RuleGroup): string {
  const kind = g.first.subject.kind;
  return g.findings.every((f) => f.subject.kind === kind) ? PLURAL[kind]! : 'subjects';
}

// Baselines: compare this run's findings with a committed plan.json, so CI fails only on what a change introduced.
// A finding's fingerprint is its rule id, subject id and location (template file and logical id), never its message
// text, and never its line: lines drift when unrelated resources are edited above. Findings that share all three get
// an ordinal in line order, so two hits of one rule in one handler file stay distinct.

import { hash } from 'node:crypto';
import type { BaselineComparison, Finding, Plan } from '../model/plan.js';
import { compareStrings } from '../util/json.js';
import { indexFindings, resolveFindings, unindexFinding, type ResolvedFinding } from '../model/findings.js';

/** What a fingerprint reads: the same fields in plan v1 and v2 findings (resolved), so baselines survive the change. */
type Fingerprinted = Pick<ResolvedFinding, 'ruleId' | 'subject' | 'location' | 'message'>;

const FINGERPRINT_VERSION = 'v1';

function fingerprintBase(f: Fingerprinted): string {
  const l = f.location;
  return `${FINGERPRINT_VERSION}\u0000${f.ruleId}\u0000${f.subject.id}\u0000${l?.file ?? ''}\u0000${l?.logicalId ?? ''}`;
}

/** Line order of findings that share a fingerprint base: line, column, then message. */
function byPosition(findings: readonly Fingerprinted[]) {
  return (a: number, b: number): number => {
    const fa = findings[a]!.location;
    const fb = findings[b]!.location;
    return (fa?.line ?? 0) - (fb?.line ?? 0) || (fa?.column ?? 0) - (fb?.column ?? 0) || compareStrings(findings[a]!.message, findings[b]!.message);
  };
}

const print = (base: string, ordinal: number) => hash('sha256', `${base}\u0000${ordinal}`, 'hex').slice(0, 32);

/** One fingerprint per finding, in the order given: 32 hex characters, stable across message and line changes. */
export function fingerprints(findings: readonly Fingerprinted[]): string[] {
  // A base seen once gets ordinal 0 at once; the others are ordered by position when all are known.
  const out = new Array<string>(findings.length);
  const bases = new Array<string>(findings.length);
  const first = new Map<string, number>();
  const shared = new Map<string, number[]>();
  for (let i = 0; i < findings.length; i++) {
    const key = fingerprintBase(findings[i]!);
    bases[i] = key;
    const at = first.get(key);
    if (at === undefined) first.set(key, i);
    else {
      const list = shared.get(key);
      if (list) list.push(i);
      else shared.set(key, [at, i]);
    }
  }
  for (let i = 0; i < findings.length; i++) {
    if (!shared.has(bases[i]!)) out[i] = print(bases[i]!, 0);
  }
  const order = byPosition(findings);
  for (const [key, indexes] of shared) {
    indexes.sort(order).forEach((index, n) => {
      out[index] = print(key, n);
    });
  }
  return out;
}

/**
 * Mark each finding of `plan` new or unchanged against `baseline`, and collect the baseline's findings that are gone
 * (fixed). Returns a new plan; `file` is how the baseline was named on the command line.
 */
export function applyBaseline(plan: Plan, baseline: Plan, file: string): Plan {
  const basePrints = fingerprints(resolveFindings(baseline));
  const before = new Set(basePrints);
  const nowPrints = fingerprints(resolveFindings(plan));
  const now = new Set(nowPrints);
  // The rules table gains the rules of the baseline findings that are gone, so every finding indexes one table.
  const gone = baseline.findings.flatMap((f, i) => (now.has(basePrints[i]!) ? [] : [{ f, print: basePrints[i]! }]));
  const current = plan.findings.map((f, i) => ({ ...unindexFinding(plan, f), baselineState: before.has(nowPrints[i]!) ? ('unchanged' as const) : ('new' as const) }));
  const fixed = gone.map(({ f }) => {
    const finding = unindexFinding(baseline, f);
    delete finding.baselineState;
    return finding;
  });
  const tables = indexFindings([...plan.rules, ...gone.map(({ f }) => baseline.rules[f.ruleIndex]!)], [current, fixed]);
  const [findings, absentFindings] = tables.lists as [Finding[], Finding[]];
  const absent = gone.map(({ print }, i) => ({ fingerprint: print, finding: absentFindings[i]! }));
  const comparison: BaselineComparison = {
    file,
    new: findings.filter((f) => f.baselineState === 'new').length,
    unchanged: findings.filter((f) => f.baselineState === 'unchanged').length,
    absent,
  };
  return { ...plan, rules: tables.rules, subjects: tables.subjects, findings, baseline: comparison };
}

/** The findings `--fail-on` looks at: every finding, or only new ones when there is a baseline. */
export function gatedFindings(plan: Plan): ResolvedFinding[] {
  const all = resolveFindings(plan);
  return plan.baseline ? all.filter((f) => f.baselineState !== 'unchanged') : all;
}

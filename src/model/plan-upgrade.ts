// Plans written by earlier versions: version 1 repeated each rule's title, texts and link in every finding. Its
// findings are resolved findings, so the upgrade is the same compaction preflight reports use; their fingerprints
// (rule, subject, location, message) are unchanged, so a committed v1 plan keeps working as a `--baseline`.

import { compactFindings, indexFindings, type ResolvedFinding } from './findings.js';
import { MigrateError } from '../util/errors.js';
import { PLAN_SCHEMA_VERSION } from './plan.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The plan value in the current schema version; values of other versions pass through for validation to reject. */
export function upgradePlan(value: unknown, file: string): unknown {
  if (!isObject(value) || value.schemaVersion !== 1) {
    if (isObject(value) && typeof value.schemaVersion === 'number' && value.schemaVersion > PLAN_SCHEMA_VERSION) {
      throw new MigrateError('input.schema', `plan schema version ${value.schemaVersion} is newer than this migrate reads (${PLAN_SCHEMA_VERSION})`, { file, hint: 'upgrade migrate, or re-run migrate plan with this version' });
    }
    return value;
  }
  const findings = value.findings;
  const baseline = value.baseline;
  const absent = isObject(baseline) && Array.isArray(baseline.absent) ? (baseline.absent as unknown[]) : [];
  if (!Array.isArray(findings) || !findings.every(isV1Finding) || !absent.every((a) => isObject(a) && isV1Finding(a.finding))) {
    throw new MigrateError('input.schema', 'plan does not match plan.schema.json (schema version 1): its findings cannot be upgraded', { file, hint: 're-run migrate plan to write a current plan.json' });
  }
  const absentFindings = absent.map((a) => (a as { finding: ResolvedFinding }).finding);
  const compact = compactFindings([...(findings as ResolvedFinding[]), ...absentFindings]);
  const { rules, subjects, lists } = indexFindings(compact.rules, [compact.findings]);
  const indexed = lists[0]!;
  const out: Record<string, unknown> = { ...value, schemaVersion: PLAN_SCHEMA_VERSION, rules, subjects, findings: indexed.slice(0, findings.length) };
  if (isObject(baseline)) {
    out.baseline = { ...baseline, absent: absent.map((a, i) => ({ ...(a as object), finding: indexed[findings.length + i] })) };
  }
  return out;
}

function isV1Finding(f: unknown): boolean {
  return isObject(f) && typeof f.ruleId === 'string' && isObject(f.subject) && ['message', 'recommendation', 'title', 'docs', 'area', 'severity', 'confidence'].every((k) => typeof f[k] === 'string');
}

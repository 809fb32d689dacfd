// A loaded rule: the YAML fields plus where it came from (for errors, SARIF and docs).

import type { DesignArea, PlanRule, Severity, SubjectKind } from '../../model/plan.js';
import type { Condition } from './condition.js';

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  subject: SubjectKind;
  condition: Condition;
  message: string;
  recommendation: string;
  day0?: string;
  docs: string;
  confidence: 'documented' | 'inferred';
  /** A function rule that forces a hosting plan above Flex Consumption. */
  escalate?: 'Premium' | 'Dedicated';
  /** `code`: locate findings at the first AWS SDK call in the handler code rather than the template. */
  locateAt?: 'code';
  area: DesignArea;
  /** Rule file (as given, posix) and 1-based line of the rule. */
  file: string;
  line: number;
}

export const AREA_PREFIX: Record<DesignArea, string> = {
  capabilities: 'CAP',
  identity: 'IDN',
  deployment: 'DEP',
  monitoring: 'MON',
  dependencies: 'DPN',
  governance: 'GOV',
};

export const RULE_ID_PATTERN = /^(CAP|IDN|DEP|MON|DPN|GOV)-([BWI])(\d{3})$/;
export const SEVERITY_LETTER: Record<Severity, string> = { blocker: 'B', warning: 'W', info: 'I' };

/** The plan's view of a loaded rule: the texts its findings share (Plan.rules). */
export function planRule(r: Rule): PlanRule {
  const out: PlanRule = { id: r.id, area: r.area, severity: r.severity, confidence: r.confidence, title: r.title, message: r.message, recommendation: r.recommendation, docs: r.docs };
  if (r.day0 !== undefined) out.day0 = r.day0;
  return out;
}

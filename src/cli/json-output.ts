// The `--json` documents: one JSON object on stdout per run, versioned, with warnings and findings in detail.
// Their shapes are documented in docs/cli.md ("--json output"); a change to a field's meaning bumps the version.

import type { Warning } from '../model/inventory.js';
import type { ResolvedFinding } from '../model/findings.js';
import { findingsByRule } from '../plan/findings-by-rule.js';
import { compareStrings } from '../util/json.js';
import type { CliIO } from './io.js';

export const CLI_JSON_SCHEMA_VERSION = 1;

export function printJson(io: CliIO, command: string, body: Record<string, unknown>): void {
  io.stdout(`${JSON.stringify({ schemaVersion: CLI_JSON_SCHEMA_VERSION, command, ...body })}\n`);
}

export interface WarningDetail {
  code: string;
  message: string;
  subject?: string;
  file?: string;
  line?: number;
  action?: string;
}

export function warningDetail(w: Warning): WarningDetail {
  return {
    code: w.code,
    message: w.message,
    ...(w.subject ? { subject: w.subject } : {}),
    ...(w.source?.file ? { file: w.source.file } : {}),
    ...(w.source?.line ? { line: w.source.line } : {}),
    ...(w.action ? { action: w.action } : {}),
  };
}

export interface FindingGroup {
  ruleId: string;
  severity: ResolvedFinding['severity'];
  area: ResolvedFinding['area'];
  title: string;
  count: number;
  subjects: string[];
}

const SEVERITY_ORDER = { blocker: 0, warning: 1, info: 2 } as const;

/** Findings (with `keep`: those it keeps) grouped by rule: severity first, then rule id. */
export function groupFindings(findings: readonly ResolvedFinding[], keep?: (f: ResolvedFinding) => boolean): FindingGroup[] {
  return findingsByRule(findings, keep)
    .map((g) => ({ ruleId: g.ruleId, severity: g.first.severity, area: g.first.area, title: g.first.title, count: g.findings.length, subjects: g.subjects }))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareStrings(a.ruleId, b.ruleId));
}

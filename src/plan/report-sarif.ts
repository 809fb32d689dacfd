// SARIF 2.1.0: one run, rules with helpUri, results at template file:line relative to %SRCROOT%, each with a stable
// partial fingerprint (src/plan/baseline.ts) so code scanning tracks an alert across runs. With a baseline, results
// carry baselineState, and the baseline's findings that are gone follow as `absent` results, as SARIF §3.27.24 expects.
// Objects are built with their keys already in sorted order, so JSON.stringify gives exactly stableStringify's
// bytes without a deep re-sort of tens of thousands of results (test/plan/sarif.test.ts checks the equality).

import type { Plan, Severity } from '../model/plan.js';
import { fingerprints } from './baseline.js';
import { resolveFinding, resolveFindings, type ResolvedFinding } from '../model/findings.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { blocker: 'error', warning: 'warning', info: 'note' };

function locations(f: ResolvedFinding): object[] | undefined {
  const l = f.location;
  if (l?.file) {
    const region = l.line ? { startColumn: l.column, startLine: l.line } : undefined;
    return [
      {
        logicalLocations: l.logicalId ? [{ kind: 'resource', name: l.logicalId }] : undefined,
        physicalLocation: { artifactLocation: { uri: l.file, uriBaseId: '%SRCROOT%' }, region },
      },
    ];
  }
  if (l?.logicalId) return [{ logicalLocations: [{ kind: 'resource', name: l.logicalId }] }];
  return undefined;
}

/** The fingerprint property's name: versioned, so a future change of the recipe does not match old alerts. */
export const SARIF_FINGERPRINT = 'migrateFinding/v1';

/**
 * The plan's rules table is SARIF's rules array (same order, so ruleIndex carries over); preflight/verify reports
 * pass their own rules, findings and tool name.
 */
export function renderSarif(plan: Pick<Plan, 'rules' | 'findings' | 'baseline'>, toolVersion: string, toolName = 'migrate-plan'): object {
  const absent = plan.baseline?.absent ?? [];
  const current = resolveFindings(plan);
  const all = [...current, ...absent.map((a) => resolveFinding(plan.rules, a.finding))];
  const indexes = [...plan.findings.map((f) => f.ruleIndex), ...absent.map((a) => a.finding.ruleIndex)];
  const states: (string | undefined)[] = [...current.map((f) => f.baselineState), ...absent.map(() => 'absent')];
  const prints = [...fingerprints(current), ...absent.map((a) => a.fingerprint)];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The directory discovery was run from (inventory source root).' } } },
        results: all.map((f, i) => ({
          baselineState: states[i],
          level: LEVEL[f.severity],
          locations: locations(f),
          message: { text: `${f.message} ${f.recommendation}` },
          partialFingerprints: { [SARIF_FINGERPRINT]: prints[i] },
          properties: { subject: f.subject.name, subjectKind: f.subject.kind },
          ruleId: f.ruleId,
          ruleIndex: indexes[i],
        })),
        tool: {
          driver: {
            informationUri: 'https://learn.microsoft.com/azure/azure-functions/migration/migrate-aws-lambda-to-azure-functions',
            name: toolName,
            rules: plan.rules.map((r) => ({
              defaultConfiguration: { level: LEVEL[r.severity] },
              fullDescription: { text: r.recommendation },
              helpUri: r.docs,
              id: r.id,
              name: r.id.replace(/-/g, ''),
              properties: { area: r.area, confidence: r.confidence, tags: [r.area, r.severity] },
              shortDescription: { text: r.title },
            })),
            version: toolVersion,
          },
        },
      },
    ],
    version: '2.1.0',
  };
}

/** The SARIF file's text: byte-identical to stableStringify(renderSarif(...)). */
export function renderSarifText(plan: Pick<Plan, 'rules' | 'findings' | 'baseline'>, toolVersion: string, toolName?: string): string {
  return `${JSON.stringify(renderSarif(plan, toolVersion, toolName), null, 2)}\n`;
}

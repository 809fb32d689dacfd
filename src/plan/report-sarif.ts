// SARIF 2.1.0: one run, rules with helpUri, results at template file:line relative to %SRCROOT%, each with a stable
// partial fingerprint (src/plan/baseline.ts) so code scanning tracks an alert across runs. With a baseline, results
// carry baselineState, and the baseline's findings that are gone follow as `absent` results, as SARIF §3.27.24 expects.
// Objects are built with their keys already in sorted order, so JSON.stringify gives exactly stableStringify's
// bytes without a deep re-sort of tens of thousands of results (test/plan/sarif.test.ts checks the equality).

import type { Finding, Plan, Severity } from '../model/plan.js';
import { fingerprints } from './baseline.js';
import { compareStrings } from '../util/json.js';
import type { Rule } from './rules/rule.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { blocker: 'error', warning: 'warning', info: 'note' };

function locations(f: Finding): object[] | undefined {
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

/** `plan` needs only its findings (and baseline), so preflight/verify reports reuse this with their own tool name. */
export function renderSarif(plan: Pick<Plan, 'findings' | 'baseline'>, rules: Rule[], toolVersion: string, toolName = 'migrate-plan'): object {
  const absent = plan.baseline?.absent ?? [];
  const all = [...plan.findings, ...absent.map((a) => a.finding)];
  const states: (string | undefined)[] = [...plan.findings.map((f) => f.baselineState), ...absent.map(() => 'absent')];
  const prints = [...fingerprints(plan.findings), ...absent.map((a) => a.fingerprint)];
  const used = [...new Set(all.map((f) => f.ruleId))].sort(compareStrings);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const firstFinding = new Map<string, Finding>();
  for (const f of all) if (!firstFinding.has(f.ruleId)) firstFinding.set(f.ruleId, f);
  const ruleIndex = new Map(used.map((id, i) => [id, i]));
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
          ruleIndex: ruleIndex.get(f.ruleId),
        })),
        tool: {
          driver: {
            informationUri: 'https://learn.microsoft.com/azure/azure-functions/migration/migrate-aws-lambda-to-azure-functions',
            name: toolName,
            rules: used.map((id) => {
              const r = byId.get(id);
              const f = firstFinding.get(id)!;
              return {
                defaultConfiguration: { level: LEVEL[f.severity] },
                fullDescription: { text: r?.recommendation ?? f.recommendation },
                helpUri: f.docs,
                id,
                name: id.replace(/-/g, ''),
                properties: { area: f.area, confidence: f.confidence, tags: [f.area, f.severity] },
                shortDescription: { text: f.title },
              };
            }),
            version: toolVersion,
          },
        },
      },
    ],
    version: '2.1.0',
  };
}

/** The SARIF file's text: byte-identical to stableStringify(renderSarif(...)). */
export function renderSarifText(plan: Pick<Plan, 'findings' | 'baseline'>, rules: Rule[], toolVersion: string, toolName?: string): string {
  return `${JSON.stringify(renderSarif(plan, rules, toolVersion, toolName), null, 2)}\n`;
}

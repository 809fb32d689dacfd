// SARIF 2.1.0: one run, rules with helpUri, results at template file:line relative to %SRCROOT%, each with a stable
// partial fingerprint (src/plan/baseline.ts) so code scanning tracks an alert across runs. With a baseline, results
// carry baselineState, and the baseline's findings that are gone follow as `absent` results, as SARIF §3.27.24 expects.
// Results reference the plan's rules table (same order, so ruleIndex carries over); each is one line of the file.

import type { Plan, Severity } from '../model/plan.js';
import { fingerprints } from './baseline.js';
import { layoutLines } from '../util/json.js';
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
export function renderSarif(plan: Pick<Plan, 'rules' | 'subjects' | 'findings' | 'baseline'>, toolVersion: string, toolName = 'migrate-plan'): object {
  const absent = plan.baseline?.absent ?? [];
  const current = resolveFindings(plan);
  const all = [...current, ...absent.map((a) => resolveFinding(plan, a.finding))];
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
          // The rule's fullDescription carries its recommendation; a result repeats it only when it is its own.
          message: { text: f.recommendation === plan.rules[indexes[i]!]!.recommendation ? f.message : `${f.message} ${f.recommendation}` },
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

/**
 * The SARIF file, in pieces: laid out as plan.json is (src/util/json.ts layoutChunks), with each result on one line.
 * Results are built with their keys in sorted order, so JSON.stringify writes them without a sorted copy.
 */
export function* renderSarifChunks(plan: Pick<Plan, 'rules' | 'subjects' | 'findings' | 'baseline'>, toolVersion: string, toolName?: string): Generator<string> {
  const sarif = renderSarif(plan, toolVersion, toolName) as { runs: [Record<string, unknown> & { results: object[] }] };
  const { results, ...run } = sarif.runs[0];
  yield `{\n  "$schema": ${JSON.stringify((sarif as unknown as { $schema: string }).$schema)},\n  "runs": [\n    {\n`;
  yield* layoutLines(run.originalUriBaseIds, '      ', '"originalUriBaseIds": ', ',\n');
  if (results.length === 0) yield '      "results": [],\n';
  else {
    yield '      "results": [\n';
    for (let i = 0; i < results.length; i++) yield `        ${JSON.stringify(results[i])}${i < results.length - 1 ? ',' : ''}\n`;
    yield '      ],\n';
  }
  yield* layoutLines(run.tool, '      ', '"tool": ', '\n');
  yield '    }\n  ],\n  "version": "2.1.0"\n}\n';
}

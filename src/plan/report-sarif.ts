// SARIF 2.1.0: one run, rules with helpUri, results at template file:line relative to %SRCROOT%, each with a stable
// partial fingerprint (src/plan/baseline.ts) so code scanning tracks an alert across runs. With a baseline, results
// carry baselineState, and the baseline's findings that are gone follow as `absent` results, as SARIF §3.27.24 expects.
// Results reference the plan's rules table (same order, so ruleIndex carries over); each is one line of the file.

import type { Plan, Severity } from '../model/plan.js';
import { fingerprints } from './baseline.js';
import { layoutLines } from '../util/json-layout.js';
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

type SarifSource = Pick<Plan, 'rules' | 'subjects' | 'findings' | 'baseline'>;

/**
 * The results in order (this run's findings, then the baseline's absent ones), each built with its keys in sorted
 * order, so JSON.stringify writes it without a sorted copy; one at a time, so 90,000 results never exist together.
 */
function* sarifResults(plan: SarifSource): Generator<object> {
  const current = resolveFindings(plan);
  const prints = fingerprints(current);
  const result = (f: ResolvedFinding, ruleIndex: number, baselineState: string | undefined, print: string) => ({
    baselineState,
    level: LEVEL[f.severity],
    locations: locations(f),
    // The rule's fullDescription carries its recommendation; a result repeats it only when it is its own.
    message: { text: f.recommendation === plan.rules[ruleIndex]!.recommendation ? f.message : `${f.message} ${f.recommendation}` },
    partialFingerprints: { [SARIF_FINGERPRINT]: print },
    properties: { subject: f.subject.name, subjectKind: f.subject.kind },
    ruleId: f.ruleId,
    ruleIndex,
  });
  for (let i = 0; i < current.length; i++) yield result(current[i]!, plan.findings[i]!.ruleIndex, current[i]!.baselineState, prints[i]!);
  for (const a of plan.baseline?.absent ?? []) yield result(resolveFinding(plan, a.finding), a.finding.ruleIndex, 'absent', a.fingerprint);
}

/** The run's tool: the plan's rules table is SARIF's rules array (same order, so ruleIndex carries over). */
function sarifTool(plan: SarifSource, toolVersion: string, toolName: string): object {
  return {
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
  };
}

/** About 32 KB of result lines per piece (as layoutChunks: src/util/json-layout.ts). */
const CHUNK = 1 << 15;
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const ORIGINAL_URI_BASE_IDS = { '%SRCROOT%': { description: { text: 'The directory discovery was run from (inventory source root).' } } };

/** The SARIF object (what renderSarifChunks writes); preflight/verify reports pass their own rules, findings and tool name. */
export function renderSarif(plan: SarifSource, toolVersion: string, toolName = 'migrate-plan'): object {
  return {
    $schema: SARIF_SCHEMA,
    runs: [{ originalUriBaseIds: ORIGINAL_URI_BASE_IDS, results: [...sarifResults(plan)], tool: sarifTool(plan, toolVersion, toolName) }],
    version: '2.1.0',
  };
}

/**
 * The SARIF file, in pieces: laid out as plan.json is (src/util/json-layout.ts layoutChunks), with each result on one line,
 * written as it is built.
 */
export function* renderSarifChunks(plan: SarifSource, toolVersion: string, toolName = 'migrate-plan'): Generator<string> {
  yield `{\n  "$schema": ${JSON.stringify(SARIF_SCHEMA)},\n  "runs": [\n    {\n`;
  yield* layoutLines(ORIGINAL_URI_BASE_IDS, '      ', '"originalUriBaseIds": ', ',\n');
  let lines: string[] = [];
  let size = 0;
  let count = 0;
  for (const r of sarifResults(plan)) {
    const line = JSON.stringify(r);
    // A line's comma is written once the next result exists.
    lines.push(count++ === 0 ? '      "results": [\n        ' : ',\n        ', line);
    size += line.length;
    if (size >= CHUNK) {
      yield lines.join('');
      lines = [];
      size = 0;
    }
  }
  yield count === 0 ? '      "results": [],\n' : `${lines.join('')}\n      ],\n`;
  yield* layoutLines(sarifTool(plan, toolVersion, toolName), '      ', '"tool": ', '\n');
  yield '    }\n  ],\n  "version": "2.1.0"\n}\n';
}

// SARIF 2.1.0: one run, rules with helpUri, results at template file:line relative to %SRCROOT%.

import type { Plan, Severity } from '../model/plan.js';
import { compareStrings } from '../util/json.js';
import type { Rule } from './rules/rule.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { blocker: 'error', warning: 'warning', info: 'note' };

export function renderSarif(plan: Plan, rules: Rule[], toolVersion: string): object {
  const used = [...new Set(plan.findings.map((f) => f.ruleId))].sort(compareStrings);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const ruleIndex = new Map(used.map((id, i) => [id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'migrate-plan',
            informationUri: 'https://learn.microsoft.com/azure/azure-functions/migration/migrate-aws-lambda-to-azure-functions',
            version: toolVersion,
            rules: used.map((id) => {
              const r = byId.get(id);
              const f = plan.findings.find((x) => x.ruleId === id)!;
              return {
                id,
                name: id.replace(/-/g, ''),
                shortDescription: { text: f.title },
                fullDescription: { text: r?.recommendation ?? f.recommendation },
                helpUri: f.docs,
                defaultConfiguration: { level: LEVEL[f.severity] },
                properties: { area: f.area, confidence: f.confidence, tags: [f.area, f.severity] },
              };
            }),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The directory discovery was run from (inventory source root).' } } },
        results: plan.findings.map((f) => {
          const result: Record<string, unknown> = {
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId),
            level: LEVEL[f.severity],
            message: { text: `${f.message} ${f.recommendation}` },
            properties: { subject: f.subject.name, subjectKind: f.subject.kind },
          };
          if (f.location?.file) {
            result.locations = [
              {
                physicalLocation: {
                  artifactLocation: { uri: f.location.file, uriBaseId: '%SRCROOT%' },
                  ...(f.location.line ? { region: { startLine: f.location.line, ...(f.location.column ? { startColumn: f.location.column } : {}) } } : {}),
                },
                ...(f.location.logicalId ? { logicalLocations: [{ name: f.location.logicalId, kind: 'resource' }] } : {}),
              },
            ];
          } else if (f.location?.logicalId) {
            result.locations = [{ logicalLocations: [{ name: f.location.logicalId, kind: 'resource' }] }];
          }
          return result;
        }),
      },
    ],
  };
}

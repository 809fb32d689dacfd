// findingsByRule with a filter gives the groups of the filtered list (same groups, same order), reusing the whole
// list's grouping where a rule keeps all of its findings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResolvedFinding } from '../../src/model/findings.js';
import { findingsByRule } from '../../src/plan/findings-by-rule.js';

const finding = fc.record({
  ruleId: fc.constantFrom('CAP-B001', 'CAP-W002', 'IAM-W001', 'MON-I002'),
  severity: fc.constantFrom('blocker' as const, 'warning' as const, 'info' as const),
  name: fc.constantFrom('a', 'b', 'c', 'Z', 'é'),
});

function resolved(list: { ruleId: string; severity: ResolvedFinding['severity']; name: string }[]): ResolvedFinding[] {
  return list.map(({ ruleId, severity, name }) => ({
    ruleId, severity, area: 'capabilities', confidence: 'documented', title: ruleId, subject: { kind: 'function', id: name, name },
    message: `${ruleId} on ${name}`, recommendation: 'r', docs: 'https://example.org',
  }));
}

describe('findingsByRule', () => {
  it('groups in order of first appearance with unique sorted subjects', () => {
    const fs = resolved([{ ruleId: 'B', severity: 'info', name: 'y' }, { ruleId: 'A', severity: 'info', name: 'x' }, { ruleId: 'B', severity: 'info', name: 'a' }, { ruleId: 'B', severity: 'info', name: 'y' }]);
    expect(findingsByRule(fs).map((g) => [g.ruleId, g.subjects, g.findings.length])).toEqual([['B', ['a', 'y'], 3], ['A', ['x'], 1]]);
  });

  it('with a filter, equals grouping the filtered list, for rules whose findings are kept wholly, partly or not at all', () => {
    fc.assert(fc.property(fc.array(finding, { maxLength: 40 }), fc.constantFrom('blocker', 'warning', 'info'), (list, severity) => {
      const fs = resolved(list);
      const keep = (f: ResolvedFinding) => f.severity === severity;
      expect(findingsByRule(fs, keep)).toEqual(findingsByRule(fs.filter(keep)));
      expect(findingsByRule(fs, () => true)).toEqual(findingsByRule([...fs]));
    }), { numRuns: 300 });
  });
});

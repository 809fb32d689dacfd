// Meta-tests over the rule set (ESLint/checkov style): ids well-formed and unique, docs URLs present, and every rule
// has a fixture (rules/fixtures/<ID>.yaml) with subjects where it must fire and subjects where it must not.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Inventory, SourceLocation } from '../../src/model/inventory.js';
import type { ResolvedFinding } from '../../src/model/findings.js';
import type { CodeFacts } from '../../src/plan/sdk-scan.js';
import { resolveFindings } from '../../src/model/findings.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/plan/rules/load-rules.js';
import { RULE_ID_PATTERN, SEVERITY_LETTER } from '../../src/plan/rules/rule.js';
import { FIXTURE_TEMPLATE, makeInventory, type FixtureSpec } from './support/inventory.js';

const rules = await loadRules();
const fixturesDir = path.join(BUILTIN_RULES_DIR, 'fixtures');

interface FixtureCase {
  inventory: FixtureSpec;
  groupBy?: string;
  /** `--keep-in-aws` entries for the case. */
  keepInAws?: string[];
  fire?: string[];
  pass?: string[];
}

/** How a fixture names a subject: function and role names, `<function>#<trigger id>`, app names, `estate`. */
export function subjectKey(f: Pick<ResolvedFinding, 'subject'>): string {
  if (f.subject.kind === 'trigger' || f.subject.kind === 'function') return f.subject.id.replace(`${FIXTURE_TEMPLATE}#`, '');
  return f.subject.name;
}

/** Where a finding must point: the function, trigger (or its function) or role definition; with `locateAt: code`
 * the first AWS SDK call of the handler; apps and the estate have no location. */
function expectedLocation(f: ResolvedFinding, inv: Inventory, code: Map<string, CodeFacts>, locateAt: 'code' | undefined): SourceLocation | undefined {
  if (f.subject.kind === 'function') {
    const fn = inv.functions.find((x) => x.id === f.subject.id)!;
    const call = code.get(fn.id)?.sdkCalls[0];
    return locateAt === 'code' && call ? { file: call.file, line: call.line } : fn.source;
  }
  if (f.subject.kind === 'trigger') {
    const fn = inv.functions.find((x) => x.id === f.subject.functionId)!;
    const t = fn.triggers.find((x) => `${fn.id}#${x.id}` === f.subject.id)!;
    return t.source ?? fn.source;
  }
  if (f.subject.kind === 'role') return inv.roles.find((r) => r.id === f.subject.id)!.source;
  return undefined;
}

describe('rule set', () => {
  it('has well-formed, unique ids whose letter agrees with severity', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      const m = RULE_ID_PATTERN.exec(r.id);
      expect(m, r.id).not.toBeNull();
      expect(m![2]).toBe(SEVERITY_LETTER[r.severity]);
    }
  });

  it('covers every area with 60 or more rules in total', () => {
    expect(rules.length).toBeGreaterThanOrEqual(60);
    expect(new Set(rules.map((r) => r.area)).size).toBe(6);
  });

  it('gives every rule an https docs URL', () => {
    for (const r of rules) expect(r.docs, r.id).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]+\//);
  });

  it('has no fixture without a rule', () => {
    const ids = new Set(rules.map((r) => r.id));
    for (const f of readdirSync(fixturesDir)) expect(ids.has(f.replace(/\.yaml$/, '')), f).toBe(true);
  });
});

describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  const file = path.join(fixturesDir, `${id}.yaml`);
  it('fires where expected and nowhere else', () => {
    expect(existsSync(file), `missing fixture rules/fixtures/${id}.yaml`).toBe(true);
    const cases = (parse(readFileSync(file, 'utf8')) as { cases: FixtureCase[] }).cases;
    const allFire = cases.flatMap((c) => c.fire ?? []);
    const allPass = cases.flatMap((c) => c.pass ?? []);
    expect(allFire.length, 'fixture needs subjects that fire').toBeGreaterThan(0);
    expect(allPass.length, 'fixture needs subjects that pass').toBeGreaterThan(0);
    for (const c of cases) {
      const { inventory, code } = makeInventory(c.inventory);
      const plan = buildPlan(inventory, [rule], { code, groupBy: c.groupBy, keepInAws: (c.keepInAws ?? []).map((spec) => ({ spec, by: 'fixture' })) });
      const fired = new Set(resolveFindings(plan).filter((f) => f.ruleId === id).map(subjectKey));
      for (const s of c.fire ?? []) expect([...fired], `${id} should fire on ${s}`).toContain(s);
      for (const s of c.pass ?? []) expect([...fired], `${id} should not fire on ${s}`).not.toContain(s);
      for (const f of resolveFindings(plan).filter((x) => x.ruleId === id)) {
        // Every placeholder of the message, recommendation and Day-0 step is filled from the subject's facts.
        for (const text of [f.message, f.recommendation, f.day0 ?? '']) expect(text, `${id} on ${subjectKey(f)}`).not.toMatch(/\{[a-zA-Z0-9_.]+\}/);
        expect(f.location, `${id} location on ${subjectKey(f)}`).toEqual(expectedLocation(f, inventory, code, rule.locateAt));
      }
    }
  });
});

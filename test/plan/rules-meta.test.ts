// Meta-tests over the rule set (ESLint/checkov style): ids well-formed and unique, docs URLs present, and every rule
// has a fixture (rules/fixtures/<ID>.yaml) with subjects where it must fire and subjects where it must not.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/plan.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/plan/rules/load-rules.js';
import { RULE_ID_PATTERN, SEVERITY_LETTER } from '../../src/plan/rules/rule.js';
import { FIXTURE_TEMPLATE, makeInventory, type FixtureSpec } from './support/inventory.js';

const rules = await loadRules();
const fixturesDir = path.join(BUILTIN_RULES_DIR, 'fixtures');

interface FixtureCase {
  inventory: FixtureSpec;
  groupBy?: string;
  fire?: string[];
  pass?: string[];
}

/** How a fixture names a subject: function and role names, `<function>#<trigger id>`, app names, `estate`. */
export function subjectKey(f: Finding): string {
  if (f.subject.kind === 'trigger' || f.subject.kind === 'function') return f.subject.id.replace(`${FIXTURE_TEMPLATE}#`, '');
  return f.subject.name;
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
      const plan = buildPlan(inventory, [rule], { code, groupBy: c.groupBy });
      const fired = new Set(plan.findings.filter((f) => f.ruleId === id).map(subjectKey));
      for (const s of c.fire ?? []) expect([...fired], `${id} should fire on ${s}`).toContain(s);
      for (const s of c.pass ?? []) expect([...fired], `${id} should not fire on ${s}`).not.toContain(s);
    }
  });
});

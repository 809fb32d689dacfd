import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FACTS, SUBJECTS } from '../../src/plan/facts/index.js';
import { renderRuleSchema } from '../../src/plan/facts/schema.js';
import { FACT_SOURCES, placeholderRoots } from '../../src/plan/facts/index.js';
import type { Condition } from '../../src/plan/rules/condition.js';
import { loadRuleFile, loadRules } from '../../src/plan/rules/load-rules.js';
import { MigrateError } from '../../src/util/errors.js';

const rule = (subject: string, condition: string, message = subject === 'trigger' ? '{fn.name} is big' : '{name} is big') => `area: capabilities
rules:
  - id: CAP-W900
    title: Test rule
    severity: warning
    subject: ${subject}
    condition: ${condition}
    message: "${message}"
    recommendation: shrink it
    docs: https://example.com/x
    confidence: documented
`;

async function load(text: string): Promise<unknown> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rule-schema-'));
  writeFileSync(path.join(dir, 'r.yaml'), text);
  try {
    return await loadRuleFile(path.join(dir, 'r.yaml'), 'r.yaml');
  } catch (e) {
    return e;
  }
}

describe('rule schema from the fact table', () => {
  it('rules/rule.schema.json is generated from the current fact table', () => {
    const expected = renderRuleSchema();
    if (process.env.UPDATE_RULE_SCHEMA) writeFileSync('rules/rule.schema.json', expected);
    expect(readFileSync('rules/rule.schema.json', 'utf8'), 'regenerate: UPDATE_RULE_SCHEMA=1 npx vitest run test/plan/rule-schema.test.ts').toBe(expected);
  });

  it('every fact has a name, a type and a doc, and names are unique per subject', () => {
    for (const s of SUBJECTS) {
      const names = FACTS[s].map((f) => f.name);
      expect(new Set(names).size, s).toBe(names.length);
      for (const f of FACTS[s]) expect(f.doc.length, `${s}.${f.name}`).toBeGreaterThan(3);
    }
  });

  it('a derived fact that rules of one area use is defined in that area\'s file (facts live next to their rules)', async () => {
    const areasUsing = new Map<string, Set<string>>();
    const attrs = (c: Condition): string[] => ('all' in c ? c.all.flatMap(attrs) : 'any' in c ? c.any.flatMap(attrs) : 'not' in c ? attrs(c.not) : [c.attr.split('.')[0]!]);
    for (const r of await loadRules()) {
      for (const name of [...attrs(r.condition), ...placeholderRoots(r)]) {
        const key = `${r.subject}.${name}`;
        areasUsing.set(key, (areasUsing.get(key) ?? new Set()).add(r.area));
      }
    }
    expect(FACT_SOURCES.map(([o]) => o).slice(1).sort()).toEqual(['capabilities', 'dependencies', 'deployment', 'governance', 'identity', 'monitoring']);
    for (const s of SUBJECTS) {
      for (const f of FACTS[s]) {
        const areas = areasUsing.get(`${s}.${f.name}`);
        if (f.origin === 'inventory' || !areas || areas.size > 1) continue;
        expect(f.origin, `${s} fact ${f.name} is used by ${[...areas].join(', ')} rules only`).toBe([...areas][0]);
      }
    }
  });

  it('a misspelt attribute is an error at its file:line:col, also with not_exists (which would always fire)', async () => {
    for (const [cond, col] of [
      ['{ attr: memSize, op: gt, value: 1 }', 24],
      ['{ attr: rolRef, op: not_exists }', 24],
      ['{ all: [{ attr: memorySize, op: gt, value: 1 }, { attr: logRetentionDay, op: not_exists }] }', 72],
    ] as const) {
      const e = await load(rule('function', cond));
      expect(e, cond).toBeInstanceOf(MigrateError);
      const err = e as MigrateError;
      expect([err.line, err.column], cond).toEqual([7, col]);
      expect(err.message).toMatch(/is not a function fact/);
    }
  });

  it('attributes are checked per subject, operators and values per fact type', async () => {
    // `kind` is a trigger fact, not a function fact.
    expect(((await load(rule('function', '{ attr: kind, op: equals, value: sqs }'))) as MigrateError).message).toMatch(/'kind' is not a function fact/);
    expect(Array.isArray(await load(rule('trigger', '{ attr: kind, op: equals, value: sqs }')))).toBe(true);
    // A number compared with a regex, a boolean with gt, a missing value, a value where none is taken.
    for (const cond of [
      '{ attr: memorySize, op: matches, value: "1.*" }',
      '{ attr: snapStart, op: gt, value: 1 }',
      '{ attr: memorySize, op: gt }',
      '{ attr: snapStart, op: is_true, value: true }',
      '{ attr: memorySize, op: gt, value: "big" }',
    ]) {
      expect(await load(rule('function', cond)), cond).toBeInstanceOf(MigrateError);
    }
    // Paths inside inventory structures stay open: tags.<key>, handler.raw, fn.name on triggers.
    expect(Array.isArray(await load(rule('function', '{ attr: tags.owner, op: not_exists }')))).toBe(true);
    expect(Array.isArray(await load(rule('trigger', '{ attr: fn.timeout, op: gt, value: 3 }')))).toBe(true);
  });

  it('a placeholder that names no fact of the subject is an error at the message', async () => {
    const e = (await load(rule('function', '{ attr: memorySize, op: gt, value: 1 }', '{name} has {memorySiz} MB'))) as MigrateError;
    expect(e).toBeInstanceOf(MigrateError);
    expect([e.line, e.column]).toEqual([8, 14]);
    expect(e.message).toMatch(/message has a placeholder that is not a function fact/);
    expect(Array.isArray(await load(rule('function', '{ attr: memorySize, op: gt, value: 1 }', '{name} {tags.owner} {code.sdkServices} {x y}')))).toBe(true);
    expect(await load(rule('trigger', '{ attr: kind, op: equals, value: sqs }', '{name}'))).toBeInstanceOf(MigrateError);
  });

  it('the CLI reports a bad attribute in a user rule as exit 2 with file:line:col', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rule-cli-'));
    mkdirSync(path.join(dir, 'rules'));
    writeFileSync(path.join(dir, 'rules', 'mine.yaml'), rule('function', '{ attr: memSize, op: not_exists }').replace('CAP-W900', 'CAP-W901'));
    writeFileSync(path.join(dir, 'inventory.json'), readFileSync('fixtures/golden/retail-sam/inventory.json'));
    const r = spawnSync(process.execPath, [path.resolve('dist/cli/main.js'), 'plan', '--inventory', 'inventory.json', '--rules', 'rules', '--out-dir', 'out'], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/rules\/mine\.yaml:7:24: .*'memSize' is not a function fact/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

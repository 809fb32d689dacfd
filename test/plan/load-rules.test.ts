import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MigrateError } from '../../src/util/errors.js';
import { loadRuleFile, loadRules, precompileBuiltinRules } from '../../src/plan/rules/load-rules.js';
import { evaluateCondition, fillPlaceholders, OPERATORS, type Condition } from '../../src/plan/rules/condition.js';

const RULE = (over: string) => `area: capabilities
rules:
  - id: CAP-W900
    title: Test rule
    severity: warning
    subject: function
    condition: { attr: memorySize, op: gt, value: 1024 }
    message: "{name} is big"
    recommendation: shrink it
    docs: https://example.com/x
    confidence: documented
${over}`;

function tmpFile(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rules-'));
  const f = path.join(dir, 'r.yaml');
  writeFileSync(f, text);
  return f;
}

async function errorOf(text: string): Promise<MigrateError> {
  try {
    await loadRuleFile(tmpFile(text), 'r.yaml');
  } catch (e) {
    return e as MigrateError;
  }
  throw new Error('expected an error');
}

describe('rule loading', () => {
  it('loads a valid rule with its file and line', async () => {
    const [r] = await loadRuleFile(tmpFile(RULE('')), 'r.yaml');
    expect(r).toMatchObject({ id: 'CAP-W900', area: 'capabilities', file: 'r.yaml', line: 3 });
  });

  it('rejects a bad severity at its line and column', async () => {
    const e = await errorOf(RULE('').replace('severity: warning', 'severity: fatal'));
    expect(e).toBeInstanceOf(MigrateError);
    expect(e.code).toBe('rules.invalid');
    expect([e.line, e.column]).toEqual([5, 15]);
    expect(e.toOneLine()).toMatch(/^r\.yaml:5:15: .*severity/);
  });

  it('rejects an unknown operator inside a nested condition', async () => {
    const e = await errorOf(RULE('').replace('{ attr: memorySize, op: gt, value: 1024 }', '\n      all:\n        - { attr: memorySize, op: bigger, value: 1 }'));
    expect(e.line).toBe(9);
    expect(e.message).toMatch(/op/);
  });

  it('rejects unknown keys, JavaScript-looking fields and YAML syntax errors', async () => {
    expect((await errorOf(RULE('    script: "process.exit(1)"'))).message).toMatch(/script/);
    expect((await errorOf('area: capabilities\nrules: [\n')).message).toMatch(/invalid YAML/);
  });

  it('checks that the id letter agrees with severity and the prefix with the area', async () => {
    expect((await errorOf(RULE('').replace('CAP-W900', 'CAP-B900'))).message).toMatch(/does not agree with severity/);
    expect((await errorOf(RULE('').replace('CAP-W900', 'IDN-W900'))).message).toMatch(/does not match the file's area/);
  });

  it('rejects duplicate ids across directories', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rules-dup-'));
    mkdirSync(path.join(dir, 'extra'));
    writeFileSync(path.join(dir, 'extra', 'dup.yaml'), RULE('').replace('CAP-W900', 'CAP-B001').replace('severity: warning', 'severity: blocker'));
    await expect(loadRules([path.join(dir, 'extra')], dir)).rejects.toThrow(/duplicate rule id CAP-B001/);
  });
});

describe('condition operators', () => {
  const v = { n: 5, s: 'nodejs20.x', list: ['a', 'b'], nested: { flag: true }, empty: [] };
  it.each([
    ['equals', 'n', 5, true], ['not_equals', 'n', 5, false], ['in', 'n', [1, 5], true], ['not_in', 'n', [1], true],
    ['gt', 'n', 4, true], ['gte', 'n', 5, true], ['lt', 'n', 5, false], ['lte', 'n', 5, true], ['gt', 'missing', 1, false],
    ['exists', 'nested.flag', undefined, true], ['not_exists', 'nested.nope', undefined, true],
    ['is_true', 'nested.flag', undefined, true], ['is_not_true', 'n', undefined, true],
    ['empty', 'empty', undefined, true], ['not_empty', 'list', undefined, true],
    ['contains', 'list', 'a', true], ['contains', 's', 'js20', true], ['not_contains', 'list', 'z', true],
    ['contains_any', 'list', ['z', 'b'], true], ['matches', 's', '^nodejs\\d+', true], ['not_matches', 's', '^python', true],
    ['any_matches', 'list', '^b$', true], ['length_gt', 'list', 1, true],
  ] as const)('%s %s %j → %s', (op, attr, value, expected) => {
    expect(evaluateCondition({ attr, op, value }, v)).toBe(expected);
  });

  it('covers every operator in the table', () => {
    expect(Object.keys(OPERATORS)).toHaveLength(21);
  });

  it('combines all / any / not', () => {
    expect(evaluateCondition({ all: [{ attr: 'n', op: 'gt', value: 1 }, { not: { attr: 'n', op: 'gt', value: 9 } }] }, v)).toBe(true);
    expect(evaluateCondition({ any: [{ attr: 'n', op: 'gt', value: 9 }, { attr: 'list', op: 'empty' }] }, v)).toBe(false);
  });

  it('fills placeholders from paths, arrays comma-separated, unknown left as is', () => {
    expect(fillPlaceholders('{s} {list} {nested.flag} {nope}', v)).toBe('nodejs20.x a, b true {nope}');
  });
});

describe('compiled conditions', () => {
  it('agree with the interpreter', async () => {
    const { compileCondition } = await import('../../src/plan/rules/condition.js');
    const views = [{ n: 5, s: 'x', a: { b: [1] } }, { n: 0 }, {}, { a: null }];
    const conds: Condition[] = [
      { attr: 'n', op: 'gt', value: 1 },
      { attr: 'a.b', op: 'not_empty' },
      { all: [{ attr: 'n', op: 'exists' }, { not: { attr: 's', op: 'equals', value: 'x' } }] },
      { any: [{ attr: 'a.b', op: 'contains', value: 1 }, { attr: 'n', op: 'equals', value: 0 }] },
    ];
    for (const c of conds) for (const v of views) expect(compileCondition(c)(v)).toBe(evaluateCondition(c, v));
  });
});

describe('precompiled built-in rules', () => {
  it('are the parsed rules, used while their stamp matches the files and ignored otherwise', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rules-pre-'));
    const file = path.join(dir, 'builtin-rules.json');
    const missing = path.join(dir, 'absent.json');
    const parsed = await loadRules([], dir, missing);
    await precompileBuiltinRules(file);
    expect(await loadRules([], dir, file)).toEqual(parsed);

    // A file with the right stamp is what loadRules returns: change a title and it shows.
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { stamp: string; rules: { title: string }[] };
    saved.rules[0]!.title = 'from the precompiled file';
    writeFileSync(file, JSON.stringify(saved));
    expect((await loadRules([], dir, file))[0]!.title).toBe('from the precompiled file');
    // A stale stamp (the rule files or the loader changed since) falls back to parsing the YAML.
    writeFileSync(file, JSON.stringify({ ...saved, stamp: 'stale' }));
    expect(await loadRules([], dir, file)).toEqual(parsed);
    writeFileSync(file, 'not json');
    expect(await loadRules([], dir, file)).toEqual(parsed);
  });
});

// The Day-0 manual is complete and specific: every function, blocker, secret, TODO and warning of the estate.

import { describe, expect, test } from 'vitest';
import { emitEstate } from '../../src/emit/index.js';
import { renderTemplate } from '../../src/emit/manual/template.js';
import { loadFixtures } from './support.js';

const fixtures = await loadFixtures();

describe.each(fixtures.map((f) => [f.name, f] as const))('manual for estate %s', (_name, fx) => {
  const manual = emitEstate(fx.plan, fx.report).get('MIGRATION.md')!;

  test('names every Lambda function and every Azure function, with a validation command each', () => {
    for (const app of fx.plan.apps) {
      expect(manual).toContain(`### App: ${app.name}`);
      for (const fn of app.functions) {
        expect(manual).toContain(fn.lambdaName);
        for (const e of fn.entries) expect(manual).toContain(`\`${e.name}\` (${e.lambdaEvent} →`);
      }
    }
  });

  test('lists every blocker with its rule id, and every finding under its design area', () => {
    for (const f of fx.plan.findings) {
      expect(manual).toContain(`**${f.ruleId}** [${f.severity}] ${f.title}`);
      if (f.severity === 'blocker') expect(manual).toContain(`**${f.ruleId}** (${f.area}) ${f.subject.name}`);
    }
  });

  test('has a set command for every Key Vault secret by name, and never a value', () => {
    for (const app of fx.plan.apps) {
      for (const s of app.keyVaultSecrets) expect(manual).toContain(`az keyvault secret set --vault-name "$VAULT" --name ${s} --value "$SECRET_VALUE"`);
    }
    expect(manual).not.toMatch(/secret set [^\n]*--value (?!"\$SECRET_VALUE")/);
  });

  test('lists every TODO with file:line and every warning', () => {
    for (const t of fx.report.todos) expect(manual).toContain(`| \`${t.file}:${t.line}\` | ${t.ruleId} |`);
    for (const w of fx.plan.warnings) expect(manual).toContain(w.message);
    for (const w of fx.report.warnings) expect(manual).toContain(w.code);
  });

  test('follows the plan\'s downtime strategy with its reason, commands and failback for every step', () => {
    expect(manual).toContain(fx.plan.cutover.reason);
    expect(manual).toContain(`## 4. Downtime strategy: ${fx.plan.cutover.strategy.replace('-', ' ')}`);
    for (const cmd of ['azd env new', 'azd provision --preview', 'azd provision', 'azd deploy']) expect(manual).toContain(cmd);
    const steps = manual.split('\n### Step ').slice(1);
    expect(steps.length).toBeGreaterThanOrEqual(8);
    for (const s of steps.filter((x) => !x.startsWith('9.'))) expect(s).toMatch(/Failback/);
    const cutovers = fx.plan.apps.flatMap((a) => a.functions.flatMap((f) => f.entries.map((e) => `**${f.lambdaName}** / \`${e.name}\``)));
    for (const c of cutovers) expect(manual).toContain(c);
    expect(manual).toContain('End-state checklist');
  });

  test('carries no unrendered template syntax', () => {
    expect(manual).not.toMatch(/\{\{[#^/]?\s*[A-Za-z.]+\s*\}\}/);
  });
});

describe('the template renderer', () => {
  test('variables, sections over lists and objects, inverted sections, standalone tag lines', () => {
    const t = 'Hi {{who}}\n{{#items}}\n- {{name}} ({{who}})\n{{/items}}\n{{^none}}\nempty\n{{/none}}\n{{#obj}}{{a.b}}{{/obj}}';
    expect(renderTemplate(t, { who: 'x', items: [{ name: 'a' }, { name: 'b' }], none: [], obj: { a: { b: 'deep' } } })).toBe('Hi x\n- a (x)\n- b (x)\nempty\ndeep');
  });

  test('unbalanced sections and missing values are internal errors, not silent gaps', () => {
    expect(() => renderTemplate('{{#a}}x', { a: true })).toThrow(/unclosed/);
    expect(() => renderTemplate('{{missing}}', {})).toThrow(/no printable value/);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { loadRules } from '../../src/plan/rules/load-rules.js';
import { renderRulesDoc } from '../../src/plan/rules/rules-doc.js';
import { withFactList } from '../../src/plan/facts/facts-doc.js';

it('docs/rules.md is generated from the current rule files', async () => {
  const expected = renderRulesDoc(await loadRules());
  if (process.env.UPDATE_RULES_DOC) writeFileSync('docs/rules.md', expected);
  expect(readFileSync('docs/rules.md', 'utf8'), 'regenerate: UPDATE_RULES_DOC=1 npx vitest run test/plan/rules-doc.test.ts').toBe(expected);
});

it('the fact list in docs/rule-language.md is generated from the fact table', () => {
  const current = readFileSync('docs/rule-language.md', 'utf8');
  const expected = withFactList(current);
  if (process.env.UPDATE_RULES_DOC) writeFileSync('docs/rule-language.md', expected);
  expect(current, 'regenerate: UPDATE_RULES_DOC=1 npx vitest run test/plan/rules-doc.test.ts').toBe(expected);
});

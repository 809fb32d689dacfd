import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/model/inventory.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { renderSarif, renderSarifChunks } from '../../src/plan/report-sarif.js';
import { loadRules } from '../../src/plan/rules/load-rules.js';
import { sortKeysDeep } from '../../src/util/json.js';
import { makeInventory } from './support/inventory.js';

const rules = await loadRules();

describe('SARIF report', () => {
  it('writes the SARIF object with sorted keys, one result per line', () => {
    const inv = JSON.parse(readFileSync(path.resolve('fixtures/golden/retail-sam/inventory.json'), 'utf8')) as Inventory;
    const { inventory, code } = makeInventory({ functions: [{ name: 'a', memorySize: 8192, code: { sdkServices: ['s3'] } }] });
    for (const [i, c] of [[inv, undefined], [inventory, code]] as const) {
      const plan = buildPlan(i, rules, { code: c });
      const text = [...renderSarifChunks(plan, '1.2.3')].join('');
      const sarif = renderSarif(plan, '1.2.3') as { runs: { results: object[] }[] };
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(sarif)));
      const lines = text.split('\n').filter((l) => l.startsWith('        {'));
      expect(lines).toHaveLength(sarif.runs[0]!.results.length);
      // Keys in sorted order as built: each result line is what a sorted re-serialisation gives.
      for (const l of lines) expect(l.trim().replace(/,$/, '')).toBe(JSON.stringify(sortKeysDeep(JSON.parse(l.trim().replace(/,$/, '')))));
    }
  });

  it('maps severities to levels and indexes rules', () => {
    const { inventory } = makeInventory({ functions: [{ name: 'a', memorySize: 8192 }] });
    const plan = buildPlan(inventory, rules);
    const sarif = renderSarif(plan, 'x') as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string }[] }[] };
    const run = sarif.runs[0]!;
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(run.results.find((r) => r.ruleId === 'CAP-B001')!.level).toBe('error');
    expect(run.results.find((r) => r.ruleId === 'MON-I002')!.level).toBe('note');
  });
});

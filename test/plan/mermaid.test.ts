// Every Mermaid block the reports contain is checked by Mermaid's own parser: plan.md of every fixture estate as the
// CLI writes it, the golden runbook, and diagrams of hostile names. Labels are whole: every function name appears uncut.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/model/inventory.js';
import type { Plan } from '../../src/model/plan.js';
import { mappingDiagram, mermaidLabel } from '../../src/plan/report-diagram.js';
import { mermaidBlocks, parseMermaid } from '../support/mermaid.js';
import { sampleReports } from '../support/sample-reports.js';

const ESTATES = path.resolve(import.meta.dirname, '../../fixtures/estates');
const GOLDEN_MANUAL = path.resolve(import.meta.dirname, '../../fixtures/golden/streams-sam/azure/MIGRATION.md');

describe('Mermaid blocks in the reports', () => {
  it('the parser rejects a broken block (the check can fail)', async () => {
    await expect(parseMermaid('flowchart LR\n  a["x" --> b')).rejects.toThrow(/Parse error/);
  });

  for (const estate of readdirSync(ESTATES).sort()) {
    it(`${estate}: every block of plan.md parses and every function's name is in the mapping whole`, async () => {
      const { planMd, dir } = await sampleReports(estate);
      const blocks = mermaidBlocks(readFileSync(planMd, 'utf8'));
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) await expect(parseMermaid(block), block).resolves.toBeTruthy();
      const plan = JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8')) as Plan;
      for (const f of plan.apps.flatMap((a) => a.functions).slice(0, 60)) expect(blocks[0]).toContain(mermaidLabel(f.lambdaName));
    });
  }

  it('the golden runbook (streams-sam) has no block that fails to parse', async () => {
    for (const block of mermaidBlocks(readFileSync(GOLDEN_MANUAL, 'utf8'))) await expect(parseMermaid(block)).resolves.toBeTruthy();
  });

  it('names full of Mermaid syntax still parse, and stay whole', async () => {
    const name = 'evil"]; click x call alert(1) %% {a|b} <b>#1</b> (really-long-name-that-would-have-been-cut-at-sixty-characters)';
    const inv = { functions: [{ name, triggers: [{ kind: 'schedule', id: 's', expression: 'rate(1 day)' }], roleRef: undefined }], roles: [] } as unknown as Inventory;
    const plan = {
      apps: [{ name: 'app"]x', hosting: { sku: 'FC1' }, runtime: { name: 'node', version: '22' }, resources: [], identity: { unmappedActions: [] }, functions: [{ lambdaId: 't#x', lambdaName: name, entries: [{ trigger: { type: 'timer' } }] }] }],
    } as unknown as Plan;
    const block = mappingDiagram(plan, inv).slice(1, -1).join('\n');
    await expect(parseMermaid(block)).resolves.toBeTruthy();
    expect(block).toContain('really-long-name-that-would-have-been-cut-at-sixty-characters');
  });
});

// Every Mermaid block the reports contain is checked by Mermaid's own parser: the golden plan.md and MIGRATION.md of
// every fixture estate, and diagrams of hostile names. Labels are whole: every function name appears uncut.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/model/inventory.js';
import type { Plan } from '../../src/model/plan.js';
import { mappingDiagram, mermaidLabel } from '../../src/plan/report-diagram.js';
import { mermaidBlocks, parseMermaid } from '../support/mermaid.js';

const GOLDEN = path.resolve(import.meta.dirname, '../../fixtures/golden');
const estates = readdirSync(GOLDEN).filter((d) => existsSync(path.join(GOLDEN, d, 'plan.md')));

describe('Mermaid blocks in the reports', () => {
  it('the parser rejects a broken block (the check can fail)', async () => {
    await expect(parseMermaid('flowchart LR\n  a["x" --> b')).rejects.toThrow(/Parse error/);
  });

  for (const estate of estates) {
    it(`${estate}: every block parses and every function's name is in the mapping whole`, async () => {
      const docs = [path.join(GOLDEN, estate, 'plan.md'), path.join(GOLDEN, estate, 'azure/MIGRATION.md')].filter(existsSync);
      let blocks = 0;
      for (const doc of docs) {
        for (const block of mermaidBlocks(readFileSync(doc, 'utf8'))) {
          blocks++;
          await expect(parseMermaid(block), `${doc}:\n${block}`).resolves.toBeTruthy();
        }
      }
      expect(blocks).toBeGreaterThan(0);
      const plan = JSON.parse(readFileSync(path.join(GOLDEN, estate, 'plan.json'), 'utf8')) as Plan;
      const mapping = mermaidBlocks(readFileSync(path.join(GOLDEN, estate, 'plan.md'), 'utf8'))[0]!;
      for (const f of plan.apps.flatMap((a) => a.functions).slice(0, 60)) expect(mapping).toContain(mermaidLabel(f.lambdaName));
    });
  }

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

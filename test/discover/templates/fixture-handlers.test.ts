// Every JavaScript handler the golden inventories point at loads and exports a function under that name,
// so plan and convert can rely on the fixtures (TypeScript handlers are type-checked by their own estates).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/model/inventory.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const estates = (await readdir(path.join(ROOT, 'fixtures/golden'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('fixture handlers', () => {
  for (const estate of estates) {
    it(`${estate}: every Node JS handler loads and exports its handler`, async () => {
      // Response streaming handlers use the global the Lambda Node runtime provides. The AWS SDK's InvokeStore may
      // already have created the global (without streamifyResponse) in this process.
      const g = globalThis as { awslambda?: { streamifyResponse?: unknown } };
      (g.awslambda ??= {}).streamifyResponse ??= (fn: unknown) => fn;
      const inv = JSON.parse(await readFile(path.join(ROOT, 'fixtures/golden', estate, 'inventory.json'), 'utf8')) as Inventory;
      for (const f of inv.functions) {
        // Only legacy-runtimes' MissingHandlerFunction points at a file that is deliberately absent.
        if (!f.id.endsWith('#MissingHandlerFunction') && f.handler?.exists === false) expect.fail(`${f.id}: handler file missing`);
        if (f.runtime.language !== 'nodejs' || !f.handler?.file || /\.[cm]?ts$/.test(f.handler.file)) continue;
        const mod = (await import(pathToFileURL(path.resolve(ROOT, 'fixtures/estates', estate, f.handler.file)).href)) as Record<string, unknown>;
        const exported = mod[f.handler.export!] ?? (mod.default as Record<string, unknown> | undefined)?.[f.handler.export!];
        expect(typeof exported, `${f.id} → ${f.handler.file}#${f.handler.export}`).toBe('function');
      }
    });
  }
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateContract, writePlanJson } from '../../src/model/io.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { loadRules } from '../../src/plan/rules/load-rules.js';
import { makeInventory } from '../plan/support/inventory.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('contract schemas', () => {
  it('docs/schemas are generated from the current TypeScript contracts', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-schemas.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('accepts a minimal inventory and rejects unknown fields and trigger kinds', async () => {
    const inv = { schemaVersion: 1, source: { kind: 'templates', includeValues: false }, functions: [], roles: [], layers: [], apis: [], warnings: [] };
    await expect(validateContract('inventory', inv, 'x.json')).resolves.toBeUndefined();
    await expect(validateContract('inventory', { ...inv, extra: 1 }, 'x.json')).rejects.toThrow(/additional properties 'extra'/);
    const fn = {
      id: 't.yaml#Fn', name: 'Fn', runtime: { language: 'nodejs' }, packageType: 'Zip', memorySize: 128, timeout: 3,
      architecture: 'x86_64', ephemeralStorage: 512, environment: [], layers: [], fileSystems: [], aliases: [], tags: {},
      triggers: [{ id: 'e', kind: 'carrier-pigeon' }],
    };
    await expect(validateContract('inventory', { ...inv, functions: [fn] }, 'x.json')).rejects.toThrow(/x\.json|schema/);
  });

  it('checks every plan the tests write against the schema (MIGRATE_SELF_CHECK=1 from the vitest config)', async () => {
    expect(process.env.MIGRATE_SELF_CHECK).toBe('1');
    const plan = buildPlan(makeInventory({ functions: [{ name: 'a' }] }).inventory, await loadRules());
    const dir = mkdtempSync(path.join(tmpdir(), 'self-check-'));
    try {
      await writePlanJson(path.join(dir, 'ok.json'), plan);
      const bad = { ...plan, summary: { ...plan.summary, functions: 'one' } } as unknown as typeof plan;
      await expect(writePlanJson(path.join(dir, 'bad.json'), bad)).rejects.toThrow(/internal: produced an invalid plan .*\/summary\/functions/);
      expect(existsSync(path.join(dir, 'ok.json'))).toBe(true);
      expect(existsSync(path.join(dir, 'bad.json'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

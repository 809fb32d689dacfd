import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateContract } from '../../src/model/io.js';

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
});

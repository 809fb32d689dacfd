// How generated repositories receive the Node runtime: one packages/migrate-runtime per output repository, holding
// exactly what `npm run build` compiled from runtime/node, that every Node app depends on and installs as a copy.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, convertEstate } from './support/convert-estate.js';

describe('the runtime package in the output repository', () => {
  it('is the built runtime/node, once, and every Node app depends on it through an install-links .npmrc', async () => {
    const { tree } = await convertEstate('retail-sam');
    const packaged = [...tree.keys()].filter((k) => k.startsWith('packages/')).sort();
    const built = readdirSync(path.join(REPO, 'dist/runtime-node')).filter((f) => /\.(js|d\.ts)$/.test(f));
    expect(packaged).toEqual(
      ['packages/migrate-runtime/bin/copy-declared-js.mjs', 'packages/migrate-runtime/package.json', ...built.map((f) => `packages/migrate-runtime/dist/${f}`)].sort(),
    );
    for (const f of built) expect(tree.get(`packages/migrate-runtime/dist/${f}`)).toBe(readFileSync(path.join(REPO, 'dist/runtime-node', f), 'utf8'));
    expect(tree.get('packages/migrate-runtime/package.json')).toBe(readFileSync(path.join(REPO, 'runtime/node/package.json'), 'utf8'));

    const apps = [...tree.keys()].filter((k) => /^apps\/[^/]+\/package\.json$/.test(k));
    expect(apps.length).toBeGreaterThan(1);
    for (const manifest of apps) {
      const pkg = JSON.parse(tree.get(manifest)!) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
      expect(pkg.dependencies['migrate-runtime']).toBe('file:../../packages/migrate-runtime');
      expect(pkg.devDependencies['@types/node']).toMatch(/^22\.\d+\.\d+$/);
      expect(tree.get(manifest.replace(/package\.json$/, '.npmrc'))).toMatch(/^install-links=true$/m);
      // No per-app copy of the runtime.
      expect([...tree.keys()].filter((k) => k.startsWith(path.posix.dirname(manifest)) && /migrate-runtime|harness/.test(k))).toEqual([]);
    }
  });

  it('is absent when the repository has no Node app; Python apps carry their own migrate_runtime.py', async () => {
    const { tree } = await convertEstate('reports-serverless-python');
    expect([...tree.keys()].some((k) => k.startsWith('packages/'))).toBe(false);
    const copies = [...tree.keys()].filter((k) => k.endsWith('/migrate_runtime.py'));
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) expect(tree.get(c)).toBe(readFileSync(path.join(REPO, 'runtime/python/migrate_runtime.py'), 'utf8'));
  });
});

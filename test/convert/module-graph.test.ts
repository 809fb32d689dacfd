import { describe, expect, it } from 'vitest';
import { reachableFiles, relativeSpecifiers } from '../../src/convert/node/module-graph.js';

const isCode = (f: string) => /\.(c|m)?(j|t)s$/.test(f);

describe('reachableFiles', () => {
  const files = new Map<string, string>([
    ['src/api/orders.ts', "import { price } from '../lib/price.js';\nimport data from './rates.json';\nexport const handler = async () => price(data);\n"],
    ['src/api/rates.json', '{"eur": 1}\n'],
    ['src/lib/price.ts', "export { round } from './round';\nexport const price = (d: unknown) => d;\n"],
    ['src/lib/round.ts', 'export const round = Math.round;\n'],
    ['src/lib/catalogue.mjs', 'export const items = [];\n'],
    ['src/lib/catalogue.d.mts', 'export declare const items: unknown[];\n'],
    ['src/jobs/report.js', "const { items } = require('../lib/catalogue.mjs');\nexports.handler = async () => items;\n"],
    ['src/jobs/other.js', "require('./side-effect');\n"],
    ['src/jobs/side-effect.js', '\n'],
  ]);

  it('follows relative imports, re-exports, .js → .ts and extensionless specifiers, and keeps data files', () => {
    expect([...reachableFiles(['src/api/orders.ts'], files, isCode)].sort()).toEqual([
      'src/api/orders.ts',
      'src/api/rates.json',
      'src/lib/price.ts',
      'src/lib/round.ts',
    ]);
  });

  it('brings the declaration file of a reached JavaScript module', () => {
    expect([...reachableFiles(['src/jobs/report.js'], files, isCode)].filter(isCode).sort()).toEqual([
      'src/jobs/report.js',
      'src/lib/catalogue.d.mts',
      'src/lib/catalogue.mjs',
    ]);
  });

  it('keeps everything when a reached module loads code dynamically', () => {
    const dynamic = new Map(files).set('src/jobs/plugin.js', 'exports.handler = async (e) => require(`./${e.name}`);\n');
    expect(reachableFiles(['src/jobs/plugin.js'], dynamic, isCode).size).toBe(dynamic.size);
  });

  it('reads import, require, dynamic import and side-effect import specifiers', () => {
    expect(relativeSpecifiers("import './a';\nimport b from \"../b.js\";\nconst c = require('./c');\nawait import('./d.mjs');\nimport x from 'pkg';\n")).toEqual([
      './a',
      '../b.js',
      './c',
      './d.mjs',
    ]);
  });
});

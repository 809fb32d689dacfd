// Node apps deploy without devDependencies: azure.yaml points each Node service's `dist` at .deploy/, which its
// prepackage hook stages. The hook runs here on a generated app (its real package.json, host.json and .funcignore)
// with an installed tree of production and dev packages, and the test lists what azd would zip: the staged folder
// minus what the .funcignore there excludes (gitignore rules, as azd applies them) and local.settings.json.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ignoreModule from 'ignore';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { NODE_PACKAGE_SCRIPT } from '../../src/emit/azd/azure-yaml.js';
import { emitEstate } from '../../src/emit/index.js';
import { convertEstate } from '../convert/support/convert-estate.js';
import { deployedApps, loadFixtures } from './support.js';

const fixtures = await loadFixtures();
const work = mkdtempSync(path.join(os.tmpdir(), 'node-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

function put(file: string, text: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** An installed package: its package.json (with dependencies) and one module file. */
function installed(dir: string, name: string, dependencies: Record<string, string> = {}) {
  put(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', dependencies }));
  put(path.join(dir, 'index.js'), `module.exports = ${JSON.stringify(name)};\n`);
}

describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fx) => {
  test('every Node service is packaged from .deploy/, staged by the prepackage hook', () => {
    const tree = emitEstate(fx.plan, fx.report);
    const services = (parse(tree.get('azure.yaml')!) as { services?: Record<string, { language?: string; dist?: string; hooks?: { prepackage?: { posix?: { run: string } } } }> }).services ?? {};
    const node = deployedApps(fx).filter((a) => a.runtime.name === 'node');
    for (const app of node) {
      expect(services[app.name]?.dist).toBe('.deploy');
      expect(services[app.name]?.hooks?.prepackage?.posix?.run).toBe(`node ../../${NODE_PACKAGE_SCRIPT}`);
    }
    expect(tree.has(NODE_PACKAGE_SCRIPT)).toBe(node.length > 0);
  });
});

test('the staged package holds the build output and production dependencies, and no devDependency', async () => {
  const { tree } = await convertEstate('handler-shapes');
  const appDir = [...tree.keys()].find((k) => /^apps\/[^/]+\/package\.json$/.test(k))!.replace(/\/package\.json$/, '');
  const app = path.join(work, appDir);
  for (const [rel, text] of tree) if (rel.startsWith(`${appDir}/`) || rel.startsWith('packages/')) put(path.join(work, rel), text);
  const fx = fixtures.find((f) => f.name === 'golden-handler-shapes')!;
  put(path.join(work, NODE_PACKAGE_SCRIPT), emitEstate(fx.plan, fx.report).get(NODE_PACKAGE_SCRIPT)!);

  // What `npm install` would leave: every dependency and devDependency, one nested dependency, a linked file: package.
  const pkg = JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  expect(Object.keys(pkg.devDependencies)).toContain('typescript');
  for (const [name, spec] of Object.entries(pkg.dependencies)) {
    if (spec.startsWith('file:')) {
      mkdirSync(path.dirname(path.join(app, 'node_modules', name)), { recursive: true });
      symlinkSync(path.resolve(app, spec.slice('file:'.length)), path.join(app, 'node_modules', name));
    } else installed(path.join(app, 'node_modules', name), name, name === '@azure/functions' ? { cookie: '^1', undici: '^6' } : {});
  }
  installed(path.join(app, 'node_modules/cookie'), 'cookie');
  installed(path.join(app, 'node_modules/@azure/functions/node_modules/undici'), 'undici');
  for (const name of Object.keys(pkg.devDependencies)) installed(path.join(app, 'node_modules', name), name, name === 'typescript' ? { 'ts-only-helper': '1' } : {});
  installed(path.join(app, 'node_modules/ts-only-helper'), 'ts-only-helper');
  put(path.join(app, 'dist/src/functions/api.js'), 'module.exports = {};\n');

  execFileSync(process.execPath, [path.join('..', '..', NODE_PACKAGE_SCRIPT)], { cwd: app, stdio: 'pipe' });

  const staged = path.join(app, '.deploy');
  const funcignore = ignoreModule.default().add(readFileSync(path.join(staged, '.funcignore'), 'utf8'));
  const zipped = listFiles(staged)
    .filter((f) => f !== '.funcignore' && path.posix.basename(f) !== 'local.settings.json' && !funcignore.ignores(f))
    .sort();
  expect(zipped).toContain('host.json');
  expect(zipped).toContain('package.json');
  expect(zipped).toContain('dist/src/functions/api.js');
  expect(zipped).toContain('node_modules/@azure/functions/package.json');
  expect(zipped).toContain('node_modules/@azure/functions/node_modules/undici/index.js');
  expect(zipped).toContain('node_modules/cookie/index.js');
  const linked = Object.entries(pkg.dependencies).find(([, spec]) => spec.startsWith('file:'));
  if (linked) expect(zipped.some((f) => f.startsWith(`node_modules/${linked[0]}/`))).toBe(true);
  // The runtime package declares @types/aws-lambda as its own dependency (its .d.ts files need it): that one goes along.
  const devOnly = [...Object.keys(pkg.devDependencies).filter((d) => d !== '@types/aws-lambda'), 'ts-only-helper'];
  expect(devOnly).toEqual(expect.arrayContaining(['typescript', '@types/node']));
  for (const dev of devOnly) expect(zipped.filter((f) => f.startsWith(`node_modules/${dev}/`))).toEqual([]);
  expect(zipped.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);
});

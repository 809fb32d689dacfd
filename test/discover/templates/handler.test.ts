import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveHandler } from '../../../src/discover/templates/handler.js';
import { makeRepo, type Repo } from './helpers.js';

let repo: Repo | undefined;
afterEach(async () => repo?.cleanup());

describe('handler resolution', () => {
  it('finds Node files by extension, preferring TypeScript source over compiled output', async () => {
    repo = await makeRepo({
      'svc/app.mjs': 'export const handler = async () => 1;',
      'svc/typed.ts': 'export const handler = async () => 1;',
      'svc/typed.js': '// compiled',
      'svc/src/api/get.ts': 'export const handler = async () => 1;',
      'svc/entry/main.ts': 'export const run = async () => 1;',
    });
    const codeDir = path.join(repo.dir, 'svc');
    const r = (raw: string, entryPoints?: string[]) => resolveHandler({ raw, language: 'nodejs', codeDir, root: repo!.dir, entryPoints }).handler;
    expect(r('app.handler')).toEqual({ raw: 'app.handler', file: 'svc/app.mjs', export: 'handler', exists: true });
    expect(r('typed.handler').file).toBe('svc/typed.ts');
    expect(r('dist/api/get.handler').file).toBe('svc/src/api/get.ts');
    expect(r('main.run', ['entry/main.ts']).file).toBe('svc/entry/main.ts');
  });

  it('maps Python dotted and slashed modules to files', async () => {
    repo = await makeRepo({ 'p/pkg/mod.py': 'def f(e, c): pass', 'p/pkg/__init__.py': '' });
    const codeDir = path.join(repo.dir, 'p');
    expect(resolveHandler({ raw: 'pkg.mod.f', language: 'python', codeDir, root: repo.dir }).handler.file).toBe('p/pkg/mod.py');
    expect(resolveHandler({ raw: 'pkg/mod.f', language: 'python', codeDir, root: repo.dir }).handler.export).toBe('f');
  });

  it('reports a missing file for Node/Python, but not for Java, .NET or custom runtimes', async () => {
    repo = await makeRepo({ 'x/.keep': '' });
    const codeDir = path.join(repo.dir, 'x');
    expect(resolveHandler({ raw: 'gone.handler', language: 'nodejs', codeDir, root: repo.dir })).toEqual({ handler: { raw: 'gone.handler', export: 'handler', exists: false }, missing: true });
    expect(resolveHandler({ raw: 'gone.handler', language: 'python', codeDir, root: repo.dir }).missing).toBe(true);
    const java = resolveHandler({ raw: 'com.acme.Handler::handleRequest', language: 'java', codeDir, root: repo.dir });
    expect(java).toEqual({ handler: { raw: 'com.acme.Handler::handleRequest', export: 'com.acme.Handler::handleRequest', exists: false }, missing: false });
    expect(resolveHandler({ raw: 'Asm::Ns.Fn::Handle', language: 'dotnet', codeDir, root: repo.dir }).handler.export).toBe('Ns.Fn::Handle');
    expect(resolveHandler({ raw: 'bootstrap', language: 'custom', codeDir, root: repo.dir }).missing).toBe(false);
  });
});

describe('legacy Node handler styles', () => {
  it('flags callback and context-method handlers, not async ones that merely take three parameters', async () => {
    repo = await makeRepo({
      'cb.js': 'exports.handler = function (event, context, callback) { callback(null, 1); };',
      'cb-ts.ts': 'export const handler = (event: any, ctx: Context, done: Callback) => { done(null, { ok: true }); };',
      'ctx.js': 'exports.handler = (e, context) => context.succeed(1);',
      'async3.mjs': 'export const handler = async (event, context, callback) => ({ ok: true });',
      'plain.mjs': 'export const handler = async (event) => ({ ok: true });',
    });
    const style = (f: string) => resolveHandler({ raw: `${f}.handler`, language: 'nodejs', codeDir: repo!.dir, root: repo!.dir }).legacyStyle;
    expect(style('cb')).toBe('callback');
    expect(style('cb-ts')).toBe('callback');
    expect(style('ctx')).toBe('context-methods');
    expect(style('async3')).toBeUndefined();
    expect(style('plain')).toBeUndefined();
  });
});

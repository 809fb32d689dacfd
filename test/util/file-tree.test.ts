import { mkdtemp, readdir, readFile, writeFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrateError } from '../../src/util/errors.js';
import { addFile, safeRelativePath, writeFileTree, type FileTree } from '../../src/util/file-tree.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ftree-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const tree = (entries: Record<string, string>): FileTree => new Map(Object.entries(entries));

describe('safeRelativePath', () => {
  it.each(['../x', 'a/../../x', '/etc/passwd', 'C:/x', '..', '.', '', 'a/\0b'])('rejects %j', (p) => {
    expect(() => safeRelativePath(p)).toThrow(MigrateError);
  });
  it('normalises harmless forms', () => {
    expect(safeRelativePath('a/./b.txt')).toBe('a/b.txt');
    expect(safeRelativePath('a\\b.txt')).toBe('a/b.txt');
    expect(safeRelativePath('a//b.txt')).toBe('a/b.txt');
  });
  it('refuses two different contents for one path', () => {
    const t: FileTree = new Map();
    addFile(t, 'a.txt', 'x');
    addFile(t, 'a.txt', 'x');
    expect(() => addFile(t, 'a.txt', 'y')).toThrow(/different content/);
  });
});

describe('writeFileTree', () => {
  it('writes, then reports unchanged on a second run', async () => {
    const t = tree({ 'a.txt': 'one\n', 'sub/b.txt': 'two\n' });
    const first = await writeFileTree(t, dir);
    expect(first.written).toBe(true);
    expect(first.entries.map((e) => e.change)).toEqual(['create', 'create']);
    expect(await readFile(path.join(dir, 'sub/b.txt'), 'utf8')).toBe('two\n');
    const second = await writeFileTree(t, dir);
    expect(second.drift).toBe(false);
    expect(second.entries.every((e) => e.change === 'unchanged')).toBe(true);
  });

  it('dry-run and check write nothing but report drift', async () => {
    const t = tree({ 'a.txt': 'one\n' });
    const dry = await writeFileTree(t, dir, { dryRun: true });
    expect(dry.written).toBe(false);
    expect(dry.drift).toBe(true);
    await expect(readFile(path.join(dir, 'a.txt'), 'utf8')).rejects.toThrow();
    const check = await writeFileTree(t, dir, { check: true });
    expect(check.drift).toBe(true);
  });

  it('never overwrites a file the user edited, unless forced', async () => {
    await writeFileTree(tree({ 'a.txt': 'one\n' }), dir);
    await writeFile(path.join(dir, 'a.txt'), 'user edit\n');
    const r = await writeFileTree(tree({ 'a.txt': 'two\n' }), dir);
    expect(r.conflicts).toEqual(['a.txt']);
    expect(r.written).toBe(false);
    expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('user edit\n');
    const forced = await writeFileTree(tree({ 'a.txt': 'two\n' }), dir, { force: true });
    expect(forced.written).toBe(true);
    expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('two\n');
  });

  it('treats an unknown pre-existing file as a conflict', async () => {
    await writeFile(path.join(dir, 'a.txt'), 'mine\n');
    const r = await writeFileTree(tree({ 'a.txt': 'generated\n' }), dir);
    expect(r.conflicts).toEqual(['a.txt']);
  });

  it('removes files it generated before that are no longer generated, but not edited ones', async () => {
    await writeFileTree(tree({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' }), dir);
    await writeFile(path.join(dir, 'c.txt'), 'edited\n');
    const r = await writeFileTree(tree({ 'a.txt': 'a\n' }), dir);
    expect(r.entries.filter((e) => e.change === 'delete').map((e) => e.path)).toEqual(['b.txt']);
    await expect(readFile(path.join(dir, 'b.txt'), 'utf8')).rejects.toThrow();
    expect(await readFile(path.join(dir, 'c.txt'), 'utf8')).toBe('edited\n');
  });

  it('counts added and removed lines', async () => {
    await writeFileTree(tree({ 'a.txt': 'x\ny\n' }), dir);
    const r = await writeFileTree(tree({ 'a.txt': 'x\nz\nw\n' }), dir, { dryRun: true });
    expect(r.entries[0]).toMatchObject({ change: 'update', added: 2, removed: 1 });
  });

  it('writes a wide, deep tree concurrently, then rewrites only what changed', async () => {
    const entries: Record<string, string> = {};
    for (let a = 0; a < 5; a++) for (let f = 0; f < 60; f++) entries[`apps/a${a}/src/functions/f${f}/index.js`] = `export const n = ${a * 100 + f};\n`;
    const first = await writeFileTree(tree(entries), dir);
    expect(first.entries.filter((e) => e.change === 'create')).toHaveLength(300);
    for (const [rel, content] of Object.entries(entries)) expect(await readFile(path.join(dir, rel), 'utf8')).toBe(content);
    const untouched = path.join(dir, 'apps/a0/src/functions/f0/index.js');
    const mtime = (await stat(untouched)).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    const changed = { ...entries, 'apps/a4/src/functions/f59/index.js': 'export const n = -1;\n' };
    const second = await writeFileTree(tree(changed), dir);
    expect(second.entries.filter((e) => e.change !== 'unchanged')).toEqual([{ path: 'apps/a4/src/functions/f59/index.js', change: 'update', added: 1, removed: 1 }]);
    expect((await stat(untouched)).mtimeMs).toBe(mtime);
  });

  it('leaves no temporary file and no manifest when a write fails midway', async () => {
    // A name that fits the file system but whose temporary name does not (ENAMETOOLONG): fails as root too.
    const entries: Record<string, string> = { [`open/${'x'.repeat(245)}.txt`]: 'x\n' };
    for (let i = 0; i < 40; i++) entries[`open/f${i}.txt`] = `${i}\n`;
    await expect(writeFileTree(tree(entries), dir)).rejects.toMatchObject({ code: 'output.write' });
    const all = await readdir(dir, { recursive: true });
    expect(all.filter((f) => f.endsWith('.migrate.tmp'))).toEqual([]);
    expect(all).not.toContain('.migrate/manifest.json');
    // What was written is whole.
    for (const f of all.filter((f) => /^open\/f\d+\.txt$/.test(f))) expect(await readFile(path.join(dir, f), 'utf8')).toMatch(/^\d+\n$/);
  });

  it('replaces a leftover temporary file of an interrupted run', async () => {
    await writeFile(path.join(dir, `a.txt.${process.pid}.migrate.tmp`), 'half');
    const r = await writeFileTree(tree({ 'a.txt': 'whole\n' }), dir);
    expect(r.written).toBe(true);
    expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('whole\n');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

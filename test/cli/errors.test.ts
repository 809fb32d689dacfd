import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cli-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('the migrate program', () => {
  it('prints help on stdout and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/discover/);
    expect(r.stdout).toMatch(/plan/);
    expect(r.stdout).toMatch(/convert/);
  });

  it('reports a usage error on one line with exit 2', async () => {
    const r = await runCli(['discover', '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown option '--no-such-flag'/);
  });

  it('requires exactly one discovery source', async () => {
    const r = await runCli(['discover', '--out', 'x.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/either --template .* or --aws/);
  });

  it('names the file and position of malformed plan input, without a stack trace', async () => {
    const bad = path.join(dir, 'plan.json');
    await writeFile(bad, '{\n  "schemaVersion": 1,\n  oops\n}\n');
    const r = await runCli(['convert', '--plan', bad, '--out-dir', path.join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${bad}:3:3`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(dir)).toEqual(['plan.json']);
  });

  it('rejects an inventory that does not match the schema, naming the field', async () => {
    const inv = path.join(dir, 'inventory.json');
    await writeFile(inv, JSON.stringify({ schemaVersion: 1, source: { kind: 'templates', includeValues: false }, functions: 'nope', roles: [], layers: [], apis: [], warnings: [] }));
    const r = await runCli(['plan', '--inventory', inv, '--out-dir', path.join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/inventory\.json: inventory does not match inventory\.schema\.json: \/functions must be array/);
  });
});

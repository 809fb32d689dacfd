// `migrate discover --template` end to end, in-process: exit codes, one-line errors, and no partial output.
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let out: string;
beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'disc-cli-'));
});
afterEach(async () => rm(out, { recursive: true, force: true }));

describe('migrate discover --template', () => {
  it('writes a schema-valid inventory and a summary, exit 0', async () => {
    const r = await runCli(['discover', '--template', 'fixtures/estates/retail-sam', '--out', path.join(out, 'inv.json')], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Discovered 13 functions/);
    expect(r.stdout).toMatch(/api-gateway-rest\s+4/);
    const inv = JSON.parse(await readFile(path.join(out, 'inv.json'), 'utf8'));
    expect(inv.functions).toHaveLength(13);
  });

  it('accepts several inputs and a --function filter; paths are relative to their common root', async () => {
    const file = path.join(out, 'inv.json');
    const r = await runCli(['discover', '--template', 'fixtures/estates/orders-cfn/orders.template.json', '--template', 'fixtures/estates/legacy-runtimes', '--function', 'orders-*', '--out', file, '--json'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ functions: 11 });
    const inv = JSON.parse(await readFile(file, 'utf8'));
    expect(inv.source.paths).toEqual(['legacy-runtimes', 'orders-cfn/orders.template.json']);
    expect(inv.functions[0].id).toMatch(/^orders-cfn\/orders\.template\.json#/);
    expect(path.resolve(out, inv.source.root)).toBe(path.join(ROOT, 'fixtures/estates'));
  });

  const bad: [string, RegExp][] = [
    ['fixtures/invalid/malformed-yaml', /^migrate: fixtures\/invalid\/malformed-yaml\/template\.yaml:9:1: malformed YAML/],
    ['fixtures/invalid/malformed-json', /^migrate: fixtures\/invalid\/malformed-json\/template\.json:9:7: malformed JSON/],
    ['fixtures/invalid/circular-ref', /^migrate: fixtures\/invalid\/circular-ref\/template\.yaml:8:3: circular condition reference/],
    ['fixtures/invalid/circular-serverless', /^migrate: fixtures\/invalid\/circular-serverless\/serverless\.yml:7:3: circular Serverless variable/],
    ['fixtures/invalid/not-a-template/notes.yaml', /^migrate: fixtures\/invalid\/not-a-template\/notes\.yaml:1:1: not a SAM, CloudFormation or Serverless/],
    ['fixtures/invalid/not-a-template', /^migrate: fixtures\/invalid\/not-a-template: no SAM, CloudFormation or Serverless Framework templates found/],
    ['fixtures/invalid/unknown-shape', /^migrate: fixtures\/invalid\/unknown-shape\/template\.yaml:1:1: not a SAM/],
    ['fixtures/does-not-exist', /^migrate: fixtures\/does-not-exist: no such file or directory/],
  ];
  for (const [input, message] of bad) {
    it(`rejects ${input} with exit 2, one line, and no inventory`, async () => {
      const r = await runCli(['discover', '--template', input, '--out', path.join(out, 'inv.json')], { cwd: ROOT });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(await readdir(out)).toEqual([]);
    });
  }

  it('fails the whole run when one template in a directory is broken (a missing template is a missing function)', async () => {
    const repo = path.join(out, 'repo');
    await cp(path.join(ROOT, 'fixtures/estates/handler-shapes'), path.join(repo, 'good'), { recursive: true });
    await cp(path.join(ROOT, 'fixtures/invalid/malformed-yaml'), path.join(repo, 'bad'), { recursive: true });
    const r = await runCli(['discover', '--template', 'repo', '--out', 'inv.json'], { cwd: out });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^migrate: repo\/bad\/template\.yaml:9:1: malformed YAML/);
    expect((await readdir(out)).sort()).toEqual(['repo']);
  });
});

describe('directory search', () => {
  it('skips, with a warning, an unparseable file that only mentions Lambda types, but still reads the real templates', async () => {
    const repo = path.join(out, 'repo');
    await cp(path.join(ROOT, 'fixtures/estates/handler-shapes'), path.join(repo, 'svc'), { recursive: true });
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir(path.join(repo, 'test'), { recursive: true });
    await writeFile(path.join(repo, 'test/snapshot.json'), '// jest snapshot\n{"Type": "AWS::Lambda::Function",}\n');
    const r = await runCli(['discover', '--template', 'repo', '--out', 'inv.json'], { cwd: out });
    expect(r.code).toBe(0);
    const inv = JSON.parse(await readFile(path.join(out, 'inv.json'), 'utf8'));
    expect(inv.functions).toHaveLength(13);
    const skipped = inv.warnings.filter((w: { code: string }) => w.code.startsWith('template.'));
    expect(skipped.map((w: { code: string; source: { file: string } }) => `${w.code} ${w.source.file}`)).toEqual(['template.unparseable test/snapshot.json']);
  });
});

// `migrate plan` through run(): exit codes for --fail-on, bad rule files, --disable reasons, formats, determinism.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { CliIO } from '../../src/cli/io.js';
import type { Plan } from '../../src/model/plan.js';
import { makeInventory, type FixtureSpec } from './support/inventory.js';

function workspace(spec: FixtureSpec, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-cli-'));
  const { inventory } = makeInventory(spec);
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'inventory.json'), JSON.stringify(inventory));
  writeFileSync(path.join(dir, 'src', 'index.js'), "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\nexport const handler = async (event) => {\n  await new S3Client({}).send(new PutObjectCommand({}));\n};\n");
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), c);
  }
  return dir;
}

async function plan(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false, env: {}, cwd };
  const code = await run(['plan', '--inventory', 'inventory.json', '--out-dir', 'out', ...args], io);
  return { code, stdout, stderr, read: (f: string) => readFileSync(path.join(cwd, 'out', f), 'utf8') };
}

const clean: FixtureSpec = { functions: [{ name: 'api', triggers: [{ id: 'get', kind: 'api-gateway-http', path: '/items', method: 'GET' }] }] };
const blocked: FixtureSpec = { functions: [{ name: 'big', memorySize: 8192 }] };

describe('migrate plan', () => {
  it('writes plan.json, plan.md and plan.sarif and exits 0 without blockers', async () => {
    const dir = workspace(clean);
    const r = await plan(dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Planned 1 function\(s\) into 1 app/);
    const p = JSON.parse(r.read('plan.json')) as Plan;
    expect(p.apps[0]!.functions[0]!.entries[0]!.trigger).toMatchObject({ type: 'http', route: 'items' });
    expect(p.apps[0]!.functions[0]!.strategy).toBe('rewrite');
    // plan.source.root is re-expressed relative to --out-dir so convert finds the handler from plan.json alone.
    expect(p.source.root).toBe('..');
    expect(existsSync(path.join(dir, 'out', p.source.root!, p.apps[0]!.functions[0]!.handler!.file))).toBe(true);
    expect(r.read('plan.md')).toContain('# Migration plan');
    const sarif = JSON.parse(r.read('plan.sarif'));
    expect(sarif.version).toBe('2.1.0');
  });

  it('scans handler code and locates SDK findings at file:line', async () => {
    const r = await plan(workspace(clean), '--format', 'sarif');
    const p = JSON.parse(r.read('plan.json')) as Plan;
    const sdk = p.findings.find((f) => f.ruleId === 'DPN-W005')!;
    expect(sdk.location).toEqual({ file: 'src/index.js', line: 1 });
    const sarif = JSON.parse(r.read('plan.sarif'));
    const res = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'DPN-W005');
    expect(res.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'src/index.js', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
    expect(sarif.runs[0].tool.driver.rules.every((x: { helpUri: string }) => x.helpUri.startsWith('https://'))).toBe(true);
  });

  it('exits 1 on blockers by default, 0 with --fail-on never, 1 on warnings with --fail-on warning', async () => {
    expect((await plan(workspace(blocked))).code).toBe(1);
    expect((await plan(workspace(blocked), '--fail-on', 'never')).code).toBe(0);
    expect((await plan(workspace(clean), '--fail-on', 'warning')).code).toBe(1);
  });

  it('records --disable with its reason and drops the findings', async () => {
    const r = await plan(workspace(blocked), '--disable', 'CAP-B001', '--json');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.read('plan.json')) as Plan;
    expect(p.disabledRules).toEqual([{ id: 'CAP-B001', reason: 'disabled on the command line', by: 'cli' }]);
    expect(p.findings.some((f) => f.ruleId === 'CAP-B001')).toBe(false);
    expect(JSON.parse(r.stdout)).toMatchObject({ functions: 1, exitCode: 0 });
    expect(r.stderr).toBe('');
  });

  it('reads .migraterc.yaml from the cwd: disabled rules with reasons, groupBy and cost', async () => {
    const dir = workspace(blocked, { '.migraterc.yaml': 'disable:\n  - id: CAP-B001\n    reason: accepted, moving to Premium anyway\ngroupBy: single\ncost:\n  invocationsPerMonthPerFunction: 5000\n' });
    const r = await plan(dir);
    expect(r.code).toBe(0);
    const p = JSON.parse(r.read('plan.json')) as Plan;
    expect(p.disabledRules).toEqual([{ id: 'CAP-B001', reason: 'accepted, moving to Premium anyway', by: '.migraterc.yaml' }]);
    expect(p.options.groupBy).toBe('single');
    expect(p.cost.assumptions.invocationsPerMonthPerFunction).toBe(5000);
  });

  it('exits 2 naming file:line:col for an invalid user rule file', async () => {
    const dir = workspace(clean, { 'my-rules/bad.yaml': 'area: governance\nrules:\n  - id: GOV-W901\n    title: Bad\n    severity: warning\n    subject: lambda\n' });
    const r = await plan(dir, '--rules', 'my-rules');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^migrate: my-rules\/bad\.yaml:\d+:\d+: /);
  });

  it('applies user rules from --rules', async () => {
    const rule = 'area: governance\nrules:\n  - id: GOV-W901\n    title: Function names must be lowercase\n    severity: warning\n    subject: function\n    condition: { attr: name, op: matches, value: "[A-Z]" }\n    message: "{name} has capitals"\n    recommendation: rename it\n    docs: https://example.com/naming\n    confidence: documented\n';
    const dir = workspace({ functions: [{ name: 'Upper' }, { name: 'lower' }] }, { 'my-rules/naming.yaml': rule });
    const r = await plan(dir, '--rules', 'my-rules', '--fail-on', 'never');
    const p = JSON.parse(r.read('plan.json')) as Plan;
    expect(p.findings.filter((f) => f.ruleId === 'GOV-W901').map((f) => p.subjects[f.subjectIndex]!.name)).toEqual(['Upper']);
    expect(p.options.rulesets).toEqual(['builtin', 'my-rules']);
  });

  it('rejects unknown --disable ids and formats with exit 2', async () => {
    expect((await plan(workspace(clean), '--disable', 'CAP-B999')).code).toBe(2);
    expect((await plan(workspace(clean), '--format', 'html')).code).toBe(2);
  });

  it('is deterministic: the same inventory gives byte-identical outputs', async () => {
    const spec: FixtureSpec = {
      functions: [
        { name: 'a', role: 'r', environment: [{ name: 'API_KEY', kind: 'secret-like' }], triggers: [{ id: 'q', kind: 'sqs', queue: 'orders', fifo: true }] },
        { name: 'b', role: 'r', triggers: [{ id: 't', kind: 'schedule', expression: 'rate(5 minutes)', via: 'events' }] },
      ],
      roles: [{ name: 'r', actions: ['s3:GetObject', 'dynamodb:*'] }],
    };
    const one = await plan(workspace(spec), '--fail-on', 'never');
    const two = await plan(workspace(spec), '--fail-on', 'never');
    for (const f of ['plan.json', 'plan.md', 'plan.sarif']) expect(one.read(f)).toBe(two.read(f));
  });
});

describe('migrate plan --keep-in-aws', () => {
  const writer: FixtureSpec = { functions: [{ name: 'writer', environment: [{ name: 'BUCKET', kind: 'reference', value: 'Ref:Reports' }] }] };

  it('keeps a resource in AWS from the flag or the config, and refuses a name that matches nothing', async () => {
    const dir = workspace(writer, { 'src/index.js': "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\nexport const handler = async () => new S3Client({}).send(new PutObjectCommand({ Bucket: process.env.BUCKET }));\n" });
    const moved = await plan(dir);
    expect((JSON.parse(moved.read('plan.json')) as Plan).dataPlane).toEqual([expect.objectContaining({ id: 's3:BUCKET', decision: 'move', operations: ['PutObject'] })]);
    expect(moved.read('plan.md')).toContain('| S3 bucket BUCKET | writer | move | Blob Storage container `bucket` |');
    const kept = await plan(dir, '--keep-in-aws', 's3:BUCKET');
    expect((JSON.parse(kept.read('plan.json')) as Plan).dataPlane![0]!.decision).toBe('stay');
    const typo = await plan(dir, '--keep-in-aws', 's3:BUCKTE');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/keep-in-aws 's3:BUCKTE' \(--keep-in-aws\) matches no data-plane resource/);
    writeFileSync(path.join(dir, '.migraterc.yaml'), 'keepInAws:\n  - s3\n');
    expect((JSON.parse((await plan(dir)).read('plan.json')) as Plan).dataPlane![0]!.reason).toContain('kept in AWS by .migraterc.yaml s3');
    writeFileSync(path.join(dir, '.migraterc.yaml'), 'keepInAws: s3\n');
    const bad = await plan(dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('keepInAws must be a list');
  });
});

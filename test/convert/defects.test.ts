// Defects found by running the pipeline over public repositories, each reduced to a fixture estate of our own
// (fixtures/defects/<name>): discover → plan → convert in-process, asserting what used to go wrong.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/model/inventory.js';
import type { Plan } from '../../src/model/plan.js';
import { runCli } from '../support/cli.js';
import { REPO } from './support/convert-estate.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'defects-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  dir: string;
  discover: { code: number; stderr: string };
  inventory?: Inventory;
  plan?: Plan;
  convert?: { code: number; stderr: string; json: { warnings: { code: string; message: string }[]; functions: Record<string, number> } };
  file: (rel: string) => string;
}

async function pipeline(estate: string): Promise<Run> {
  const dir = path.join(work, estate);
  const file = (rel: string) => readFileSync(path.join(dir, rel), 'utf8');
  const discover = await runCli(['discover', '--template', path.join(REPO, 'fixtures/defects', estate), '--out', path.join(dir, 'inventory.json')], { cwd: REPO });
  if (discover.code > 1) return { dir, discover, file };
  const plan = await runCli(['plan', '--inventory', path.join(dir, 'inventory.json'), '--out-dir', dir, '--fail-on', 'never', '--format', 'json'], { cwd: REPO });
  expect(plan.code, plan.stderr).toBeLessThanOrEqual(1);
  const convert = await runCli(['convert', '--plan', path.join(dir, 'plan.json'), '--out-dir', path.join(dir, 'azure'), '--json'], { cwd: REPO });
  return {
    dir,
    discover,
    inventory: JSON.parse(file('inventory.json')) as Inventory,
    plan: JSON.parse(file('plan.json')) as Plan,
    convert: { code: convert.code, stderr: convert.stderr, json: JSON.parse(convert.stdout || '{}') as NonNullable<Run['convert']>['json'] },
    file,
  };
}

const fnNamed = (inv: Inventory, name: string) => inv.functions.find((f) => f.name === name)!;
const appFile = (r: Run, rel: string) => r.file(`azure/apps/${r.plan!.apps[0]!.name}/${rel}`);

describe('defects found on public repositories', () => {
  it('CodeUri naming a .zip is a manual function with the reason; naming one file makes that file the code', async () => {
    const r = await pipeline('code-uri-file');
    expect(r.convert!.code, r.convert!.stderr).toBe(0);
    const zip = fnNamed(r.inventory!, 'ArchivedFunction');
    expect(zip.code).toMatchObject({ archive: 'artifacts/bundle.zip' });
    expect(r.inventory!.warnings.map((w) => w.code)).toContain('code.archive');
    const planned = r.plan!.apps.flatMap((a) => a.functions);
    expect(planned.find((f) => f.lambdaName === 'ArchivedFunction')).toMatchObject({ strategy: 'manual', strategyReason: expect.stringContaining('built archive (artifacts/bundle.zip)') });
    expect(fnNamed(r.inventory!, 'SingleFileFunction').handler).toMatchObject({ file: 'single/greet.js', exists: true });
    const app = r.plan!.apps.find((a) => a.functions.some((f) => f.lambdaName === 'SingleFileFunction'))!;
    expect(r.file(`azure/apps/${app.name}/src/greet.js`)).toContain('hello ${who}');
    expect(() => r.file(`azure/apps/${app.name}/src/unrelated.js`)).toThrow(); // not part of the one-file package
  });

  it('two handlers exported from one module share one rewrite of it', async () => {
    const r = await pipeline('shared-handler-module');
    expect(r.convert!.code, r.convert!.stderr).toBe(0);
    expect(r.convert!.json.functions).toMatchObject({ rewrite: 2, manual: 0 });
    const handler = appFile(r, 'src/handler.js');
    expect(handler).toContain('module.exports.openAccount');
    expect(handler).toContain('module.exports.closeAccount');
  });

  it("an invoke permission for `${Api}/*/*` means every method and path, not method '*}'", async () => {
    const r = await pipeline('permission-only');
    expect(r.convert!.code, r.convert!.stderr).toBe(0);
    expect(fnNamed(r.inventory!, 'PingFunction').triggers[0]).toMatchObject({ kind: 'api-gateway-rest', method: 'ANY', path: '/*' });
  });

  it('accepts a flow mapping closed at its parent indentation (as PyYAML does), keeping the values', async () => {
    const r = await pipeline('yaml-flow-indent');
    expect(r.discover.code, r.discover.stderr).toBe(0);
    const fn = fnNamed(r.inventory!, 'StatusFunction');
    expect(fn.environment.map((e) => e.name).sort()).toEqual(['REGION_LABEL', 'STATUS_TEXT']);
    expect(fn.triggers[0]).toMatchObject({ kind: 'api-gateway-http', method: 'GET', path: '/status' });
  });

  it('really malformed YAML still fails with file:line:column', async () => {
    const r = await runCli(['discover', '--template', path.join(REPO, 'fixtures/invalid/malformed-yaml'), '--out', path.join(work, 'bad.json')], { cwd: REPO });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.ya?ml:\d+:\d+: malformed YAML/);
  });

  it('an unrendered cookiecutter template is one line saying to render it first (exit 2, file:line:col)', async () => {
    const r = await pipeline('cookiecutter-unrendered');
    expect(r.discover.code).toBe(2);
    expect(r.discover.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.discover.stderr).toMatch(/template\.yaml:5:3: unrendered cookiecutter template .*render it first/);
  });

  it('InlineCode and Code.ZipFile become the handler file and are converted', async () => {
    const r = await pipeline('inline-code');
    expect(r.convert!.code, r.convert!.stderr).toBe(0);
    expect(r.convert!.json.functions.manual).toBe(0);
    expect(fnNamed(r.inventory!, 'TickFunction').handler).toMatchObject({ file: 'inline-code/TickFunction/index.js', export: 'handler' });
    const appOf = (name: string) => r.plan!.apps.find((a) => a.functions.some((f) => f.lambdaName === name))!.name;
    expect(r.file(`azure/apps/${appOf('EchoFunction')}/src/EchoFunction/index.js`)).toContain('echoed: event.body');
    expect(r.file(`azure/apps/${appOf('TickFunction')}/src/TickFunction/index.js`)).toContain("'tick'");
    expect(r.file(`azure/apps/${appOf('ShoutFunction')}/index.py`)).toContain('.upper()'); // Python: Lambda's index.py
  });

  it('keeps a non-proxy integration type and reports no false dependency loop', async () => {
    const cfn = await pipeline('rest-non-proxy');
    expect(fnNamed(cfn.inventory!, 'QuoteFunction').triggers).toEqual([expect.objectContaining({ kind: 'api-gateway-rest', integration: 'AWS', method: 'POST', path: '/quote' })]);
    const sam = await pipeline('sam-api-non-proxy');
    expect(fnNamed(sam.inventory!, 'ConvertFunction').triggers).toEqual([expect.objectContaining({ integration: 'AWS', method: 'POST', path: '/convert' })]);
    expect(sam.inventory!.warnings.map((w) => w.code)).not.toContain('template.circular-dependency');
    // The plan says what the non-proxy integration means for the converted HTTP function.
    const { resolveFindings } = await import('../../src/model/findings.js');
    const findings = resolveFindings(cfn.plan as unknown as Parameters<typeof resolveFindings>[0]);
    expect(findings.find((f) => f.ruleId === 'CAP-W026')?.message).toContain('POST /quote uses a non-proxy (AWS) integration');
  });

  it('a handler the module does not export is a warning naming file and export, and a manual function', async () => {
    const r = await pipeline('missing-export');
    const w = r.convert!.json.warnings.find((x) => x.code === 'convert.handler-not-exported');
    expect(w?.message).toContain('src/report.js does not export "handler" (it exports "main")');
    expect(r.convert!.json.functions).toMatchObject({ manual: 1 });
  });

  it('discovers a serverless-lift queue worker with its SQS trigger and names alexaSkill in a warning', async () => {
    const r = await pipeline('lift-worker');
    const worker = fnNamed(r.inventory!, 'mailer-dev-outboxWorker');
    expect(worker.handler).toMatchObject({ file: 'src/send.js', export: 'handler' });
    expect(worker.timeout).toBe(20);
    expect(worker.triggers).toEqual([expect.objectContaining({ kind: 'sqs', batchSize: 1 })]);
    expect(r.inventory!.warnings.find((x) => x.code === 'serverless.unknown-event')?.message).toMatch(/alexaSkill .*Alexa invokes the Lambda function directly/);
  });
});

describe('generated Node project files', () => {
  it('pins exact versions from one table, keeps the user compiler options, SDK clients, type packages and lockfile versions', async () => {
    const r = await pipeline('node-dependencies');
    expect(r.convert!.code, r.convert!.stderr).toBe(0);
    const pkg = JSON.parse(appFile(r, 'package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string>; overrides?: unknown };
    const { VERSIONS } = await import('../../src/convert/node/dependencies.js');
    expect(pkg.dependencies['@azure/functions']).toBe(VERSIONS['@azure/functions']);
    expect(pkg.dependencies['@aws-sdk/client-qldb']).toBe('3.918.0'); // imported, undeclared: the runtime preinstalled it
    expect(pkg.dependencies['@aws-sdk/client-s3']).toBe('3.1169.0'); // declared ^3.400.0, lockfile resolved 3.1169.0
    expect(pkg.dependencies['left-pad']).toBe('1.3.0');
    expect(pkg.devDependencies['@types/aws-lambda']).toBe('8.10.150'); // only a subpath import, kept from devDependencies
    expect(pkg.devDependencies['@types/node']).toMatch(/^22\.\d+\.\d+$/);
    expect(pkg.overrides).toEqual({ 'left-pad': '1.3.0' });
    for (const v of [...Object.values(pkg.dependencies), ...Object.values(pkg.devDependencies)]) expect(v).not.toMatch(/^[\^~*]/);
    expect(pkg.scripts.test).toBe('npm run build && node --test "dist/test/**/*.equivalence.test.js"');
    const tsconfig = JSON.parse(appFile(r, 'tsconfig.json')) as { compilerOptions: Record<string, unknown> };
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, noImplicitAny: false, experimentalDecorators: true, module: 'nodenext', outDir: 'dist' });
  });
});

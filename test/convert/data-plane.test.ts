// The data plane moved and proven: the fixture estate's handlers (S3, DynamoDB client + DocumentClient, SQS to a
// storage queue and to Service Bus, SNS, EventBridge, Secrets Manager, SSM) convert to Azure SDK calls with no AWS
// SDK import left, the projects build, and the generated data-plane tests pass — each runs the original against
// moto and the converted function against Azurite and the Cosmos DB stand-in, and compares responses and state.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertPlan } from '../../src/convert/index.js';
import { fsSourceReader } from '../../src/convert/fs-source.js';
import { writeFileTree } from '../../src/util/file-tree.js';
import { REPO } from './support/convert-estate.js';
import { DATA_PLANE_ESTATE, dataPlanePlan } from './support/data-plane-estate.js';

const MOTO = path.join(REPO, '.venv/py/bin/moto_server');
const APP = 'apps/data-plane-node';

describe('data plane: codemods and generated stand-in tests (fixtures/data-plane-estates/node-sam)', () => {
  let out: string;
  let tree: Map<string, string>;

  beforeAll(async () => {
    const converted = await convertPlan(await dataPlanePlan(), fsSourceReader(DATA_PLANE_ESTATE), { mode: 'auto', emit: false });
    tree = converted.tree;
    out = mkdtempSync(path.join(os.tmpdir(), 'convert-data-plane-'));
    const estate = path.join(out, 'estate');
    await writeFileTree(tree, estate);
    // As in equivalence.test.ts: the runtime package linked where npm puts its copy, one shared node_modules above.
    mkdirSync(path.join(estate, 'node_modules'));
    symlinkSync(path.join(estate, 'packages/migrate-runtime'), path.join(estate, 'node_modules/migrate-runtime'), 'dir');
    symlinkSync(path.join(REPO, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  }, 120_000);

  afterAll(() => {
    if (!process.env.KEEP_CONVERT_OUT && out) rmSync(out, { recursive: true, force: true });
  });

  it('converted handlers import no AWS SDK for moved resources, and read the moved secret and parameter from settings', () => {
    for (const f of ['src/orders.mjs', 'src/files.js', 'src/notify.ts']) {
      const text = tree.get(`${APP}/${f}`)!;
      expect(text, f).not.toMatch(/@aws-sdk\//);
      expect(text, f).not.toMatch(/TODO\(migrate:DPN-W002\)/);
    }
    expect(tree.get(`${APP}/src/notify.ts`)).toContain('({ SecretString: process.env.DB_SECRET })');
    expect(tree.get(`${APP}/src/orders.mjs`)).toContain("cosmosTables({ EVENTS_TABLE: { partitionKey: 'pk', sortKey: 'sk' }, ORDERS_TABLE: { partitionKey: 'orderId' } })");
    const pkg = JSON.parse(tree.get(`${APP}/package.json`)!) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    for (const dep of ['@azure/cosmos', '@azure/storage-blob', '@azure/storage-queue', '@azure/service-bus', '@azure/eventgrid', '@azure/identity']) expect(pkg.dependencies).toHaveProperty([dep]);
    expect(pkg.scripts['test:data-plane']).toContain('data-plane.test.js');
  });

  it('a resource kept in AWS keeps its AWS SDK client, fed by the managed identity (no keys), and its data-plane test reaches it on moto through web-identity federation', async () => {
    const kept = await convertPlan(await dataPlanePlan(['s3:UploadsBucket']), fsSourceReader(DATA_PLANE_ESTATE), { mode: 'auto', emit: false });
    const files = kept.tree.get(`${APP}/src/files.js`)!;
    expect(files).toContain("const { awsWebIdentityCredentials } = require('migrate-runtime/aws-keyless');");
    expect(files).toContain('const s3 = new S3Client({ credentials: awsWebIdentityCredentials() });');
    expect(files).toContain('await s3.send(new PutObjectCommand(');
    // The table in the same module still moves.
    expect(files).toContain("cosmosTables({ ORDERS_TABLE: { partitionKey: 'orderId' } }, { marshalled: true })");
    expect(files).not.toMatch(/AWS_ACCESS_KEY_ID|secretAccessKey/);
    const pkg = JSON.parse(kept.tree.get(`${APP}/package.json`)!) as { dependencies: Record<string, string> };
    expect(pkg.dependencies).toHaveProperty(['@aws-sdk/credential-providers']);
    expect(kept.tree.get(`${APP}/test/files-function.data-plane.test.ts`)).toMatch(/"envVar": "UPLOADS_BUCKET",\n[^}]*"stay": true/);
    // Run that function's generated test: the kept bucket on moto through federation, the table on the Cosmos stand-in.
    const dir = path.join(out, 'kept');
    await writeFileTree(new Map([...kept.tree].filter(([k]) => k.startsWith(`${APP}/`) || k.startsWith('packages/'))), dir);
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(path.join(dir, 'packages/migrate-runtime'), path.join(dir, 'node_modules/migrate-runtime'), 'dir');
    const project = path.join(dir, APP);
    const tsc = spawnSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const r = spawnSync(process.execPath, ['--test', path.join(project, 'dist/test/files-function.data-plane.test.js')], { encoding: 'utf8', cwd: project, env: { ...process.env, MOTO_SERVER: MOTO } });
    expect(r.stdout, r.stdout.slice(-4000)).toMatch(/# pass 1\b/);
  }, 180_000);

  it('builds, and every generated data-plane test passes against moto, Azurite and the Cosmos DB stand-in', () => {
    const project = path.join(out, 'estate', APP);
    const tsc = spawnSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const tests = readdirSync(path.join(project, 'dist/test')).filter((f) => f.endsWith('.data-plane.test.js')).sort();
    expect(tests).toHaveLength(3);
    let output = '';
    try {
      output = execFileSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=tap', ...tests.map((t) => path.join(project, 'dist/test', t))], {
        encoding: 'utf8',
        cwd: project,
        env: { ...process.env, MOTO_SERVER: MOTO },
      });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(output.split('\n').filter((l) => /^\s*not ok/.test(l)), output.slice(-8000)).toEqual([]);
    expect(output).toMatch(/# pass 3\b/);
    expect(output).toMatch(/Event Grid and Service Bus sends asserted at the Azure SDK boundary/);
  }, 300_000);

  it('fails a generated data-plane test when the converted handler writes different state', () => {
    const project = path.join(out, 'estate', APP);
    const built = path.join(project, 'dist/src/files.js');
    writeFileSync(built, readFileSync(built, 'utf8').replace("Key: `archive/${name}`", "Key: `archived/${name}`"));
    const test = path.join(project, 'dist/test', readdirSync(path.join(project, 'dist/test')).find((f) => f.startsWith('files') && f.endsWith('.data-plane.test.js'))!);
    const r = spawnSync(process.execPath, ['--test', test], { encoding: 'utf8', cwd: project, env: { ...process.env, MOTO_SERVER: MOTO } });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/# fail 1/);
  }, 120_000);
});

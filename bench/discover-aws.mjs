// Live discovery at scale. Three measurements, one JSON line:
//  1. moto: seeds N_MOTO functions with triggers (SQS mappings, SNS, EventBridge, S3; seeding is not timed), then
//     discovers them unpaced in a child process: wall time, API calls per function by call name, peak RSS.
//  2. the fake Lambda API with AWS's page sizes (50 per ListFunctions page, 100 per tagging page) enforcing the real
//     quotas (100/15/15 rps, 429 beyond): N_FAKE functions discovered at the production pacing and retry mode; Lambda
//     and tagging calls per function; wall time over the quota floor (the time the calls made need at exactly the
//     quotas); nothing lost.
//  3. the same with 20% of Lambda and tagging requests answered 429 (injected, deterministic): wall time over the same
//     floor.
//  4. an estate variant, stated as such: the same estate with every 20th function reserving concurrency (spread over
//     the estate, so the accounting reads nearly every function); calls per function only, unpaced.
// Goals (issue 15): <= 2.5 Lambda calls per function, <= 1.2x the floor, <= 1.5x the floor under 20% throttling.
// Run after `npm run build`. Env: BENCH_MOTO_FUNCTIONS (default 1000; 0 skips moto), BENCH_FAKE_FUNCTIONS (default 200).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(ROOT, 'dist/discover/aws/index.js');
const ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', NO_COLOR: '1' };
const UNPACED = { 'lambda.GetFunction': 1e6, 'lambda.GetPolicy': 1e6, lambda: 1e6, iam: 1e6, sts: 1e6, default: 1e6 };
const quietReporter = { progress: () => ({ tick() {}, done() {} }), info() {}, warn() {}, success() {} };

// ---- child mode: discover against an endpoint and report, so RSS is discovery's alone ----
if (process.argv[2] === '--child') {
  const { discoverAws } = await import(pathToFileURL(DIST).href);
  const stats = { calls: {}, throttleRetries: {} };
  const t0 = performance.now();
  const inv = await discoverAws({ endpointUrl: process.argv[3], regions: ['us-east-1'], includeValues: false, env: ENV, tuning: { limits: UNPACED, concurrency: 16, stats } }, quietReporter);
  const wallMs = performance.now() - t0;
  const triggers = inv.functions.reduce((n, f) => n + f.triggers.length, 0);
  process.stdout.write(`${JSON.stringify({ wallMs, functions: inv.functions.length, triggers, warnings: inv.warnings.map((w) => w.code + ' ' + (w.action ?? '')), calls: stats.calls, maxRssKB: process.resourceUsage().maxRSS })}\n`);
  process.exit(0);
}

if (!existsSync(DIST)) throw new Error('build first: npx tsc -p .');
const N_MOTO = Number(process.env.BENCH_MOTO_FUNCTIONS ?? 1000);
const N_FAKE = Number(process.env.BENCH_FAKE_FUNCTIONS ?? 200);
const log = (s) => process.stderr.write(`[discover-aws] ${s}\n`);

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startMoto() {
  const bin = existsSync(path.join(ROOT, '.venv/py/bin/moto_server')) ? path.join(ROOT, '.venv/py/bin/moto_server') : 'moto_server';
  const port = await freePort();
  const child = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore', env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' } });
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${endpoint}/moto-api/data.json`)).ok) return { endpoint, stop: () => child.kill('SIGTERM') };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('moto_server did not start');
}

async function mapLimit(items, n, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}

/** N functions; i%4: 0 SQS mapping, 1 SNS subscription, 2 EventBridge rule, 3 S3 notification. */
async function seedScale(endpoint, n) {
  const cfg = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  const { IAMClient, CreateRoleCommand } = await import('@aws-sdk/client-iam');
  const L = await import('@aws-sdk/client-lambda');
  const { SQSClient, CreateQueueCommand, GetQueueAttributesCommand } = await import('@aws-sdk/client-sqs');
  const { SNSClient, CreateTopicCommand, SubscribeCommand } = await import('@aws-sdk/client-sns');
  const { EventBridgeClient, PutRuleCommand, PutTargetsCommand } = await import('@aws-sdk/client-eventbridge');
  const { S3Client, CreateBucketCommand, PutBucketNotificationConfigurationCommand } = await import('@aws-sdk/client-s3');
  const { zipFiles } = await import(pathToFileURL(path.join(ROOT, 'test/support/seed/zip.mjs')).href);
  const iam = new IAMClient(cfg), lambda = new L.LambdaClient(cfg), sqs = new SQSClient(cfg), sns = new SNSClient(cfg), eb = new EventBridgeClient(cfg), s3 = new S3Client({ ...cfg, forcePathStyle: true });
  const role = (await iam.send(new CreateRoleCommand({ RoleName: 'bench-role', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }))).Role.Arn;
  const zip = zipFiles({ 'index.js': 'exports.handler = async () => 1;\n' });
  const queues = [], topics = [];
  for (let q = 0; q < 10; q++) {
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: `bench-q${q}` }))).QueueUrl;
    queues.push((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes.QueueArn);
    topics.push((await sns.send(new CreateTopicCommand({ Name: `bench-t${q}` }))).TopicArn);
    await s3.send(new CreateBucketCommand({ Bucket: `bench-b${q}` }));
  }
  const s3Configs = Array.from({ length: 10 }, () => []);
  const names = Array.from({ length: n }, (_, i) => `bench-fn-${String(i).padStart(5, '0')}`);
  await mapLimit(names, 8, async (FunctionName, i) => {
    await lambda.send(new L.CreateFunctionCommand({ FunctionName, Runtime: 'nodejs22.x', Handler: 'index.handler', Role: role, Code: { ZipFile: zip }, Environment: { Variables: { INDEX: String(i) } } }));
    const arn = `arn:aws:lambda:us-east-1:123456789012:function:${FunctionName}`;
    const k = i % 10;
    if (i % 4 === 0) await lambda.send(new L.CreateEventSourceMappingCommand({ FunctionName, EventSourceArn: queues[k], BatchSize: 10 }));
    if (i % 4 === 1) {
      await lambda.send(new L.AddPermissionCommand({ FunctionName, StatementId: 'sns', Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: topics[k] }));
      await sns.send(new SubscribeCommand({ TopicArn: topics[k], Protocol: 'lambda', Endpoint: arn }));
    }
    if (i % 4 === 2) {
      await eb.send(new PutRuleCommand({ Name: `rule-${FunctionName}`, EventPattern: JSON.stringify({ source: [`bench.${i}`] }) }));
      await eb.send(new PutTargetsCommand({ Rule: `rule-${FunctionName}`, Targets: [{ Id: 'fn', Arn: arn }] }));
      await lambda.send(new L.AddPermissionCommand({ FunctionName, StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: `arn:aws:events:us-east-1:123456789012:rule/rule-${FunctionName}` }));
    }
    if (i % 4 === 3) {
      await lambda.send(new L.AddPermissionCommand({ FunctionName, StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: `arn:aws:s3:::bench-b${k}` }));
      s3Configs[k].push({ Id: FunctionName, LambdaFunctionArn: arn, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: `${FunctionName}/` }] } } });
    }
  });
  for (let k = 0; k < 10; k++) await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: `bench-b${k}`, NotificationConfiguration: { LambdaFunctionConfigurations: s3Configs[k] } }));
  for (const c of [iam, lambda, sqs, sns, eb, s3]) c.destroy();
}

/** The fake is TypeScript (shared with the tests): transpile it to a temp dir with the project's compiler. */
async function loadFake(tmp) {
  const ts = (await import('typescript')).default;
  const dir = path.join(tmp, 'fake-lambda');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  for (const f of ['server', 'estate']) {
    const src = readFileSync(path.join(ROOT, `test/support/fake-lambda/${f}.ts`), 'utf8');
    const out = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    writeFileSync(path.join(dir, `${f}.js`), out);
  }
  return { ...(await import(pathToFileURL(path.join(dir, 'server.js')).href)), ...(await import(pathToFileURL(path.join(dir, 'estate.js')).href)) };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-discover-aws-'));
let moto;
try {
  // ---- 1. moto at scale ----
  let motoRun;
  let perFunction;
  if (N_MOTO > 0) {
    moto = await startMoto();
    const s0 = performance.now();
    await seedScale(moto.endpoint, N_MOTO);
    log(`seeded ${N_MOTO} functions in moto in ${Math.round(performance.now() - s0)} ms (not measured)`);
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', moto.endpoint], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) throw new Error(`discovery child failed: ${child.stderr}`);
    motoRun = JSON.parse(child.stdout.trim().split('\n').pop());
    moto.stop();
    moto = undefined;
    perFunction = Object.fromEntries(Object.entries(motoRun.calls).map(([k, v]) => [k, Math.round((v / motoRun.functions) * 1000) / 1000]));
  }

  // ---- 2. and 3. the fake at the real quotas, without and with injected throttling ----
  const { startFakeLambda, fakeEstate } = await loadFake(tmp);
  const QUOTAS = { getFunction: 100, getPolicy: 15, other: 15 };
  const { discoverAws } = await import(pathToFileURL(DIST).href);
  const fakeRun = async (extra, { estate = fakeEstate(N_FAKE), tuning = {} } = {}) => {
    const fake = await startFakeLambda({ ...estate, quotas: QUOTAS, pageSize: 50, tagPageSize: 100, ...extra });
    const stats = { calls: {}, throttleRetries: {} };
    const t0 = performance.now();
    const inv = await discoverAws({ endpointUrl: fake.endpoint, regions: ['us-east-1'], includeValues: false, env: ENV, tuning: { ...tuning, stats } }, quietReporter);
    const wallMs = performance.now() - t0;
    await fake.stop();
    const c = Object.fromEntries(fake.counts);
    // Lambda calls, and the tagging API's pages (a different service, per function like the rest).
    const lambda = Object.entries(c).filter(([k]) => k.startsWith('lambda:') || k.startsWith('tag:'));
    const byClass = {
      getFunction: c['lambda:GetFunction'] ?? 0,
      getPolicy: c['lambda:GetPolicy'] ?? 0,
      other: lambda.filter(([k]) => k.startsWith('lambda:') && k !== 'lambda:GetFunction' && k !== 'lambda:GetPolicy').reduce((n, [, v]) => n + v, 0),
      tagging: c['tag:GetResources'] ?? 0,
    };
    return {
      inv,
      wallMs,
      received: Object.fromEntries(lambda.sort(([a], [b]) => (a < b ? -1 : 1))),
      byClass,
      sent: Object.entries(stats.calls).filter(([k]) => k.startsWith('lambda:') || k.startsWith('tag:')).reduce((n, [, v]) => n + v, 0),
      injected: fake.injectedThrottles,
      quotaThrottles: fake.quotaThrottles,
      throttledWarnings: inv.warnings.filter((w) => w.code === 'aws.throttled').length,
      lost: N_FAKE - inv.functions.length,
    };
  };
  const plain = await fakeRun({});
  const throttled = await fakeRun({ throttleFraction: 0.2, seed: 7 });
  const reservedEstate = fakeEstate(N_FAKE, undefined, { reservedEvery: 20 });
  const reserved = await fakeRun({ quotas: undefined }, { estate: reservedEstate, tuning: { limits: UNPACED } });
  // The floor: the calls one clean run needs, each class at exactly its quota. The tagging API's rate quota is not
  // published: its pages count at 10 requests/s, which we pace at 90% like the other quotas (2 pages for 200 functions).
  const TAGGING_RATE = 10;
  const floorMs = Math.max(plain.byClass.getFunction / QUOTAS.getFunction, plain.byClass.getPolicy / QUOTAS.getPolicy, plain.byClass.other / QUOTAS.other, plain.byClass.tagging / TAGGING_RATE) * 1000;
  const round = (x, d = 1000) => Math.round(x * d) / d;
  const callsPerFunction = round(plain.sent / N_FAKE, 100);
  const floorRatio = round(plain.wallMs / floorMs, 100);
  const throttledFloorRatio = round(throttled.wallMs / floorMs, 100);
  const sameInventory = JSON.stringify(throttled.inv.functions) === JSON.stringify(plain.inv.functions);
  const reservedFound = reserved.inv.functions.filter((f) => f.reservedConcurrency !== undefined).length;
  const goals = [
    { goal: 'discover --aws Lambda (and tagging) API calls per function', measured: callsPerFunction, target: '<= 2.5', pass: callsPerFunction <= 2.5 },
    { goal: 'discover --aws wall time / quota floor', measured: floorRatio, target: '<= 1.2', pass: floorRatio <= 1.2 && plain.lost === 0 && plain.throttledWarnings === 0 },
    { goal: 'discover --aws wall time / quota floor, 20% of calls throttled', measured: throttledFloorRatio, target: '<= 1.5', pass: throttledFloorRatio <= 1.5 && throttled.lost === 0 && sameInventory },
  ];
  if (N_MOTO > 0) goals.push({ goal: 'discover --aws against moto finds every function', measured: motoRun.functions, target: `= ${N_MOTO}`, pass: motoRun.functions === N_MOTO });
  const fakeSummary = (r) => ({ wallMs: Math.round(r.wallMs), lambdaCallsReceived: r.received, quotaThrottles: r.quotaThrottles, injectedThrottles: r.injected, throttledWarnings: r.throttledWarnings, functionsLost: r.lost });

  const result = {
    benchmark: 'discover-aws',
    moto: motoRun && {
      functions: motoRun.functions,
      triggers: motoRun.triggers,
      pacing: 'unpaced (moto never throttles)',
      wallMs: Math.round(motoRun.wallMs),
      callsPerFunction: perFunction,
      peakRssMB: Math.round(motoRun.maxRssKB / 1024),
      warnings: [...new Set(motoRun.warnings)].sort(),
    },
    functions: N_FAKE,
    pageSize: 50,
    tagPageSize: 100,
    // Lambda and tagging calls per function. GetPolicy for every function; the rest only where an answer calls for it
    // (GetFunction: images, and until the reserved concurrency is accounted for; docs/permissions.md).
    callsPerFunction,
    callsPerFunctionByAction: Object.fromEntries(Object.entries(plain.received).map(([k, v]) => [k, round(v / N_FAKE, 100)])),
    quotaFloorMs: Math.round(floorMs),
    floorRatio,
    throttledFloorRatio,
    fake: fakeSummary(plain),
    fakeThrottled20: { ...fakeSummary(throttled), sameInventory },
    // A variant, not the goal's estate: every 20th function reserves concurrency (10 of 200, the last one last in
    // ARN order), so GetFunction is read for nearly every function. Unpaced; calls only.
    variantReservedEvery20: {
      functions: N_FAKE,
      reservedFunctions: reservedEstate.functions.filter((f) => f.reservedConcurrency !== undefined).length,
      reservedFound,
      callsPerFunction: round(reserved.sent / N_FAKE, 100),
      getFunctionPerFunction: round(reserved.byClass.getFunction / N_FAKE, 100),
    },
    goals,
    pass: goals.every((g) => g.pass),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  moto?.stop();
  rmSync(tmp, { recursive: true, force: true });
}

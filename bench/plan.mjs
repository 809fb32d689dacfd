// Benchmark: `migrate plan` on a generated 10,000-function inventory (varied runtimes, triggers, roles, env), run as
// a child process (node dist/cli/main.js plan): rules + grouping + identity + cost + plan.json/plan.md/plan.sarif.
// Prints one JSON line: the child's CPU time, wall time, peak RSS and the output sizes against the goals.
// Usage: npm run build && node bench/plan.mjs [functionCount]   (BENCH_CPU_PROF=<dir> writes a CPU profile;
// BENCH_KEEP=1 keeps the estate and its output)

import { mkdtempSync, mkdirSync, writeFileSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './lib/run-child.mjs';

const N = Number(process.argv[2] ?? 10_000);
const TARGETS = { cpuMs: 3000, peakRssMb: 700, planJsonMb: 30 };

const RUNTIMES = [
  { id: 'nodejs20.x', language: 'nodejs', version: '20' },
  { id: 'nodejs22.x', language: 'nodejs', version: '22' },
  { id: 'python3.12', language: 'python', version: '3.12' },
  { id: 'java21', language: 'java', version: '21' },
  { id: 'nodejs16.x', language: 'nodejs', version: '16', deprecated: true },
];
const MEMORY = [128, 256, 512, 1024, 2048, 3008, 10240];

function trigger(i) {
  switch (i % 12) {
    case 0: return { id: 'api', kind: 'api-gateway-rest', path: `/r${i}/{proxy+}`, method: 'ANY', authorizer: i % 24 === 0 ? { type: 'COGNITO_USER_POOLS' } : undefined };
    case 1: return { id: 'http', kind: 'api-gateway-http', path: `/h${i}`, method: 'GET' };
    case 2: return { id: 'q', kind: 'sqs', queue: `arn:aws:sqs:us-east-1:111111111111:queue-${i % 300}`, batchSize: 10, reportBatchItemFailures: i % 5 === 0 };
    case 3: return { id: 'topic', kind: 'sns', topic: `arn:aws:sns:us-east-1:111111111111:topic-${i % 50}`, filterPolicy: { type: ['a', 'b'] } };
    case 4: return { id: 'up', kind: 's3', bucket: `bucket-${i % 40}`, events: ['s3:ObjectCreated:*'], prefix: 'in/' };
    case 5: return { id: 'rule', kind: 'eventbridge-rule', pattern: { source: ['shop'], detail: { price: [{ numeric: ['>', 10] }] } } };
    case 6: return { id: 'cron', kind: 'schedule', expression: ['rate(5 minutes)', 'cron(0 12 ? * MON-FRI *)', 'cron(0 0 L * ? *)', 'rate(7 minutes)'][i % 4], via: 'events' };
    case 7: return { id: 'ddb', kind: 'dynamodb-stream', stream: `arn:aws:dynamodb:us-east-1:111111111111:table/t${i % 30}/stream/x`, streamViewType: i % 2 ? 'NEW_IMAGE' : 'NEW_AND_OLD_IMAGES' };
    case 8: return { id: 'k', kind: 'kinesis', stream: `arn:aws:kinesis:us-east-1:111111111111:stream/s${i % 20}`, bisectBatchOnFunctionError: true };
    case 9: return { id: 'ws', kind: 'websocket', route: '$default' };
    case 10: return { id: 'url', kind: 'function-url', authType: i % 2 ? 'AWS_IAM' : 'NONE' };
    default: return undefined;
  }
}

function generate(root) {
  mkdirSync(path.join(root, 'src'), { recursive: true });
  for (let h = 0; h < 50; h++) {
    writeFileSync(
      path.join(root, 'src', `h${h}.js`),
      `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\nexport const handler = async (event, context) => {\n  await new S3Client({}).send(new PutObjectCommand({ Bucket: 'b' }));\n  return { statusCode: 200 };\n};\n`,
    );
  }
  const roles = Array.from({ length: 500 }, (_, r) => ({
    id: `arn:aws:iam::111111111111:role/role-${r}`,
    name: `role-${r}`,
    trustedServices: ['lambda.amazonaws.com'],
    policies: [
      { name: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', kind: 'managed-aws', statements: [], opaque: true },
      { name: 'inline', kind: 'inline', statements: [{ effect: 'Allow', actions: [['s3:GetObject', 's3:PutObject'], ['dynamodb:*'], ['sqs:SendMessage', 'sns:Publish'], ['ec2:DescribeInstances'], ['secretsmanager:GetSecretValue']][r % 5], resources: ['*'] }].flat() },
    ],
  }));
  const functions = Array.from({ length: N }, (_, i) => {
    const t = trigger(i);
    const runtime = RUNTIMES[i % RUNTIMES.length];
    const ext = runtime.language === 'python' ? 'py' : 'js';
    return {
      id: `arn:aws:lambda:us-east-1:111111111111:function:fn-${i}`,
      name: `svc${i % 40}-fn-${i}`,
      arn: `arn:aws:lambda:us-east-1:111111111111:function:fn-${i}`,
      region: i % 7 === 0 ? 'eu-west-1' : 'us-east-1',
      stack: `stack-${i % 60}`,
      runtime,
      handler: { raw: `src/h${i % 50}.handler`, file: `src/h${i % 50}.${ext}`, export: 'handler', exists: ext === 'js' },
      code: { path: 'src' },
      packageType: i % 97 === 0 ? 'Image' : 'Zip',
      memorySize: MEMORY[i % MEMORY.length],
      timeout: [3, 30, 300, 900][i % 4],
      architecture: i % 3 === 0 ? 'arm64' : 'x86_64',
      ephemeralStorage: i % 50 === 0 ? 2048 : 512,
      environment: [
        { name: 'STAGE', kind: 'plain', value: i % 2 ? 'prod' : 'dev' },
        { name: 'TABLE', kind: 'reference', value: `Ref:Table${i % 30}` },
        ...(i % 10 === 0 ? [{ name: 'API_KEY', kind: 'secret-like', reason: 'name:API_KEY' }] : []),
        ...(i % 8 === 0 ? [{ name: 'DB_SECRET', kind: 'secret-reference', secret: { source: 'secretsmanager', ref: 'db' } }] : []),
      ],
      layers: i % 4 === 0 ? ['arn:aws:lambda:us-east-1:111111111111:layer:shared:1'] : [],
      fileSystems: [],
      aliases: i % 11 === 0 ? [{ name: 'live' }] : [],
      tags: i % 6 === 0 ? {} : { team: `t${i % 9}` },
      tracing: i % 2 ? 'Active' : 'PassThrough',
      ...(i % 13 === 0 ? { reservedConcurrency: 50 } : {}),
      ...(i % 17 === 0 ? { provisionedConcurrency: 5 } : {}),
      ...(i % 9 === 0 ? { vpc: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] } } : {}),
      roleRef: roles[i % roles.length].id,
      triggers: t ? [Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined))] : [],
    };
  });
  const inventory = { schemaVersion: 1, source: { kind: 'aws', account: '111111111111', regions: ['us-east-1', 'eu-west-1'], root: '.', includeValues: true }, functions, roles, layers: [], apis: [], warnings: [] };
  writeFileSync(path.join(root, 'inventory.json'), JSON.stringify(inventory));
}

const root = mkdtempSync(path.join(tmpdir(), 'bench-plan-'));
try {
  generate(root);
  const run = await runCli(['plan', '--inventory', 'inventory.json', '--out-dir', 'out', '--fail-on', 'never', '--json'], { cwd: root });
  const summary = JSON.parse(run.stdout || '{}');
  const mb = (f) => Math.round((statSync(path.join(root, 'out', f)).size / 2 ** 20) * 10) / 10;
  const sizesMb = run.code === 0 ? { 'plan.json': mb('plan.json'), 'plan.md': mb('plan.md'), 'plan.sarif': mb('plan.sarif') } : {};
  const pass = run.code === 0 && run.cpuMs < TARGETS.cpuMs && run.peakRssMb < TARGETS.peakRssMb && sizesMb['plan.json'] < TARGETS.planJsonMb;
  console.log(
    JSON.stringify({
      benchmark: 'plan',
      functions: N,
      apps: summary.apps?.length,
      findings: summary.findings ? summary.findings.blocker + summary.findings.warning + summary.findings.info : undefined,
      exitCode: run.code,
      cpuMs: run.cpuMs,
      wallMs: run.wallMs,
      loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
      peakRssMb: run.peakRssMb,
      sizesMb,
      targets: TARGETS,
      pass,
    }),
  );
} finally {
  if (process.env.BENCH_KEEP) process.stderr.write(`kept ${root}\n`);
  else rmSync(root, { recursive: true, force: true });
}

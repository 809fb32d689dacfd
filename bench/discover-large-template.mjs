// Benchmark: one ~50 MB SAM template (27,000 functions, each with environment, policies and two events),
// discovered as a user would, in a child process under `/usr/bin/time -v`. Prints one JSON line with the peak
// resident set size; the target is under 1 GB. Build first (npm run build).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const FUNCTIONS = Number(process.env.BENCH_FUNCTIONS ?? 27_000);
const targets = { peakRssMb: 1024, templateMb: 50 };

function functionYaml(i) {
  const n = String(i).padStart(5, '0');
  const env = Array.from({ length: 15 }, (_, k) => `          SETTING_${k}_${n}: value-${k}-for-function-${n}-with-some-length`).join('\n');
  return `  Fn${n}:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Sub "\${AWS::StackName}-fn-${n}"
      Handler: src/handler.handler
      Runtime: nodejs22.x
      CodeUri: .
      MemorySize: 512
      Timeout: 30
      Description: Generated function ${n} of the large-template benchmark; it reads a table, answers an API route and drains a queue, as a typical estate function does, with the settings below.
      Environment:
        Variables:
          TABLE_NAME: !Ref Table
          QUEUE_URL: !Ref Queue
${env}
      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref Table
        - SQSPollerPolicy:
            QueueName: !GetAtt Queue.QueueName
      Events:
        Api:
          Type: Api
          Properties:
            Path: /fn${n}/{id}
            Method: get
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
            BatchSize: 10
`;
}

const dir = mkdtempSync(path.join(tmpdir(), 'bench-large-'));
try {
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'src/handler.js'), 'exports.handler = async () => ({ statusCode: 200 });\n');
  const parts = ['AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Table:\n    Type: AWS::DynamoDB::Table\n  Queue:\n    Type: AWS::SQS::Queue\n'];
  for (let i = 0; i < FUNCTIONS; i++) parts.push(functionYaml(i));
  const template = path.join(dir, 'template.yaml');
  writeFileSync(template, parts.join(''));
  const templateMb = Math.round((statSync(template).size / 1024 / 1024) * 10) / 10;
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, path.join(ROOT, 'dist/cli/main.js'), 'discover', '--template', template, '--out', path.join(dir, 'inventory.json'), '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const wall = /Elapsed \(wall clock\) time[^:]*: (.+)/.exec(r.stderr)?.[1]?.trim();
  const summary = JSON.parse(r.stdout.trim().split('\n').pop() || '{}');
  const peakRssMb = Math.round(rssKb / 1024);
  process.stdout.write(
    `${JSON.stringify({
      benchmark: 'discover-large-template',
      functions: summary.functions ?? 0,
      templateMb,
      exitCode: r.status,
      wall,
      loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
      peakRssMb,
      targets,
      pass: r.status === 0 && summary.functions === FUNCTIONS && templateMb >= targets.templateMb && peakRssMb < targets.peakRssMb,
    })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

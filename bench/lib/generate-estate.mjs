// Generates a realistic, deterministic Lambda repository for benchmarks and scale tests: N functions spread
// over M templates that rotate between SAM YAML, plain CloudFormation JSON and serverless.yml, with mixed
// triggers (HTTP, SQS, SNS, S3, schedules, DynamoDB streams, EventBridge) and a handler file per function
// (Node JS/TS and Python). Same options → same bytes. Usage: generateEstate(dir, { functions, templates, seed }).

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const DOMAINS = ['billing', 'catalog', 'checkout', 'identity', 'inventory', 'ledger', 'logistics', 'marketing', 'media', 'notifications', 'orders', 'pricing', 'reporting', 'search', 'shipping', 'support'];
const VERBS = ['create', 'get', 'list', 'update', 'delete', 'sync', 'export', 'import', 'reconcile', 'notify', 'index', 'audit'];
const TRIGGERS = ['http', 'sqs', 'sns', 's3', 'schedule', 'dynamodb', 'eventbridge', 'httpapi'];
const NODE_RUNTIMES = ['nodejs22.x', 'nodejs20.x', 'nodejs24.x'];
const PY_RUNTIMES = ['python3.12', 'python3.13', 'python3.11'];

/** mulberry32: a tiny seeded PRNG so the repository is the same on every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pascal = (s) => s.replace(/(^|[-_])([a-z])/g, (_m, _d, c) => c.toUpperCase());
const write = (file, text) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};

function nodeHandler(fnName, trigger, ts) {
  const sig = ts ? 'event: any' : 'event';
  if (trigger === 'http' || trigger === 'httpapi') {
    return `// ${fnName}: HTTP handler.\nexport const handler = async (${sig}) => {\n  const id = event.pathParameters?.id ?? 'all';\n  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn: '${fnName}', id }) };\n};\n`;
  }
  if (trigger === 'sqs' || trigger === 'dynamodb') {
    return `// ${fnName}: batch handler with partial failures.\nexport const handler = async (${sig}) => {\n  const batchItemFailures${ts ? ': { itemIdentifier: string }[]' : ''} = [];\n  for (const r of event.Records) if (!r.body && !r.dynamodb) batchItemFailures.push({ itemIdentifier: r.messageId ?? r.eventID });\n  return { batchItemFailures };\n};\n`;
  }
  return `// ${fnName}: event handler.\nexport const handler = async (${sig}) => ({ fn: '${fnName}', records: Array.isArray(event?.Records) ? event.Records.length : 0 });\n`;
}

function pyHandler(fnName, trigger) {
  const body = trigger === 'http' || trigger === 'httpapi' ? `    return {"statusCode": 200, "body": json.dumps({"fn": "${fnName}"})}` : `    return {"fn": "${fnName}", "records": len(event.get("Records", []))}`;
  return `"""${fnName}: generated handler."""\nimport json\n\n\ndef handler(event, context):\n${body}\n`;
}

function samEvent(trigger, i, fnName) {
  switch (trigger) {
    case 'http':
      return `        Http:\n          Type: Api\n          Properties:\n            Path: /${fnName}/{id}\n            Method: get\n`;
    case 'httpapi':
      return `        HttpApi:\n          Type: HttpApi\n          Properties:\n            Path: /${fnName}\n            Method: POST\n`;
    case 'sqs':
      return `        Queue:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt WorkQueue.Arn\n            BatchSize: ${5 + (i % 5)}\n            FunctionResponseTypes: [ReportBatchItemFailures]\n`;
    case 'sns':
      return `        Topic:\n          Type: SNS\n          Properties:\n            Topic: !Ref EventsTopic\n            FilterPolicy:\n              type: [${fnName}]\n`;
    case 's3':
      return `        Upload:\n          Type: S3\n          Properties:\n            Bucket: !Ref DataBucket\n            Events: s3:ObjectCreated:*\n            Filter:\n              S3Key:\n                Rules:\n                  - Name: prefix\n                    Value: ${fnName}/\n`;
    case 'schedule':
      return `        Timer:\n          Type: Schedule\n          Properties:\n            Schedule: rate(${1 + (i % 30)} minutes)\n`;
    case 'dynamodb':
      return `        Stream:\n          Type: DynamoDB\n          Properties:\n            Stream: !GetAtt Table.StreamArn\n            StartingPosition: LATEST\n`;
    default:
      return `        Rule:\n          Type: EventBridgeRule\n          Properties:\n            Pattern:\n              source: [com.example.${fnName}]\n`;
  }
}

function samTemplate(svc, fns) {
  let out = `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nDescription: ${svc} service (generated)\n\nParameters:\n  Stage:\n    Type: String\n    Default: prod\n\nGlobals:\n  Function:\n    Timeout: 15\n    MemorySize: 512\n    Tracing: Active\n    Environment:\n      Variables:\n        STAGE: !Ref Stage\n        TABLE_NAME: !Ref Table\n\nResources:\n  WorkQueue:\n    Type: AWS::SQS::Queue\n  EventsTopic:\n    Type: AWS::SNS::Topic\n  DataBucket:\n    Type: AWS::S3::Bucket\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]\n      KeySchema: [{ AttributeName: pk, KeyType: HASH }]\n      StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }\n`;
  for (const f of fns) {
    out += `\n  ${pascal(f.name)}Function:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: !Sub '${svc}-${f.name}-\${Stage}'\n      Runtime: ${f.runtime}\n      CodeUri: ${f.codeUri}\n      Handler: ${f.handler}\n      Policies:\n        - DynamoDBCrudPolicy:\n            TableName: !Ref Table\n        - SQSSendMessagePolicy:\n            QueueName: !GetAtt WorkQueue.QueueName\n      Events:\n${samEvent(f.trigger, f.index, f.name)}`;
  }
  return out;
}

function cfnTemplate(svc, fns) {
  const R = {
    FunctionRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
        Policies: [{ PolicyName: 'data', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:*', 'dynamodb:*'], Resource: '*' }] } }],
      },
    },
    WorkQueue: { Type: 'AWS::SQS::Queue' },
    EventsTopic: { Type: 'AWS::SNS::Topic' },
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], StreamSpecification: { StreamViewType: 'NEW_IMAGE' } } },
  };
  for (const f of fns) {
    const id = `${pascal(f.name)}Function`;
    R[id] = {
      Type: 'AWS::Lambda::Function',
      Properties: { FunctionName: `${svc}-${f.name}`, Runtime: f.runtime, Handler: f.handler, Code: f.codeUri, Role: { 'Fn::GetAtt': ['FunctionRole', 'Arn'] }, MemorySize: 256, Timeout: 30, Environment: { Variables: { QUEUE_URL: { Ref: 'WorkQueue' } } } },
    };
    if (f.trigger === 'sqs' || f.trigger === 'dynamodb') {
      R[`${id}Mapping`] = { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: { Ref: id }, EventSourceArn: f.trigger === 'sqs' ? { 'Fn::GetAtt': ['WorkQueue', 'Arn'] } : { 'Fn::GetAtt': ['Table', 'StreamArn'] }, BatchSize: 10, ...(f.trigger === 'dynamodb' ? { StartingPosition: 'LATEST' } : {}) } };
    } else if (f.trigger === 'sns') {
      R[`${id}Subscription`] = { Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'lambda', TopicArn: { Ref: 'EventsTopic' }, Endpoint: { 'Fn::GetAtt': [id, 'Arn'] } } };
      R[`${id}Permission`] = { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: id }, Principal: 'sns.amazonaws.com', SourceArn: { Ref: 'EventsTopic' } } };
    } else if (f.trigger === 'schedule' || f.trigger === 'eventbridge') {
      R[`${id}Rule`] = { Type: 'AWS::Events::Rule', Properties: f.trigger === 'schedule' ? { ScheduleExpression: `rate(${1 + (f.index % 12)} hours)`, Targets: [{ Id: 't', Arn: { 'Fn::GetAtt': [id, 'Arn'] } }] } : { EventPattern: { source: [`com.example.${f.name}`] }, Targets: [{ Id: 't', Arn: { 'Fn::GetAtt': [id, 'Arn'] } }] } };
    } else {
      R[`${id}Url`] = { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: { 'Fn::GetAtt': [id, 'Arn'] }, AuthType: 'AWS_IAM' } };
    }
  }
  return `${JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Description: `${svc} (generated)`, Resources: R }, null, 2)}\n`;
}

function serverlessEvent(f) {
  switch (f.trigger) {
    case 'http':
      return `      - http:\n          path: ${f.name}/{id}\n          method: get\n`;
    case 'httpapi':
      return `      - httpApi: 'POST /${f.name}'\n`;
    case 'sqs':
      return `      - sqs:\n          arn: !GetAtt WorkQueue.Arn\n          batchSize: 10\n          functionResponseType: ReportBatchItemFailures\n`;
    case 'sns':
      return `      - sns: \${self:service}-events-\${sls:stage}\n`;
    case 's3':
      return `      - s3:\n          bucket: \${self:custom.bucket}\n          event: s3:ObjectCreated:*\n          rules:\n            - prefix: ${f.name}/\n`;
    case 'schedule':
      return `      - schedule: rate(${1 + (f.index % 59)} minutes)\n`;
    case 'dynamodb':
      return `      - stream:\n          type: dynamodb\n          arn: !GetAtt Table.StreamArn\n`;
    default:
      return `      - eventBridge:\n          pattern:\n            source: [com.example.${f.name}]\n`;
  }
}

function serverlessTemplate(svc, fns, runtime) {
  let out = `service: ${svc}\nframeworkVersion: '3'\n\ncustom:\n  bucket: \${self:service}-\${sls:stage}-data\n\nprovider:\n  name: aws\n  runtime: ${runtime}\n  stage: \${opt:stage, 'dev'}\n  region: \${opt:region, 'eu-west-1'}\n  memorySize: 512\n  environment:\n    STAGE: \${sls:stage}\n    BUCKET: \${self:custom.bucket}\n    API_TOKEN: \${ssm:/\${self:service}/api-token}\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: [sqs:SendMessage, dynamodb:PutItem]\n          Resource: '*'\n\nfunctions:\n`;
  for (const f of fns) out += `  ${f.name}:\n    handler: ${f.handler}\n    events:\n${serverlessEvent(f)}`;
  out += `\nresources:\n  Resources:\n    WorkQueue:\n      Type: AWS::SQS::Queue\n    Table:\n      Type: AWS::DynamoDB::Table\n      Properties:\n        BillingMode: PAY_PER_REQUEST\n        AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]\n        KeySchema: [{ AttributeName: pk, KeyType: HASH }]\n        StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }\n`;
  return out;
}

/**
 * Write the repository into `dir`. Returns `{ functions, templates, byFormat }`.
 * @param {string} dir
 * @param {{ functions?: number, templates?: number, seed?: number }} [opts]
 */
export function generateEstate(dir, opts = {}) {
  const total = opts.functions ?? 24;
  const templates = Math.max(1, Math.min(opts.templates ?? 6, total));
  const random = rng(opts.seed ?? 42);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const byFormat = { sam: 0, cloudformation: 0, serverless: 0 };
  let made = 0;
  for (let t = 0; t < templates; t++) {
    const count = Math.floor(total / templates) + (t < total % templates ? 1 : 0);
    const format = ['sam', 'cloudformation', 'serverless'][t % 3];
    const svc = `${DOMAINS[t % DOMAINS.length]}-${String(t).padStart(3, '0')}`;
    const svcDir = path.join(dir, 'services', svc);
    const python = format !== 'cloudformation' && random() < 0.3;
    const runtime = python ? pick(PY_RUNTIMES) : pick(NODE_RUNTIMES);
    const fns = [];
    for (let i = 0; i < count; i++) {
      const name = `${pick(VERBS)}-${VERBS[i % VERBS.length]}-${i}`.replace(/-/g, i % 2 ? '-' : '_');
      const trigger = TRIGGERS[(t + i) % TRIGGERS.length];
      const ts = !python && random() < 0.4;
      const srcRel = python ? `src/${name.replace(/-/g, '_')}.py` : `src/handlers/${name}.${ts ? 'ts' : 'mjs'}`;
      const codeUri = format === 'serverless' ? '' : format === 'cloudformation' ? './' : 'src/';
      const handlerPath = format === 'sam' ? srcRel.replace(/^src\//, '') : srcRel;
      const handler = `${handlerPath.replace(/\.(py|ts|mjs)$/, '')}.handler`;
      write(path.join(svcDir, srcRel), python ? pyHandler(name, trigger) : nodeHandler(name, trigger, ts));
      fns.push({ name, trigger, runtime: format === 'cloudformation' && python ? 'nodejs22.x' : runtime, handler, codeUri, index: made + i });
    }
    if (format === 'sam') write(path.join(svcDir, 'template.yaml'), samTemplate(svc, fns));
    else if (format === 'cloudformation') write(path.join(svcDir, `${svc}.template.json`), cfnTemplate(svc, fns));
    else write(path.join(svcDir, 'serverless.yml'), serverlessTemplate(svc, fns, runtime));
    write(path.join(svcDir, 'README.md'), `# ${svc}\n\nGenerated ${format} service with ${count} functions.\n`);
    byFormat[format]++;
    made += count;
  }
  write(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'generated-estate', private: true }, null, 2)}\n`);
  return { functions: made, templates, byFormat };
}

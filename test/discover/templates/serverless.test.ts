import { describe, expect, it } from 'vitest';
import { MigrateError } from '../../../src/util/errors.js';
import { discoverOne, fn, makeRepo } from './helpers.js';

describe('Serverless Framework', () => {
  it('resolves self, opt with defaults, sls:stage and file(); keeps env, ssm, cf, aws and param symbolic', async () => {
    const inv = await discoverOne(
      {
        'svc/serverless.yml': `service: shop
provider:
  name: aws
  runtime: nodejs22.x
  stage: \${opt:stage, 'qa'}
  environment:
    TABLE: \${self:custom.table}
    FROM_FILE: \${file(./conf.\${sls:stage}.yml):endpoint}
    WHOLE_FILE_KEY: \${self:custom.conf.retries}
    FROM_ENV: \${env:HOME}
    ENV_DEFAULT: \${env:NOT_SET_ANYWHERE, 'fallback'}
    SECRET: \${ssm:/shop/\${sls:stage}/token}
    OUTPUT: \${cf:other-stack.Url}
    ACCOUNT: \${aws:accountId}
    REGION: \${opt:region}
custom:
  table: \${self:service}-\${sls:stage}-orders
  conf: \${file(./conf.\${sls:stage}.yml)}
functions:
  create:
    handler: handler.create
`,
        'svc/conf.qa.yml': 'endpoint: https://qa.example.com\nretries: 3\n',
        'svc/handler.js': 'module.exports.create = async () => ({})',
      },
      { includeValues: true },
    );
    const f = fn(inv, 'shop-qa-create');
    const env = Object.fromEntries(f.environment.map((e) => [e.name, e.value ?? e.secret?.ref]));
    expect(env).toEqual({
      TABLE: 'shop-qa-orders',
      FROM_FILE: 'https://qa.example.com',
      WHOLE_FILE_KEY: '3',
      FROM_ENV: '${env:HOME}',
      ENV_DEFAULT: 'fallback',
      SECRET: '/shop/qa/token',
      OUTPUT: '${cf:other-stack.Url}',
      ACCOUNT: '${aws:accountId}',
      REGION: 'us-east-1',
    });
    expect(f.environment.find((e) => e.name === 'SECRET')!.secret!.source).toBe('serverless-ssm');
    expect(f).toMatchObject({ stack: 'shop', region: 'us-east-1', memorySize: 1024, timeout: 6, handler: { file: 'svc/handler.js', export: 'create', exists: true } });
    expect(f.roleRef).toBe('svc/serverless.yml#IamRoleLambdaExecution');
    expect(inv.roles[0]!.name).toBe('shop-qa-us-east-1-lambdaRole');
  });

  it('refuses file() paths outside the discovery root, with a warning', async () => {
    const repo = await makeRepo({
      'outside.yml': 'secret: nope\n',
      'inner/serverless.yml': 'service: s\nprovider:\n  name: aws\n  environment:\n    X: ${file(../../outside.yml):secret}\nfunctions:\n  f:\n    handler: h.f\n',
      'inner/h.js': 'exports.f = async () => 1',
    });
    try {
      const inv = await repo.discover(['inner'], { includeValues: true });
      expect(fn(inv, 's-dev-f').environment).toEqual([{ name: 'X', kind: 'reference', value: '${file(../../outside.yml):secret}' }]);
      expect(inv.warnings.map((w) => w.code)).toContain('serverless.file-outside-root');
    } finally {
      await repo.cleanup();
    }
  });

  it('maps events and per-function IAM', async () => {
    const inv = await discoverOne({
      'serverless.yml': `service: ev
provider: { name: aws, runtime: python3.12, region: eu-west-1, stage: prod }
functions:
  api:
    handler: app.main
    iam:
      role:
        statements:
          - { Effect: Allow, Action: s3:GetObject, Resource: '*' }
    events:
      - http: GET /items/{id}
      - httpApi: '*'
      - schedule: { rate: [rate(5 minutes), cron(0 1 * * ? *)], enabled: false }
      - sqs: arn:aws:sqs:eu-west-1:1:jobs.fifo
      - alexaSkill: amzn1.ask.skill.x
`,
      'app.py': 'def main(e, c): return 1',
    });
    const f = fn(inv, 'ev-prod-api');
    expect(f.triggers.map((t) => `${t.id}:${t.kind}`)).toEqual(['alexaSkill-4:unknown', 'http-0:api-gateway-rest', 'httpApi-1:api-gateway-http', 'schedule-2-0:schedule', 'schedule-2-1:schedule', 'sqs-3:sqs']);
    expect(f.triggers.find((t) => t.id === 'http-0')).toMatchObject({ path: '/items/{id}', method: 'GET', stage: 'prod' });
    expect(f.triggers.find((t) => t.id === 'httpApi-1')).toMatchObject({ path: '$default', method: 'ANY' });
    expect(f.triggers.find((t) => t.id === 'schedule-2-0')).toMatchObject({ enabled: false, expression: 'rate(5 minutes)' });
    expect(f.triggers.find((t) => t.id === 'sqs-3')).toMatchObject({ fifo: true });
    const role = inv.roles.find((r) => r.id === f.roleRef)!;
    expect(role.name).toBe('ev-prod-api-eu-west-1-lambdaRole');
    expect(role.policies[1]!.statements[0]).toEqual({ effect: 'Allow', actions: ['s3:GetObject'], resources: ['*'] });
  });

  it('fails a circular self reference with input.circular and its position', async () => {
    const repo = await makeRepo({ 'serverless.yml': 'service: c\nprovider: { name: aws }\ncustom:\n  a: ${self:custom.b}\n  b: ${self:custom.a}\nfunctions:\n  f:\n    handler: h.f\n    environment:\n      A: ${self:custom.a}\n' });
    try {
      await expect(repo.discover()).rejects.toThrow(MigrateError);
      await expect(repo.discover()).rejects.toMatchObject({ code: 'input.circular', line: 5, column: 3 }); // custom.b closes the loop
    } finally {
      await repo.cleanup();
    }
  });
});

describe('Serverless resources', () => {
  it('reads resources loaded with file(), and a provider role that names one of them', async () => {
    const inv = await discoverOne({
      'serverless.yml': `service: gql
provider:
  name: aws
  runtime: nodejs22.x
  role: AppRole
  environment:
    DB_HOST: \${self:custom.db.host}
custom:
  db:
    host:
      Fn::GetAtt: [Database, Endpoint.Address]
resources:
  Resources:
    AppRole: \${file(./resources/role.yml)}
functions:
  api:
    handler: handler.api
`,
      'resources/role.yml': 'Type: AWS::IAM::Role\nProperties:\n  RoleName: gql-app\n  AssumeRolePolicyDocument:\n    Statement:\n      - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }\n',
      'handler.js': 'exports.api = async () => ({})',
    }, { includeValues: true });
    const f = fn(inv, 'gql-dev-api');
    expect(f.roleRef).toBe('serverless.yml#AppRole');
    expect(inv.roles).toEqual([expect.objectContaining({ id: 'serverless.yml#AppRole', name: 'gql-app', trustedServices: ['lambda.amazonaws.com'] })]);
    expect(f.environment).toEqual([{ name: 'DB_HOST', kind: 'reference', value: 'GetAtt:Database.Endpoint.Address' }]);
  });
});

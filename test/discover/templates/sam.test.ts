import { describe, expect, it } from 'vitest';
import { mergeGlobals } from '../../../src/discover/templates/sam.js';
import { discoverOne, fn } from './helpers.js';

const HEAD = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n";

describe('SAM', () => {
  it('merges Globals: maps merge, lists append, function scalars win', () => {
    const merged = mergeGlobals(
      { Runtime: 'nodejs20.x', Layers: ['a'], Environment: { Variables: { A: '1', B: '1' } }, Architectures: ['x86_64'] },
      { Runtime: 'nodejs22.x', Layers: ['b'], Environment: { Variables: { B: '2' } }, Architectures: ['arm64'] },
    );
    expect(merged).toEqual({ Runtime: 'nodejs22.x', Layers: ['a', 'b'], Environment: { Variables: { A: '1', B: '2' } }, Architectures: ['arm64'] });
    // An intrinsic is a value, not a map to merge into.
    expect(mergeGlobals({ Role: { 'Fn::GetAtt': ['R', 'Arn'] } }, { Role: { Ref: 'Other' } })).toEqual({ Role: { Ref: 'Other' } });
  });

  it('reads function properties, events, aliases and the implicit role with expanded policy templates', async () => {
    const inv = await discoverOne({
      'template.yaml': `${HEAD}
Globals:
  Function:
    Runtime: nodejs22.x
    Timeout: 12
    Environment:
      Variables:
        SHARED: yes
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      StreamSpecification: { StreamViewType: KEYS_ONLY }
  Q:
    Type: AWS::SQS::Queue
    Properties: { FifoQueue: true }
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: worker.handler
      MemorySize: 2048
      Architectures: [arm64]
      AutoPublishAlias: live
      ReservedConcurrentExecutions: 4
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 }
      Tracing: Active
      Policies:
        - DynamoDBCrudPolicy: { TableName: !Ref Table }
        - AmazonS3ReadOnlyAccess
        - Statement:
            - Effect: Allow
              Action: s3:*
              Resource: '*'
      Events:
        Jobs:
          Type: SQS
          Properties: { Queue: !GetAtt Q.Arn, BatchSize: 3, FunctionResponseTypes: [ReportBatchItemFailures] }
        Changes:
          Type: DynamoDB
          Properties: { Stream: !GetAtt Table.StreamArn, StartingPosition: LATEST }
        Weird:
          Type: AlexaSkill
`,
      'src/worker.js': 'exports.handler = async () => ({});',
    });
    const f = fn(inv, 'Worker');
    expect(f).toMatchObject({ memorySize: 2048, timeout: 12, architecture: 'arm64', reservedConcurrency: 4, provisionedConcurrency: 2, tracing: 'Active', autoPublishAlias: 'live', aliases: [{ name: 'live' }] });
    expect(f.handler).toEqual({ raw: 'worker.handler', file: 'src/worker.js', export: 'handler', exists: true });
    expect(f.source).toEqual({ file: 'template.yaml', line: 19, column: 3, logicalId: 'Worker' });
    const byId = Object.fromEntries(f.triggers.map((t) => [t.id, t]));
    expect(byId.Jobs).toMatchObject({ kind: 'sqs', fifo: true, batchSize: 3, reportBatchItemFailures: true, queue: { symbol: 'GetAtt:Q.Arn' } });
    expect(byId.Changes).toMatchObject({ kind: 'dynamodb-stream', streamViewType: 'KEYS_ONLY', startingPosition: 'LATEST' });
    expect(byId.Weird).toMatchObject({ kind: 'unknown', sourceType: 'AlexaSkill' });
    expect(inv.warnings.map((w) => w.code)).toContain('template.unknown-event-type');
    const role = inv.roles.find((r) => r.id === f.roleRef)!;
    expect(role.id).toBe('template.yaml#WorkerRole');
    const names = role.policies.map((p) => `${p.kind}:${p.name}`);
    expect(names).toEqual(expect.arrayContaining(['managed-aws:arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 'managed-aws:arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess', 'managed-aws:AmazonS3ReadOnlyAccess', 'sam-template:DynamoDBCrudPolicy', 'inline:WorkerRolePolicy2']));
    const crud = role.policies.find((p) => p.name === 'DynamoDBCrudPolicy')!;
    expect(crud.statements[0]!.actions).toContain('dynamodb:PutItem');
    expect(crud.statements[0]!.resources[0]).toEqual({ symbol: 'Sub:arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}' });
  });

  it('reads OpenAPI integrations of an explicit HttpApi and names implicit APIs', async () => {
    const inv = await discoverOne({
      'template.yaml': `${HEAD}
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionBody:
        paths:
          /items:
            post:
              x-amazon-apigateway-integration:
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Items.Arn}/invocations
  Items:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "def handler(e, c): return 1"
      Events:
        Get:
          Type: Api
          Properties: { Path: /items, Method: get }
`,
    });
    const f = fn(inv, 'Items');
    expect(f.triggers.map((t) => `${t.kind} ${'method' in t ? t.method : ''} ${'path' in t ? t.path : ''}`)).toEqual(['api-gateway-http POST /items', 'api-gateway-rest GET /items']); // sorted by trigger id
    expect(f.code).toEqual({ repositoryType: 'Inline', inline: 'def handler(e, c): return 1' }); // the inline source is carried to convert
    expect(inv.apis.map((a) => a.id)).toEqual(['template.yaml#Api', 'template.yaml#ServerlessRestApi']);
  });

  it('classifies environment values: NoEcho parameters, secret references, secret-like literals', async () => {
    const inv = await discoverOne(
      {
        'template.yaml': `${HEAD}
Parameters:
  Pw: { Type: String, NoEcho: true }
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: a.handler
      InlineCode: x
      Environment:
        Variables:
          DB_PASSWORD: !Ref Pw
          API_KEY: '{{resolve:secretsmanager:prod/api:SecretString:key}}'
          LEAKY: AKIAABCDEFGHIJKLMNOP
          PLAIN: hello
`,
      },
      { includeValues: true },
    );
    const env = Object.fromEntries(fn(inv, 'F').environment.map((e) => [e.name, e]));
    expect(env.DB_PASSWORD).toEqual({ name: 'DB_PASSWORD', kind: 'secret-reference', secret: { source: 'noecho-parameter', ref: 'Pw' } });
    expect(env.API_KEY).toMatchObject({ kind: 'secret-reference', secret: { source: 'secretsmanager' } });
    expect(env.LEAKY).toEqual({ name: 'LEAKY', kind: 'secret-like', reason: 'aws-access-key-id' });
    expect(env.PLAIN).toEqual({ name: 'PLAIN', kind: 'plain', value: 'hello' });
  });

  it('skips a function whose condition is false, with a warning, and warns about unknown runtimes and missing files', async () => {
    const inv = await discoverOne({
      'template.yaml': `${HEAD}
Parameters:
  Env: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  ProdOnly:
    Type: AWS::Serverless::Function
    Condition: IsProd
    Properties: { Runtime: nodejs22.x, Handler: a.handler, InlineCode: x }
  Typo:
    Type: AWS::Serverless::Function
    Properties: { Runtime: provided.al2023023, Handler: bootstrap, CodeUri: . }
  Missing:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: nowhere.handler, CodeUri: src }
`,
    });
    expect(inv.functions.map((f) => f.name)).toEqual(['Missing', 'Typo']);
    const codes = inv.warnings.map((w) => `${w.code}@${w.source?.line}`);
    expect(codes).toEqual(['template.condition-false@9', 'runtime.unknown@15', 'handler.missing-file@18']);
    expect(fn(inv, 'Typo').runtime).toEqual({ id: 'provided.al2023023', language: 'unknown' });
  });
});

describe('Lambda authorizers', () => {
  it('records a function that API Gateway calls as an authorizer, from SAM Auth and from a CloudFormation Authorizer', async () => {
    const inv = await discoverOne({
      'template.yaml': `${HEAD}
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      Auth:
        DefaultAuthorizer: Gate
        Authorizers:
          Gate:
            FunctionArn: !GetAtt GateFunction.Arn
            FunctionPayloadType: REQUEST
  GateFunction:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: gate.handler, InlineCode: x }
  AppFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: app.handler
      InlineCode: x
      Events:
        Get:
          Type: Api
          Properties: { RestApiId: !Ref Api, Path: /, Method: get }
  Other:
    Type: AWS::ApiGateway::RestApi
  OtherAuthorizer:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Other
      Type: TOKEN
      AuthorizerUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${TokenFunction.Arn}/invocations
  TokenFunction:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: token.handler, InlineCode: x }
  TokenPermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref TokenFunction
      Action: lambda:InvokeFunction
      Principal: apigateway.amazonaws.com
      SourceArn: !Sub arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${Other}/authorizers/\${OtherAuthorizer}
`,
    });
    expect(fn(inv, 'GateFunction').triggers).toEqual([
      expect.objectContaining({ kind: 'unknown', sourceType: 'api-gateway-authorizer', detail: { api: { symbol: 'Ref:Api' }, name: 'Gate', type: 'REQUEST' } }),
    ]);
    expect(fn(inv, 'TokenFunction').triggers).toEqual([expect.objectContaining({ id: 'OtherAuthorizer', kind: 'unknown', sourceType: 'api-gateway-authorizer' })]);
    expect(fn(inv, 'AppFunction').triggers[0]).toMatchObject({ kind: 'api-gateway-rest', stage: 'v1', authorizer: { type: 'REQUEST', name: 'Gate' } });
  });
});

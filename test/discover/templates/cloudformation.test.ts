import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/model/inventory.js';
import { discoverOne, fn } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('plain CloudFormation', () => {
  it('joins every trigger-bearing resource of orders-cfn back to its function', async () => {
    const inv = JSON.parse(await readFile(path.join(ROOT, 'fixtures/golden/orders-cfn/inventory.json'), 'utf8')) as Inventory;
    const kinds = (name: string) => fn(inv, name).triggers.map((t) => `${t.kind}:${t.id}`);
    expect(kinds('orders-intake-prod')).toEqual(['sqs:OrderIntakeMapping']);
    expect(kinds('orders-api-prod')).toEqual(['api-gateway-rest:GetOrderMethod', 'api-gateway-rest:ListOrdersMethod', 'function-url:OrdersApiUrl']);
    expect(kinds('orders-reconcile-prod')).toEqual(['schedule:HourlyReconcileSchedule', 'schedule:NightlyReconcileRule']);
    const intake = fn(inv, 'orders-intake-prod').triggers[0]!;
    expect(intake).toMatchObject({ kind: 'sqs', fifo: true, reportBatchItemFailures: true, batchSize: 5 });
    const get = fn(inv, 'orders-api-prod').triggers[0]!;
    expect(get).toMatchObject({ path: '/orders/{orderId}', method: 'GET', stage: 'v1', authorizer: { type: 'TOKEN', name: 'partner-token' } });
    const api = fn(inv, 'orders-api-prod');
    expect(api.aliases).toEqual([{ name: 'live', functionVersion: 'GetAtt:OrdersApiVersion.Version', additionalVersionWeights: { '1': 0.1 } }].map((a) => ({ ...a, functionVersion: `{${a.functionVersion}}` })));
    expect(api.provisionedConcurrency).toBe(2);
    expect(fn(inv, 'orders-http-prod').triggers.find((t) => t.id === 'PostOrderRoute')).toMatchObject({ kind: 'api-gateway-http', method: 'POST', path: '/partner/orders', authorizer: { type: 'JWT', name: 'partners', ref: 'https://auth.example.com/' } });
    expect(fn(inv, 'orders-status-page-prod').triggers[0]).toMatchObject({ kind: 'alb', multiValueHeaders: true, conditions: { path: ['/status', '/status/*'], method: ['GET'] } });
    expect(fn(inv, 'orders-invoice-indexer-prod').triggers[0]).toMatchObject({ kind: 's3', prefix: 'invoices/', suffix: '.pdf', events: ['s3:ObjectCreated:Put'] });
    expect(fn(inv, 'orders-fulfilment-prod').asyncInvoke).toEqual({ maximumRetryAttempts: 1, maximumEventAgeInSeconds: 3600, destinations: { onFailure: { symbol: 'GetAtt:FulfilmentDLQ.Arn' }, onSuccess: { symbol: 'Ref:AuditTopic' } } });
    const role = inv.roles.find((r) => r.id === 'orders.template.json#OrdersFunctionRole')!;
    expect(role.policies.map((p) => `${p.kind}:${p.name}`)).toEqual(['inline:orders-queues', 'managed-aws:arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 'managed-customer:orders-read-prod', 'inline:orders-write']);
    expect(role.trustedServices).toEqual(['lambda.amazonaws.com']);
  });

  it('turns a Permission nobody else explains into a push trigger by principal', async () => {
    const inv = await discoverOne({
      'stack.template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: thing
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/existing
      Code: { ZipFile: "exports.handler = async () => 1" }
  FromS3:
    Type: AWS::Lambda::Permission
    Properties: { FunctionName: thing, Principal: s3.amazonaws.com, Action: lambda:InvokeFunction, SourceArn: arn:aws:s3:::uploads }
  FromSes:
    Type: AWS::Lambda::Permission
    Properties: { FunctionName: !GetAtt Fn.Arn, Principal: ses.amazonaws.com, Action: lambda:InvokeFunction }
  FromLogs:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: arn:aws:lambda:us-east-1:123456789012:function:thing
      Principal: logs.amazonaws.com
      SourceArn: arn:aws:logs:us-east-1:123456789012:log-group:/app/web:*
`,
    });
    const f = fn(inv, 'thing');
    expect(f.triggers).toEqual([
      expect.objectContaining({ id: 'FromLogs', kind: 'cloudwatch-logs', logGroup: '/app/web' }),
      expect.objectContaining({ id: 'FromS3', kind: 's3', bucket: 'arn:aws:s3:::uploads', events: [] }),
      expect.objectContaining({ id: 'FromSes', kind: 'unknown', sourceType: 'ses.amazonaws.com' }),
    ]);
    expect(f.roleRef).toBe('arn:aws:iam::123456789012:role/existing');
    expect(f.stack).toBe('stack');
  });
});

describe('CloudFormation diagnostics', () => {
  it('warns about a resource dependency loop and points unresolved references at their expression', async () => {
    const inv = await discoverOne({
      'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        LambdaConfigurations:
          - Event: s3:ObjectCreated:*
            Function: !GetAtt Fn.Arn
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt Missing.Arn
      Code: { ZipFile: x }
      Environment:
        Variables:
          BUCKET: !Ref Bucket
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub /aws/lambda/\${Fn}
      RetentionInDays: 7
`,
    });
    expect(inv.warnings.map((w) => [w.code, w.source?.line, w.message])).toEqual([
      ['template.circular-dependency', 3, 'resources depend on each other in a loop: Bucket → Fn → Bucket (CloudFormation would reject this template)'],
      ['template.unresolved-ref', 15, 'GetAtt of Missing, which is not a resource'],
    ]);
    const f = fn(inv, 'Fn');
    expect(f.triggers).toEqual([expect.objectContaining({ kind: 's3', bucket: { symbol: 'Ref:Bucket' }, events: ['s3:ObjectCreated:*'] })]);
    expect(f.logging).toEqual({ logGroup: '{Sub:/aws/lambda/${Fn}}', retentionInDays: 7, retentionKnown: true });
  });
});

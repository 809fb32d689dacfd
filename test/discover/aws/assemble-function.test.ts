// The fields moto does not store (logging, file systems, dead-letter, SnapStart, VPC, newer configs) are mapped here.
import { describe, expect, it } from 'vitest';
import { assembleFunction } from '../../../src/discover/aws/assemble-function.js';
import type { FunctionFacts } from '../../../src/discover/aws/collect-functions.js';

const ARN = 'arn:aws:lambda:eu-west-1:210987654321:function:orders';
const facts = (over: Partial<FunctionFacts> = {}): FunctionFacts => ({
  arn: ARN,
  name: 'orders',
  config: {
    FunctionName: 'orders',
    FunctionArn: ARN,
    Runtime: 'java21',
    Handler: 'com.example.Orders::handle',
    Role: 'arn:aws:iam::210987654321:role/orders',
    MemorySize: 1769,
    Timeout: 900,
    Architectures: ['arm64'],
    EphemeralStorage: { Size: 2048 },
    PackageType: 'Zip',
    CodeSize: 4096,
    LastModified: '2026-01-01T00:00:00.000+0000',
    RevisionId: 'volatile',
    CodeSha256: 'volatile',
    VpcConfig: { SubnetIds: ['subnet-b', 'subnet-a'], SecurityGroupIds: ['sg-1'], VpcId: 'vpc-1' },
    FileSystemConfigs: [{ Arn: 'arn:aws:elasticfilesystem:eu-west-1:210987654321:access-point/fsap-1', LocalMountPath: '/mnt/data' }],
    DeadLetterConfig: { TargetArn: 'arn:aws:sqs:eu-west-1:210987654321:dlq' },
    LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'WARN', LogGroup: '/custom/orders' },
    SnapStart: { ApplyOn: 'PublishedVersions', OptimizationStatus: 'On' },
    TracingConfig: { Mode: 'Active' },
    Environment: { Variables: { DB_PASSWORD: 'hunter2', REGION_NAME: 'eu-west-1' } },
    ...({ DurableConfig: { ExecutionTimeout: 3600 } } as object),
  },
  code: { RepositoryType: 'S3', Location: 'https://presigned.example/volatile' },
  tags: { b: '2', a: '1' },
  reservedConcurrency: 10,
  versions: ['1', '2'],
  aliases: [{ Name: 'live', FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: { '1': 0.05 } } }],
  provisioned: [{ RequestedProvisionedConcurrentExecutions: 3 }, { RequestedProvisionedConcurrentExecutions: 2 }],
  pushSources: [],
  url: { FunctionUrl: 'https://x.lambda-url.eu-west-1.on.aws/', FunctionArn: ARN, AuthType: 'AWS_IAM', InvokeMode: 'RESPONSE_STREAM', CreationTime: 't', LastModifiedTime: 't', $metadata: {} },
  eventInvoke: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60, DestinationConfig: { OnFailure: { Destination: 'arn:aws:sns:eu-west-1:210987654321:fail' } }, $metadata: {} },
  ...over,
});

describe('assembleFunction', () => {
  const f = assembleFunction(facts(), [], new Map([['/custom/orders', 30]]), false);

  it('maps every configuration area and leaves volatile fields out', () => {
    expect(f).toMatchObject({
      id: ARN,
      region: 'eu-west-1',
      account: '210987654321',
      runtime: { id: 'java21', language: 'java', version: '21' },
      handler: { raw: 'com.example.Orders::handle', export: 'handle' },
      memorySize: 1769,
      timeout: 900,
      architecture: 'arm64',
      ephemeralStorage: 2048,
      vpc: { subnetIds: ['subnet-a', 'subnet-b'], securityGroupIds: ['sg-1'] },
      fileSystems: [{ arn: 'arn:aws:elasticfilesystem:eu-west-1:210987654321:access-point/fsap-1', localMountPath: '/mnt/data' }],
      deadLetter: 'arn:aws:sqs:eu-west-1:210987654321:dlq',
      logging: { logFormat: 'JSON', applicationLogLevel: 'INFO', systemLogLevel: 'WARN', logGroup: '/custom/orders', retentionInDays: 30, retentionKnown: true },
      snapStart: true,
      tracing: 'Active',
      reservedConcurrency: 10,
      provisionedConcurrency: 5,
      versions: ['1', '2'],
      aliases: [{ name: 'live', functionVersion: '2', additionalVersionWeights: { '1': 0.05 } }],
      asyncInvoke: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60, destinations: { onFailure: 'arn:aws:sns:eu-west-1:210987654321:fail' } },
      functionUrl: { authType: 'AWS_IAM', invokeMode: 'RESPONSE_STREAMING' },
      extras: { DurableConfig: { ExecutionTimeout: 3600 } },
      code: { repositoryType: 'S3', size: 4096 },
    });
    expect(Object.keys(f.tags)).toEqual(['a', 'b']);
    expect(JSON.stringify(f)).not.toMatch(/volatile|presigned/);
    expect(f.triggers).toEqual([{ kind: 'function-url', id: 'function-url', authType: 'AWS_IAM', invokeMode: 'RESPONSE_STREAMING', cors: undefined }]);
  });

  it('classifies environment variables like template discovery: secrets never, values only on request', () => {
    expect(f.environment).toEqual([
      { name: 'DB_PASSWORD', kind: 'secret-like', reason: 'name:DB_PASSWORD' },
      { name: 'REGION_NAME', kind: 'plain' },
    ]);
    const withValues = assembleFunction(facts(), [], undefined, true);
    expect(withValues.environment[1]).toEqual({ name: 'REGION_NAME', kind: 'plain', value: 'eu-west-1' });
    expect(JSON.stringify(withValues)).not.toContain('hunter2');
    expect(withValues.logging?.retentionKnown).toBe(false);
  });

  it('reads image functions without runtime or handler', () => {
    const img = assembleFunction(facts({ config: { FunctionName: 'img', PackageType: 'Image', ImageConfigResponse: { ImageConfig: { Command: ['app.handler'] } } }, code: { RepositoryType: 'ECR', ImageUri: '1.dkr.ecr/x:1' }, url: undefined }), [], new Map(), false);
    expect(img).toMatchObject({ packageType: 'Image', runtime: { language: 'unknown' }, code: { repositoryType: 'ECR', imageUri: '1.dkr.ecr/x:1' }, extras: { ImageConfigResponse: { ImageConfig: { Command: ['app.handler'] } } } });
    expect(img.handler).toBeUndefined();
  });
});

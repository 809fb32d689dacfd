// Seeds a moto server with an estate covering every trigger kind moto supports, in dependency order:
// roles, layer, functions (real zip code), versions and aliases, permissions, then each trigger's source.
// Names are fixed so the discovered inventory is comparable with a golden file.

import { APIGatewayClient, CreateDeploymentCommand, CreateResourceCommand, CreateRestApiCommand, GetResourcesCommand, PutIntegrationCommand, PutMethodCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand, PutSubscriptionFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CognitoIdentityProviderClient, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTargetGroupCommand, ElasticLoadBalancingV2Client, ModifyTargetGroupAttributesCommand, RegisterTargetsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateStreamCommand, DescribeStreamCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  LambdaClient,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateFunctionCodeCommand,
  type CreateFunctionCommandInput,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { CreateTopicCommand, SetSubscriptionAttributesCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { zipFiles } from './zip.mjs';

export interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
export const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

export const LAMBDA_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export function nodeZip(body = 'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n'): Uint8Array {
  return zipFiles({ 'src/index.js': body });
}

export async function createRole(iam: IAMClient, name: string, trust = LAMBDA_TRUST): Promise<string> {
  const r = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust, Path: '/service-role/' }));
  return r.Role!.Arn!;
}

/** What the tests need to know about the seeded estate. */
export interface SeededEstate {
  functionNames: string[];
}

export async function seedEstate(cfg: ClientConfig): Promise<SeededEstate> {
  const iam = new IAMClient(cfg);
  const lambda = new LambdaClient(cfg);
  const sqs = new SQSClient(cfg);
  const kinesis = new KinesisClient({ ...cfg, requestHandler: new NodeHttpHandler() });
  const ddb = new DynamoDBClient(cfg);
  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  const sns = new SNSClient(cfg);
  const eb = new EventBridgeClient(cfg);
  const scheduler = new SchedulerClient(cfg);
  const rest = new APIGatewayClient(cfg);
  const v2 = new ApiGatewayV2Client(cfg);
  const logs = new CloudWatchLogsClient(cfg);
  const elb = new ElasticLoadBalancingV2Client(cfg);
  const cognito = new CognitoIdentityProviderClient(cfg);

  // ---- IAM: a role per concern, one shared by several functions ----
  const appRole = await createRole(iam, 'estate-app-role');
  await iam.send(new PutRolePolicyCommand({
    RoleName: 'estate-app-role',
    PolicyName: 'table-access',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/items` }] }),
  }));
  const logsPolicy = await iam.send(new CreatePolicyCommand({
    PolicyName: 'estate-logs',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }] }),
  }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'estate-app-role', PolicyArn: logsPolicy.Policy!.Arn! }));
  const workerRole = await createRole(iam, 'estate-worker-role');
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'estate-worker-role', PolicyArn: logsPolicy.Policy!.Arn! }));
  await iam.send(new PutRolePolicyCommand({
    RoleName: 'estate-worker-role',
    PolicyName: 'poll-sources',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'kinesis:GetRecords', 'dynamodb:GetRecords'], Resource: '*' }] }),
  }));
  const schedulerRole = await createRole(iam, 'estate-scheduler-role', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }] }));

  // ---- Layer ----
  const layer = await lambda.send(new PublishLayerVersionCommand({
    LayerName: 'estate-shared',
    Content: { ZipFile: zipFiles({ 'nodejs/node_modules/shared/index.js': 'module.exports = {};\n' }) },
    CompatibleRuntimes: ['nodejs20.x', 'nodejs22.x'],
    CompatibleArchitectures: ['x86_64'],
  }));

  // ---- Functions ----
  const base = (name: string, extra: Partial<CreateFunctionCommandInput> = {}): CreateFunctionCommandInput => ({
    FunctionName: name,
    Runtime: 'nodejs20.x',
    Handler: 'src/index.handler',
    Role: appRole,
    Code: { ZipFile: nodeZip() },
    MemorySize: 256,
    Timeout: 10,
    ...extra,
  });
  const functions: CreateFunctionCommandInput[] = [
    base('api-rest', {
      Layers: [layer.LayerVersionArn!],
      Environment: { Variables: { TABLE_NAME: 'items', STRIPE_KEY: 'sk_live_abcdefghijklmnop1234', DB_SECRET: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:db-AbCdEf` } },
      Tags: { team: 'web', 'aws:cloudformation:stack-name': 'estate-stack', 'aws:cloudformation:logical-id': 'ApiRestFunction' },
      TracingConfig: { Mode: 'Active' },
    }),
    base('api-http', { Runtime: 'python3.12', Handler: 'app.lambda_handler', Architectures: ['arm64'], MemorySize: 512 }),
    base('ws-handler'),
    base('s3-handler', { Description: 'thumbnails', EphemeralStorage: { Size: 1024 } }),
    base('sns-handler', { Runtime: 'python3.11', Handler: 'app.handler' }),
    base('events-handler'),
    base('cron-handler', { Runtime: 'nodejs22.x' }),
    base('queue-worker', { Role: workerRole, Timeout: 60 }),
    base('stream-processor', { Role: workerRole, Runtime: 'java21', Handler: 'com.example.Handler::handleRequest', MemorySize: 1024 }),
    base('log-processor'),
    base('alb-handler'),
    base('url-handler', { Environment: { Variables: { GREETING: 'hello' } } }),
    base('iot-handler', { Runtime: 'python3.12', Handler: 'app.handler' }),
    base('cognito-hook'),
    { FunctionName: 'image-fn', PackageType: 'Image', Code: { ImageUri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/image-fn:1` }, Role: appRole, MemorySize: 2048, Timeout: 120 },
  ];
  for (const f of functions) await lambda.send(new CreateFunctionCommand(f));

  // Versions, aliases, function URL, concurrency and async invoke configuration
  await lambda.send(new PublishVersionCommand({ FunctionName: 'url-handler' }));
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'url-handler', ZipFile: nodeZip('exports.handler = async () => ({ statusCode: 204 });\n') }));
  await lambda.send(new PublishVersionCommand({ FunctionName: 'url-handler' }));
  await lambda.send(new CreateAliasCommand({ FunctionName: 'url-handler', Name: 'live', FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: { '1': 0.1 } } }));
  await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'url-handler', AuthType: 'NONE', Cors: { AllowOrigins: ['https://example.com'], AllowMethods: ['GET'] } }));
  await lambda.send(new AddPermissionCommand({ FunctionName: 'url-handler', StatementId: 'FunctionUrlAllowPublicAccess', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }));
  await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'queue-worker', ReservedConcurrentExecutions: 5 }));

  // ---- SQS, Kinesis and DynamoDB stream mappings ----
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'estate-dlq' }));
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'events-handler', MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 3600, DestinationConfig: { OnFailure: { Destination: dlqArn } } }));
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: 'estate-orders' }));
  const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  await lambda.send(new CreateEventSourceMappingCommand({
    FunctionName: 'queue-worker',
    EventSourceArn: queueArn,
    BatchSize: 10,
    MaximumBatchingWindowInSeconds: 5,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { type: ['order'] } }) }] },
  }));
  await kinesis.send(new CreateStreamCommand({ StreamName: 'estate-clicks', ShardCount: 1 }));
  const streamArn = (await kinesis.send(new DescribeStreamCommand({ StreamName: 'estate-clicks' }))).StreamDescription!.StreamARN!;
  await lambda.send(new CreateEventSourceMappingCommand({
    FunctionName: 'stream-processor',
    EventSourceArn: streamArn,
    StartingPosition: 'TRIM_HORIZON',
    BatchSize: 100,
    BisectBatchOnFunctionError: true,
    MaximumRetryAttempts: 3,
    ParallelizationFactor: 2,
  }));
  const table = await ddb.send(new CreateTableCommand({
    TableName: 'items',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  }));
  await lambda.send(new CreateEventSourceMappingCommand({
    FunctionName: 'stream-processor',
    EventSourceArn: table.TableDescription!.LatestStreamArn!,
    StartingPosition: 'LATEST',
    BatchSize: 50,
  }));

  // ---- API Gateway REST ----
  const api = await rest.send(new CreateRestApiCommand({ name: 'estate-rest' }));
  const root = (await rest.send(new GetResourcesCommand({ restApiId: api.id! }))).items!.find((r) => r.path === '/')!;
  const items = await rest.send(new CreateResourceCommand({ restApiId: api.id!, parentId: root.id!, pathPart: 'items' }));
  for (const httpMethod of ['GET', 'POST']) {
    await rest.send(new PutMethodCommand({ restApiId: api.id!, resourceId: items.id!, httpMethod, authorizationType: httpMethod === 'POST' ? 'AWS_IAM' : 'NONE', apiKeyRequired: httpMethod === 'POST' }));
    await rest.send(new PutIntegrationCommand({
      restApiId: api.id!,
      resourceId: items.id!,
      httpMethod,
      type: 'AWS_PROXY',
      integrationHttpMethod: 'POST',
      uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fnArn('api-rest')}/invocations`,
    }));
  }
  await rest.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: 'prod' }));
  await lambda.send(new AddPermissionCommand({ FunctionName: 'api-rest', StatementId: 'rest', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${api.id}/*/*/items` }));

  // ---- API Gateway v2: HTTP and WebSocket ----
  const http = await v2.send(new CreateApiCommand({ Name: 'estate-http', ProtocolType: 'HTTP' }));
  const httpInt = await v2.send(new CreateIntegrationCommand({ ApiId: http.ApiId!, IntegrationType: 'AWS_PROXY', IntegrationUri: fnArn('api-http'), PayloadFormatVersion: '2.0', TimeoutInMillis: 10000 }));
  await v2.send(new CreateRouteCommand({ ApiId: http.ApiId!, RouteKey: 'GET /hello', Target: `integrations/${httpInt.IntegrationId}` }));
  await v2.send(new CreateStageCommand({ ApiId: http.ApiId!, StageName: '$default' }));
  await lambda.send(new AddPermissionCommand({ FunctionName: 'api-http', StatementId: 'http', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${http.ApiId}/*/*/hello` }));
  const ws = await v2.send(new CreateApiCommand({ Name: 'estate-ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }));
  const wsInt = await v2.send(new CreateIntegrationCommand({ ApiId: ws.ApiId!, IntegrationType: 'AWS_PROXY', IntegrationUri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fnArn('ws-handler')}/invocations` }));
  for (const RouteKey of ['$connect', '$default']) await v2.send(new CreateRouteCommand({ ApiId: ws.ApiId!, RouteKey, Target: `integrations/${wsInt.IntegrationId}` }));
  await lambda.send(new AddPermissionCommand({ FunctionName: 'ws-handler', StatementId: 'ws', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${ws.ApiId}/*` }));

  // ---- S3 notification ----
  await s3.send(new CreateBucketCommand({ Bucket: 'estate-uploads' }));
  await lambda.send(new AddPermissionCommand({ FunctionName: 's3-handler', StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::estate-uploads', SourceAccount: ACCOUNT }));
  await s3.send(new PutBucketNotificationConfigurationCommand({
    Bucket: 'estate-uploads',
    NotificationConfiguration: {
      LambdaFunctionConfigurations: [{
        Id: 'thumbnails',
        LambdaFunctionArn: fnArn('s3-handler'),
        Events: ['s3:ObjectCreated:*'],
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }, { Name: 'suffix', Value: '.jpg' }] } },
      }],
    },
  }));

  // ---- SNS subscription with a filter policy ----
  const topic = await sns.send(new CreateTopicCommand({ Name: 'estate-alerts' }));
  await lambda.send(new AddPermissionCommand({ FunctionName: 'sns-handler', StatementId: 'sns', Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: topic.TopicArn }));
  const sub = await sns.send(new SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: 'lambda', Endpoint: fnArn('sns-handler') }));
  await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: sub.SubscriptionArn, AttributeName: 'FilterPolicy', AttributeValue: JSON.stringify({ severity: ['high'] }) }));

  // ---- EventBridge: a pattern rule and a schedule rule; Scheduler: a schedule ----
  await eb.send(new PutRuleCommand({ Name: 'estate-orders-created', EventPattern: JSON.stringify({ source: ['estate.orders'], 'detail-type': ['OrderCreated'] }) }));
  await eb.send(new PutTargetsCommand({ Rule: 'estate-orders-created', Targets: [{ Id: 'fn', Arn: fnArn('events-handler'), RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 600 }, DeadLetterConfig: { Arn: dlqArn } }] }));
  await lambda.send(new AddPermissionCommand({ FunctionName: 'events-handler', StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/estate-orders-created` }));
  await eb.send(new PutRuleCommand({ Name: 'estate-every-5-min', ScheduleExpression: 'rate(5 minutes)' }));
  await eb.send(new PutTargetsCommand({ Rule: 'estate-every-5-min', Targets: [{ Id: 'fn', Arn: fnArn('cron-handler'), Input: '{"job":"sweep"}' }] }));
  await lambda.send(new AddPermissionCommand({ FunctionName: 'cron-handler', StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/estate-every-5-min` }));
  await scheduler.send(new CreateScheduleCommand({
    Name: 'estate-noon',
    ScheduleExpression: 'cron(0 12 * * ? *)',
    ScheduleExpressionTimezone: 'Europe/Paris',
    FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
    Target: { Arn: fnArn('cron-handler'), RoleArn: schedulerRole, Input: '{"job":"report"}' },
  }));

  // ---- CloudWatch Logs: retention and a subscription filter ----
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/api-rest' }));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/aws/lambda/api-rest', retentionInDays: 14 }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/estate/app' }));
  await lambda.send(new AddPermissionCommand({ FunctionName: 'log-processor', StatementId: 'logs', Action: 'lambda:InvokeFunction', Principal: 'logs.amazonaws.com', SourceArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/estate/app:*` }));
  await logs.send(new PutSubscriptionFilterCommand({ logGroupName: '/estate/app', filterName: 'errors', filterPattern: 'ERROR', destinationArn: fnArn('log-processor') }));

  // A leftover permission naming a rule that no longer exists: informational, not a trigger.
  await lambda.send(new AddPermissionCommand({ FunctionName: 'log-processor', StatementId: 'stale', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/estate-deleted-rule` }));

  // ---- ALB target group ----
  const tg = await elb.send(new CreateTargetGroupCommand({ Name: 'estate-alb-fn', TargetType: 'lambda' }));
  const tgArn = tg.TargetGroups![0]!.TargetGroupArn!;
  await lambda.send(new AddPermissionCommand({ FunctionName: 'alb-handler', StatementId: 'alb', Action: 'lambda:InvokeFunction', Principal: 'elasticloadbalancing.amazonaws.com', SourceArn: tgArn }));
  await elb.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: fnArn('alb-handler') }] }));
  await elb.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: tgArn, Attributes: [{ Key: 'lambda.multi_value_headers.enabled', Value: 'true' }] }));

  // ---- IoT rule and Cognito user-pool hook (policy-detected) ----
  await lambda.send(new AddPermissionCommand({ FunctionName: 'iot-handler', StatementId: 'iot', Action: 'lambda:InvokeFunction', Principal: 'iot.amazonaws.com', SourceArn: `arn:aws:iot:${REGION}:${ACCOUNT}:rule/estate_telemetry` }));
  const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: 'estate-users', LambdaConfig: { PreSignUp: fnArn('cognito-hook'), PostConfirmation: fnArn('cognito-hook') } }));
  await lambda.send(new AddPermissionCommand({ FunctionName: 'cognito-hook', StatementId: 'cognito', Action: 'lambda:InvokeFunction', Principal: 'cognito-idp.amazonaws.com', SourceArn: pool.UserPool!.Arn }));
  // An alias-scoped permission: aliases carry their own resource policy.
  await lambda.send(new AddPermissionCommand({ FunctionName: 'url-handler', Qualifier: 'live', StatementId: 'ses', Action: 'lambda:InvokeFunction', Principal: 'ses.amazonaws.com', SourceAccount: ACCOUNT }));

  // The stack named by api-rest's CloudFormation tags, so that its original template is found readable.
  const cfn = new CloudFormationClient(cfg);
  await cfn.send(new CreateStackCommand({ StackName: 'estate-stack', TemplateBody: JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Marker: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'estate-stack-marker' } } } }) }));

  for (const c of [cfn, iam, lambda, sqs, kinesis, ddb, s3, sns, eb, scheduler, rest, v2, logs, elb, cognito]) c.destroy();
  return { functionNames: functions.map((f) => f.FunctionName!).sort() };
}

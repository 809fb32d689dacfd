// Live-vs-template equivalence: one SAM application, discovered offline from its template and live after deploying
// it into moto (SAM → CloudFormation with aws-sam-translator, then CreateStack), must agree on functions,
// triggers and permissions. See equivalence/README.md.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { APIGatewayClient, CreateDeploymentCommand, CreateResourceCommand, CreateRestApiCommand, GetResourcesCommand, PutIntegrationCommand, PutMethodCommand } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient, CreateStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AddPermissionCommand, CreateFunctionCommand, LambdaClient, type CreateFunctionCommandInput } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverTemplates } from '../../../src/discover/templates/index.js';
import { displayResolvable, type Inventory, type LambdaFunction, type Trigger } from '../../../src/model/inventory.js';
import { runCli } from '../../support/cli.js';
import { startMoto, type MotoServer } from '../../support/moto.js';
import { zipFiles } from '../../support/seed/zip.mjs';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURE = path.join(import.meta.dirname, 'equivalence');
const TEMPLATE = path.join(FIXTURE, 'template.yaml');
const STACK = 'equiv';
const BUCKET = 'equiv-code';
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

type Json = Record<string, unknown>;
type Resources = Record<string, { Type: string; Properties?: Json }>;

function translate(): Resources {
  const r = spawnSync(path.join(ROOT, '.venv/py/bin/python'), [path.join(FIXTURE, 'translate.py'), TEMPLATE, BUCKET], { encoding: 'utf8', env: { ...process.env, AWS_DEFAULT_REGION: REGION } });
  if (r.status !== 0) throw new Error(`aws-sam-translator failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { Resources: Resources }).Resources;
}

/**
 * Ref / GetAtt / Sub against physical ids: just what the translated template uses. With `partial`, references to
 * resources without a physical id yet are left as they are (for the template handed to CloudFormation).
 */
function resolver(resources: Resources, physical: Map<string, string>, partial = false) {
  const pseudo: Record<string, string> = { 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::StackName': STACK, 'AWS::Partition': 'aws' };
  const known = (name: string) => name in pseudo || physical.has(name);
  const ref = (name: string): string => pseudo[name] ?? physical.get(name) ?? `<unresolved ${name}>`;
  const getAtt = (name: string, attr: string): string => {
    const type = resources[name]?.Type;
    if (attr === 'Arn' && type === 'AWS::Lambda::Function') return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${ref(name)}`;
    if (attr === 'Arn' && type === 'AWS::IAM::Role') return `arn:aws:iam::${ACCOUNT}:role/${ref(name)}`;
    return `<unresolved ${name}.${attr}>`;
  };
  const sub = (text: string, vars: Json = {}): string =>
    text.replace(/\$\{([^}]+)\}/g, (whole, key: string) => {
      if (key in vars) return resolve(vars[key]) as string;
      const dot = key.indexOf('.');
      const name = dot > 0 && !key.startsWith('AWS::') ? key.slice(0, dot) : key;
      if (partial && !known(name)) return whole;
      return dot > 0 && !key.startsWith('AWS::') ? getAtt(name, key.slice(dot + 1)) : ref(key);
    });
  const resolve = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(resolve);
    if (!v || typeof v !== 'object') return v;
    const o = v as Json;
    if ('Ref' in o && (!partial || known(o.Ref as string))) return ref(o.Ref as string);
    if ('Fn::GetAtt' in o) {
      const [n, a] = o['Fn::GetAtt'] as [string, string];
      if (!partial || known(n)) return getAtt(n, a);
    }
    if ('Fn::Sub' in o) {
      const s = o['Fn::Sub'];
      if (!partial) return Array.isArray(s) ? sub(s[0] as string, s[1] as Json) : sub(s as string);
      return { 'Fn::Sub': Array.isArray(s) ? [sub(s[0] as string, {}), resolve(s[1])] : sub(s as string) };
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, resolve(x)]));
  };
  return resolve;
}

/**
 * Deploy the translated template into moto. moto's CloudFormation drops function properties (Architectures, Tags,
 * ...), stores inline policies unserialised, needs a Name for REST APIs and ignores their Body, creates no SNS
 * subscriptions and attaches no managed policies: those resources are created through the SDK from the same
 * translated properties, and CloudFormation creates the rest (queue, topic, mappings, rules, permissions).
 */
async function deploy(moto: MotoServer): Promise<void> {
  const cfg = moto.clientConfig;
  const resources = translate();
  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const code = zipFiles({ 'src/orders.js': readFileSync(path.join(FIXTURE, 'src/orders.js'), 'utf8'), 'src/reports.py': readFileSync(path.join(FIXTURE, 'src/reports.py'), 'utf8') });
  for (const [id, r] of Object.entries(resources)) if (r.Type === 'AWS::Lambda::Function') await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${id}.zip`, Body: code }));

  const physical = new Map<string, string>();
  const of = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const iam = new IAMClient(cfg);
  for (const [id, r] of of('AWS::IAM::Role')) {
    const p = resolver(resources, physical)(r.Properties) as { AssumeRolePolicyDocument: unknown; ManagedPolicyArns?: string[]; Policies?: { PolicyName: string; PolicyDocument: unknown }[] };
    const RoleName = `${STACK}-${id}`;
    await iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: JSON.stringify(p.AssumeRolePolicyDocument) }));
    for (const pol of p.Policies ?? []) await iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: pol.PolicyName, PolicyDocument: JSON.stringify({ Version: '2012-10-17', ...(pol.PolicyDocument as Json) }) }));
    for (const PolicyArn of p.ManagedPolicyArns ?? []) await iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn }));
    physical.set(id, RoleName);
  }
  const lambda = new LambdaClient(cfg);
  for (const [id, r] of of('AWS::Lambda::Function')) {
    const p = resolver(resources, physical)(r.Properties) as Json & { FunctionName: string; Tags?: { Key: string; Value: string }[] };
    const input = { ...p, Tags: Object.fromEntries((p.Tags ?? []).map((t) => [t.Key, t.Value])) } as unknown as CreateFunctionCommandInput;
    await lambda.send(new CreateFunctionCommand(input));
    physical.set(id, p.FunctionName);
  }

  const mentionsApi = (r: { Properties?: Json }) => /ServerlessRestApi/.test(JSON.stringify(r.Properties ?? {}));
  const bySdk = (r: { Type: string; Properties?: Json }) =>
    ['AWS::IAM::Role', 'AWS::Lambda::Function', 'AWS::SNS::Subscription'].includes(r.Type) || r.Type.startsWith('AWS::ApiGateway::') || (r.Type === 'AWS::Lambda::Permission' && mentionsApi(r));
  const partial = resolver(resources, physical, true);
  const stackResources = Object.fromEntries(Object.entries(resources).filter(([, r]) => !bySdk(r)).map(([id, r]) => [id, partial(r)]));
  const cfn = new CloudFormationClient(cfg);
  await cfn.send(new CreateStackCommand({ StackName: STACK, TemplateBody: JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: stackResources }) }));
  const status = (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0]?.StackStatus;
  if (status !== 'CREATE_COMPLETE') throw new Error(`stack ${STACK}: ${status}`);
  for (const r of (await cfn.send(new DescribeStackResourcesCommand({ StackName: STACK }))).StackResources ?? []) physical.set(r.LogicalResourceId!, r.PhysicalResourceId!);

  const rest = new APIGatewayClient(cfg);
  for (const [id, r] of of('AWS::ApiGateway::RestApi')) {
    const body = resolver(resources, physical)(r.Properties?.Body) as { info: { title: string }; paths: Record<string, Record<string, Json>> };
    const api = await rest.send(new CreateRestApiCommand({ name: body.info.title }));
    physical.set(id, api.id!);
    const ids = new Map(((await rest.send(new GetResourcesCommand({ restApiId: api.id! }))).items ?? []).map((x) => [x.path!, x.id!]));
    for (const [p, methods] of Object.entries(body.paths)) {
      let parent = '';
      for (const part of p.split('/').filter(Boolean)) {
        const here = `${parent}/${part}`;
        if (!ids.has(here)) ids.set(here, (await rest.send(new CreateResourceCommand({ restApiId: api.id!, parentId: ids.get(parent || '/')!, pathPart: part }))).id!);
        parent = here;
      }
      for (const [method, doc] of Object.entries(methods)) {
        const integ = doc['x-amazon-apigateway-integration'] as { type: string; uri: string; httpMethod: string };
        const httpMethod = method.toUpperCase();
        await rest.send(new PutMethodCommand({ restApiId: api.id!, resourceId: ids.get(p)!, httpMethod, authorizationType: 'NONE' }));
        await rest.send(new PutIntegrationCommand({ restApiId: api.id!, resourceId: ids.get(p)!, httpMethod, type: integ.type.toUpperCase() as 'AWS_PROXY', uri: integ.uri, integrationHttpMethod: integ.httpMethod }));
      }
    }
  }
  const resolve = resolver(resources, physical);
  for (const [, r] of of('AWS::ApiGateway::Stage')) {
    const p = resolve(r.Properties) as { RestApiId: string; StageName: string };
    await rest.send(new CreateDeploymentCommand({ restApiId: p.RestApiId, stageName: p.StageName }));
  }
  for (const [id, r] of of('AWS::Lambda::Permission').filter(([, r]) => mentionsApi(r))) {
    const p = resolve(r.Properties) as { FunctionName: string; Action: string; Principal: string; SourceArn?: string };
    await lambda.send(new AddPermissionCommand({ FunctionName: p.FunctionName, StatementId: id, Action: p.Action, Principal: p.Principal, SourceArn: p.SourceArn }));
  }
  const sns = new SNSClient(cfg);
  for (const [, r] of of('AWS::SNS::Subscription')) {
    const p = resolve(r.Properties) as { TopicArn: string; Endpoint: string; Protocol: string; FilterPolicy?: unknown };
    await sns.send(new SubscribeCommand({ TopicArn: p.TopicArn, Protocol: p.Protocol, Endpoint: p.Endpoint, Attributes: p.FilterPolicy ? { FilterPolicy: JSON.stringify(p.FilterPolicy) } : undefined }));
  }
  for (const c of [s3, cfn, rest, lambda, sns, iam]) c.destroy();
}

/** What both sources must agree on for one trigger: its kind and the fields that define it. */
function triggerKey(t: Trigger): string {
  switch (t.kind) {
    case 'api-gateway-rest':
      return `api-gateway-rest ${t.method} ${t.path} stage=${t.stage ?? ''} integration=${t.integration ?? ''}`;
    case 'sqs':
      return `sqs batch=${t.batchSize ?? ''} window=${t.maximumBatchingWindowInSeconds ?? ''} fifo=${Boolean(t.fifo)}`;
    case 'schedule':
      return `schedule ${t.expression} via=${t.via}`;
    case 'sns':
      return `sns filter=${JSON.stringify(t.filterPolicy ?? null)}`;
    default:
      return t.kind;
  }
}

function functionFacts(f: LambdaFunction) {
  return {
    runtime: f.runtime.id,
    handler: f.handler?.raw,
    memorySize: f.memorySize,
    timeout: f.timeout,
    architecture: f.architecture,
    packageType: f.packageType,
    environment: f.environment.map((e) => `${e.name}:${e.kind}`),
    triggers: f.triggers.map(triggerKey).sort(),
  };
}

function roleFacts(inv: Inventory, f: LambdaFunction) {
  const role = inv.roles.find((r) => r.id === f.roleRef);
  if (!role) return undefined;
  return {
    trustedServices: role.trustedServices,
    managed: role.policies.filter((p) => p.kind.startsWith('managed')).map((p) => p.name).sort(),
    inline: role.policies
      .filter((p) => p.kind === 'inline')
      .map((p) => ({ name: p.name, actions: p.statements.flatMap((s) => s.actions).sort(), resources: p.statements.flatMap((s) => s.resources.map((x) => displayResolvable(x))).sort() })),
  };
}

let moto: MotoServer;
let live: Inventory;
let offline: Inventory;
let dir: string;

beforeAll(async () => {
  moto = await startMoto({ MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' });
  await deploy(moto);
  dir = await mkdtemp(path.join(os.tmpdir(), 'equivalence-'));
  const r = await runCli(['discover', '--aws', '--endpoint-url', moto.endpoint, '--region', REGION, '--out', 'live.json'], { env: { NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' }, cwd: dir });
  if (r.code === 2 || r.code === 3) throw new Error(r.stderr);
  live = JSON.parse(await readFile(path.join(dir, 'live.json'), 'utf8')) as Inventory;
  offline = await discoverTemplates([TEMPLATE], { cwd: ROOT, outDir: dir, includeValues: false });
}, 180_000);
afterAll(async () => {
  await moto?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('live discovery of a deployed SAM template agrees with offline discovery of the template', () => {
  it('finds the same functions', () => {
    expect(live.functions.map((f) => f.name).sort()).toEqual(offline.functions.map((f) => f.name).sort());
    expect(live.functions.length).toBeGreaterThan(1);
  });

  it('agrees on runtime, handler, memory, timeout, architecture, environment and triggers', () => {
    for (const f of offline.functions) {
      const l = live.functions.find((x) => x.name === f.name)!;
      expect(functionFacts(l), f.name).toEqual(functionFacts(f));
    }
  });

  it("agrees on each function's role: trust, managed policies and inline actions", () => {
    for (const f of offline.functions) {
      const l = live.functions.find((x) => x.name === f.name)!;
      expect(roleFacts(live, l), f.name).toEqual(roleFacts(offline, f));
      expect(roleFacts(live, l)?.inline.length, f.name).toBeGreaterThan(0);
    }
  });

  it('resolves live what the template leaves symbolic', () => {
    const sqs = live.functions.flatMap((f) => f.triggers).find((t) => t.kind === 'sqs');
    expect(sqs && sqs.kind === 'sqs' && typeof sqs.queue === 'string' && sqs.queue.startsWith(`arn:aws:sqs:${REGION}:${ACCOUNT}:`)).toBe(true);
    // Live, AWS managed policies are read; offline they are opaque.
    const basic = live.roles.flatMap((r) => r.policies).find((p) => p.name.endsWith('/AWSLambdaBasicExecutionRole'));
    expect(basic?.statements.flatMap((s) => s.actions)).toContain('logs:CreateLogGroup');
  });
});

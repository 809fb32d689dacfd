// The data-plane decision (Plan.dataPlane) and what follows from it: settings that hold Azure names, the Cosmos DB
// containers with their partition keys, serialised Cosmos role assignments, --keep-in-aws and keyless federation.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/model/inventory.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { scanOperations } from '../../src/plan/data-plane/call-sites.js';
import { loadRules } from '../../src/plan/rules/load-rules.js';
import { emitEstate } from '../../src/emit/index.js';
import { MigrateError } from '../../src/util/errors.js';
import { estatePlan } from '../convert/support/convert-estate.js';
import { makeInventory } from './support/inventory.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const rules = await loadRules();
const ESTATES = ['handler-shapes', 'identity-web-sam', 'intrinsics-edge', 'legacy-runtimes', 'notifications-serverless', 'orders-cfn', 'payments-python-sam', 'reports-serverless-python', 'retail-sam', 'streams-sam'];
const CFN_TEXT = /(^|['"`\s])(Ref|GetAtt|Sub|ImportValue):[A-Za-z]/;
const noReport = { functions: [], todos: [], warnings: [] };

function scan(text: string) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return scanOperations(text, (idx) => starts.filter((s) => s <= idx).length);
}

describe('SDK call sites', () => {
  it('attributes v3 commands to the package they are imported from, with the env var naming the resource', () => {
    const sites = scan([
      "import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';",
      "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';",
      'const TABLE = process.env.ORDERS_TABLE;',
      "await ddb.send(new PutCommand({ TableName: TABLE, Item: x, ConditionExpression: 'attribute_not_exists(pk)' }));",
      "await sqs.send(new SendMessageCommand({ QueueUrl: process.env['QUEUE_URL'], MessageBody: '' }));",
    ].join('\n'));
    expect(sites).toEqual([
      { service: 'dynamodb', operation: 'PutItem', line: 4, envVars: ['ORDERS_TABLE'], literals: [], conditions: ['attribute_not_exists(pk)'] },
      { service: 'sqs', operation: 'SendMessage', line: 5, envVars: ['QUEUE_URL'], literals: [], conditions: [] },
    ]);
  });

  it('reads boto3 method calls and literal resource names', () => {
    const sites = scan("import boto3\ns3 = boto3.client('s3')\ns3.get_object(Bucket='reports', Key=k)\n");
    expect(sites).toEqual([{ service: 's3', operation: 'GetObject', line: 3, envVars: [], literals: ['reports'], conditions: [] }]);
  });
});

describe('the data-plane decision', () => {
  const spec = {
    functions: [
      {
        name: 'reader',
        role: 'r',
        environment: [{ name: 'TABLE', kind: 'reference' as const, value: 'Ref:Orders' }],
        code: { operations: [{ service: 'dynamodb' as const, operation: 'GetItem', line: 1, envVars: ['TABLE'], literals: [], conditions: [], file: 'src/index.js' }] },
      },
    ],
    roles: [{ name: 'r', policies: [{ name: 'p', kind: 'inline' as const, statements: [{ effect: 'Allow' as const, actions: ['dynamodb:*'], resources: [{ symbol: 'GetAtt:Orders.Arn' }] }] }] }],
  };
  const withTable = (): { inventory: Inventory; code: ReturnType<typeof makeInventory>['code'] } => {
    const made = makeInventory(spec);
    made.inventory.dataResources = [{ id: 'template.yaml#Orders', logicalId: 'Orders', type: 'AWS::DynamoDB::Table', keySchema: { hash: 'orderId', range: 'createdAt' } }];
    return made;
  };

  it('moves a table to a Cosmos container keyed by its HASH key, with a read-only role for read-only calls', () => {
    const { inventory, code } = withTable();
    const plan = buildPlan(inventory, rules, { code });
    expect(plan.dataPlane).toEqual([
      expect.objectContaining({ id: 'dynamodb:Orders', decision: 'move', envVars: ['TABLE'], operations: ['GetItem'], azure: { kind: 'cosmos-container', name: 'orders', partitionKey: '/orderId', sortKey: 'createdAt' } }),
    ]);
    const roles = plan.apps[0]!.identity.roleAssignments.filter((r) => r.scope.kind === 'cosmos-db').map((r) => r.role);
    expect(roles).toEqual(['Cosmos DB Built-in Data Reader']);
    expect(plan.apps[0]!.settings.find((s) => s.name === 'TABLE')).toMatchObject({ kind: 'reference', value: 'orders', dataResource: 'dynamodb:Orders' });
    const tree = emitEstate(plan, noReport);
    const cosmos = tree.get('infra/modules/cosmos.bicep')!;
    expect(cosmos).toContain("name: 'orders'");
    expect(cosmos).toMatch(/paths: \[\s*'\/orderId'\s*\]/);
    expect(tree.get('infra/modules/cosmos-roles.bicep')).toMatch(/@batchSize\(1\)\s*\n(@description\([^)]*\)\s*\n)?resource dataRoles 'Microsoft\.DocumentDB\/databaseAccounts\/sqlRoleAssignments@/);
    expect(tree.get('infra/main.bicep')).toContain("roleDefinitionGuid: '00000000-0000-0000-0000-000000000001'");
  });

  it('keeps a resource in AWS with --keep-in-aws: keyless settings, the AWS template, no Azure role', () => {
    const { inventory, code } = withTable();
    const plan = buildPlan(inventory, rules, { code, keepInAws: [{ spec: 'dynamodb:Orders', by: '--keep-in-aws' }] });
    expect(plan.dataPlane![0]).toMatchObject({ decision: 'stay' });
    expect(plan.apps[0]!.identity.roleAssignments.some((r) => r.scope.kind === 'cosmos-db')).toBe(false);
    const settings = new Map(plan.apps[0]!.settings.map((s) => [s.name, s]));
    expect(settings.get('AWS_WEB_IDENTITY_AUDIENCE')?.value).toBe('api://AzureADTokenExchange');
    expect(settings.get('AWS_ROLE_ARN')?.kind).toBe('placeholder');
    expect(settings.get('TABLE')?.kind).toBe('placeholder');
    expect(plan.findings.map((f) => f.ruleId)).toContain('DPN-I003');
    const tree = emitEstate(plan, noReport);
    const cfn = JSON.parse(tree.get('aws/keyless-federation.template.json')!) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    expect(cfn.Resources.EntraOidcProvider!.Properties.ClientIdList).toEqual(['api://AzureADTokenExchange']);
    const role = Object.values(cfn.Resources).find((r) => r.Type === 'AWS::IAM::Role')!;
    const trust = (role.Properties.AssumeRolePolicyDocument as { 'Fn::Sub': string })['Fn::Sub'];
    expect(trust).toContain('"login.microsoftonline.com/${EntraTenantId}/v2.0:sub"');
    expect(trust).toContain('"login.microsoftonline.com/${EntraTenantId}/v2.0:aud":"api://AzureADTokenExchange"');
    expect(JSON.stringify(role.Properties.Policies)).toContain('dynamodb:GetItem');
    expect(tree.get('infra/main.bicep')).toContain('_IDENTITY_PRINCIPAL_ID');
    expect(tree.has('infra/modules/cosmos.bicep')).toBe(false);
  });

  it('refuses a --keep-in-aws entry that matches nothing, naming the known resources', () => {
    const { inventory, code } = withTable();
    expect(() => buildPlan(inventory, rules, { code, keepInAws: [{ spec: 'dynamodb:Ordres', by: '--keep-in-aws' }] })).toThrow(MigrateError);
    expect(() => buildPlan(inventory, rules, { code, keepInAws: [{ spec: 'dynamodb:Ordres', by: '--keep-in-aws' }] })).toThrow(/matches no data-plane resource/);
    expect(() => buildPlan(inventory, rules, { code, keepInAws: [{ spec: 'mongo', by: '.migraterc.yaml' }] })).toThrow(/unknown service 'mongo'/);
  });

  it('blocks DynamoDB transactions on a moved table until it is kept in AWS', () => {
    const { inventory, code } = withTable();
    code.get('template.yaml#reader')!.operations![0]!.operation = 'TransactWriteItems';
    expect(buildPlan(inventory, rules, { code }).findings.some((f) => f.ruleId === 'DPN-B001')).toBe(true);
    expect(buildPlan(inventory, rules, { code, keepInAws: [{ spec: 'dynamodb', by: 'test' }] }).findings.some((f) => f.ruleId === 'DPN-B001')).toBe(false);
  });
});

describe.each(ESTATES)('estate %s', (estate) => {
  it('never writes CloudFormation reference text into settings, Bicep or the manual', async () => {
    const { plan } = await estatePlan(estate);
    for (const app of plan.apps) for (const s of app.settings) expect(`${s.name}=${s.value ?? ''}`).not.toMatch(CFN_TEXT);
    const tree = emitEstate(plan, noReport);
    for (const [file, text] of tree) {
      if (file.endsWith('.bicep') || file.endsWith('.json')) expect(text, file).not.toMatch(CFN_TEXT);
    }
    expect(tree.get('MIGRATION.md')).not.toContain('(generated resource)');
    // Every moved table's container exists with the partition key from its key schema.
    const inv = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/golden', estate, 'inventory.json'), 'utf8')) as Inventory;
    for (const r of (plan.dataPlane ?? []).filter((d) => d.decision === 'move' && d.azure?.kind === 'cosmos-container')) {
      const hash = inv.dataResources?.find((d) => d.logicalId === r.name)?.keySchema?.hash;
      if (hash) expect(r.azure!.partitionKey).toBe(`/${hash}`);
      expect(tree.get('infra/modules/cosmos.bicep'), r.id).toContain(`'${r.azure!.partitionKey}'`);
    }
    // Cosmos DB role assignments are written only by the serialised module.
    for (const [file, text] of tree) if (file !== 'infra/modules/cosmos-roles.bicep') expect(text, file).not.toContain('sqlRoleAssignments@');
  });
});

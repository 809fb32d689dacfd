// Test-side stand-in for `migrate plan`: a realistic, schema-valid plan for a golden inventory (one app per
// estate's Node functions), so convert can be proven on every fixture estate before the real planner lands.

import type { Inventory, LambdaFunction, Trigger } from '../../../src/model/inventory.js';
import type { AzureTrigger, FunctionApp, Plan, PlannedEntry, PlannedFunction } from '../../../src/model/plan.js';

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function slug(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function symbolName(v: unknown, fallback: string): string {
  if (typeof v === 'string') return slug(v.split(/[:/]/).pop() ?? fallback) || fallback;
  if (v && typeof v === 'object' && 'symbol' in v) return slug(String((v as { symbol: string }).symbol).split(/[:.]/)[1] ?? fallback) || fallback;
  return fallback;
}

function route(p: string): string {
  return p.replace(/^\/+/, '').replace(/\{([A-Za-z0-9_]+)\+\}/g, '{*$1}') || 'root';
}

function mapTrigger(t: Trigger, entryName: string): Pick<PlannedEntry, 'lambdaEvent' | 'payloadFormat' | 'trigger'> {
  const http = (r: string, methods: string[]): AzureTrigger => ({ type: 'http', route: r, methods, authLevel: 'anonymous' });
  const methodsOf = (m: string) => (m.toUpperCase() === 'ANY' || m === '*' ? ALL_METHODS : [m.toUpperCase()]);
  switch (t.kind) {
    case 'api-gateway-rest':
      return { lambdaEvent: t.kind, payloadFormat: '1.0', trigger: http(route(t.path), methodsOf(t.method)) };
    case 'api-gateway-http':
      return { lambdaEvent: t.kind, payloadFormat: t.payloadFormatVersion ?? '2.0', trigger: http(route(t.path), methodsOf(t.method)) };
    case 'function-url':
      return { lambdaEvent: t.kind, payloadFormat: '2.0', trigger: http(entryName, ['GET', 'POST']) };
    case 'alb':
      return { lambdaEvent: t.kind, trigger: http(route(t.conditions?.path?.[0]?.replace(/\*$/, '') ?? entryName), ['GET', 'POST']) };
    case 'sqs':
      return { lambdaEvent: t.kind, trigger: { type: 'storageQueue', queueName: symbolName(t.queue, 'queue'), connection: 'AzureWebJobsStorage' } };
    case 'sns':
    case 'eventbridge-rule':
      return { lambdaEvent: t.kind, trigger: { type: 'eventGrid' } };
    case 'schedule':
      return { lambdaEvent: t.kind, trigger: { type: 'timer', schedule: '0 0 2 * * *', scheduleSetting: `TIMER_${slug(entryName).toUpperCase().replace(/-/g, '_')}_SCHEDULE` } };
    case 's3':
      return { lambdaEvent: t.kind, trigger: { type: 'storageBlob', path: 'uploads/{name}', connection: 'AzureWebJobsStorage', source: 'EventGrid' } };
    case 'kinesis':
      return { lambdaEvent: t.kind, trigger: { type: 'eventHub', eventHubName: 'clickstream', connection: 'EventHubConnection', cardinality: 'many' } };
    case 'dynamodb-stream':
      return {
        lambdaEvent: t.kind,
        trigger: { type: 'cosmosDB', connection: 'CosmosConnection', databaseName: 'app', containerName: 'orders', leaseContainerName: 'leases', createLeaseContainerIfNotExists: true },
      };
    case 'kafka':
      return { lambdaEvent: t.kind, trigger: { type: 'kafka', topic: 'events', brokerList: 'KafkaBrokers' } };
    default:
      return { lambdaEvent: t.kind, trigger: { type: 'none', reason: `no Azure Functions trigger for ${t.kind}` } };
  }
}

function plannedFunction(f: LambdaFunction): PlannedFunction {
  const base = slug(f.name).slice(0, 40);
  const entries: PlannedEntry[] =
    f.triggers.length === 0
      ? [{ name: base, lambdaEvent: 'direct-invoke', trigger: { type: 'http', route: base, methods: ['POST'], authLevel: 'function' } }]
      : f.triggers.map((t, i) => {
          const name = f.triggers.length === 1 ? base : `${base}-${i + 1}`;
          return { name, triggerId: t.id, ...mapTrigger(t, name) };
        });
  return {
    lambdaId: f.id,
    lambdaName: f.name,
    language: f.runtime.language,
    ...(f.handler?.file ? { handler: { file: f.handler.file, export: f.handler.export ?? 'handler' } } : {}),
    ...(f.code?.path !== undefined ? { codeDir: f.code.path === '.' ? '' : f.code.path } : {}),
    strategy: 'rewrite',
    strategyReason: 'Node.js handler: codemod rewrite',
    timeoutSeconds: f.timeout,
    entries,
  };
}

export function planFromInventory(inv: Inventory, appName: string, planToInventoryRoot = ''): Plan {
  const node = inv.functions.filter((f) => f.runtime.language === 'nodejs' && f.handler?.file);
  const app: FunctionApp = {
    name: appName,
    groupingReasons: ['test fixture: all Node.js functions of the estate'],
    hosting: { plan: 'FlexConsumption', sku: 'FC1', reason: 'default' },
    runtime: { name: 'node', version: '20' },
    instanceMemoryMB: 2048,
    functionTimeout: '00:10:00',
    scale: { maximumInstanceCount: 100, alwaysReady: [] },
    identity: { name: `id-${appName}`, sourceRoles: [], roleAssignments: [], unmappedActions: [] },
    settings: [
      { name: 'TABLE_NAME', kind: 'reference', value: 'orders', from: [] },
      { name: 'API_KEY', kind: 'keyvault', secretName: 'api-key', from: [] },
    ],
    keyVaultSecrets: ['api-key'],
    resources: [{ kind: 'storage-queue', name: 'orders', maxDequeueCount: 5 }],
    vnetIntegration: false,
    functions: node.map(plannedFunction),
  };
  const root = inv.source.root ?? '.';
  return {
    schemaVersion: 2,
    source: { ...inv.source, root: planToInventoryRoot ? `${planToInventoryRoot}/${root}` : root },
    options: { groupBy: 'estate', failOn: 'blocker', rulesets: [] },
    summary: { functions: node.length, apps: 1, areas: [] },
    rules: [],
    subjects: [],
    findings: [],
    disabledRules: [],
    apps: [app],
    cost: {
      assumptions: { invocationsPerMonthPerFunction: 1000000, averageDurationMs: 100, currency: 'USD', priceSource: 'test fixture' },
      lambda: [],
      azure: [],
      lambdaMonthlyUsd: 0,
      azureMonthlyUsd: 0,
    },
    cutover: { strategy: 'planned-downtime', reason: 'test fixture' },
    warnings: [],
  };
}

// Generates N Node.js Lambda handlers (~4.5 KB each, mixed triggers and module styles) and a matching Plan,
// all in memory, for bench/convert.mjs.

const KINDS = [
  { lambdaEvent: 'api-gateway-rest', payloadFormat: '1.0', trigger: (i) => ({ type: 'http', route: `items${i}/{id}`, methods: ['GET'], authLevel: 'anonymous' }) },
  { lambdaEvent: 'api-gateway-http', payloadFormat: '2.0', trigger: (i) => ({ type: 'http', route: `v2/items${i}`, methods: ['POST'], authLevel: 'function' }) },
  { lambdaEvent: 'sqs', trigger: (i) => ({ type: 'storageQueue', queueName: `queue-${i}`, connection: 'AzureWebJobsStorage' }) },
  { lambdaEvent: 'sns', trigger: () => ({ type: 'eventGrid' }) },
  { lambdaEvent: 'schedule', trigger: () => ({ type: 'timer', schedule: '0 0 2 * * *', scheduleSetting: 'TIMER_SCHEDULE' }) },
  { lambdaEvent: 's3', trigger: () => ({ type: 'storageBlob', path: 'uploads/{name}', connection: 'AzureWebJobsStorage', source: 'EventGrid' }) },
  { lambdaEvent: 'kinesis', trigger: (i) => ({ type: 'eventHub', eventHubName: `hub-${i}`, connection: 'EventHubConnection', cardinality: 'many' }) },
];

function helperBlock(i, n) {
  return `
function normalize${n}(record) {
  const out = {};
  for (const [key, value] of Object.entries(record || {})) {
    if (value === null || value === undefined) continue;
    out[key.trim().toLowerCase()] = typeof value === 'string' ? value.trim() : value;
  }
  out.index = ${i};
  return out;
}

function score${n}(items) {
  let total = 0;
  for (const item of items) {
    total += (item.quantity || 1) * (item.price || 0);
    if (item.discount) total -= item.discount;
  }
  return Math.round(total * 100) / 100;
}
`;
}

function handlerSource(i) {
  const esm = i % 2 === 0;
  const sdk = i % 3 === 0;
  const head = esm
    ? `${sdk ? "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\n" : ''}`
    : `'use strict';\n${sdk ? "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');\nconst db = new DynamoDBClient({});\n" : ''}`;
  let helpers = '';
  for (let n = 0; n < 7; n++) helpers += helperBlock(i, n);
  const body = `async (event, context) => {
  context.callbackWaitsForEmptyEventLoop = false;
  console.log('start', context.awsRequestId, ${i});
  const records = Array.isArray(event.Records) ? event.Records : [event];
  const results = [];
  for (const record of records) {
    const normalized = normalize0(record);
    results.push({ id: normalized.messageid || normalized.id || 'x', score: score1([normalized]) });
  }
  if (context.getRemainingTimeInMillis() < 100) console.warn('low budget');
  return { statusCode: 200, body: JSON.stringify({ count: results.length, results }) };
}`;
  const exp = esm ? `export const handler = ${body};\n` : `exports.handler = ${body};\n`;
  return `// Generated benchmark handler ${i}\n${head}${helpers}\n${exp}`;
}

export function generateHandlers(count) {
  const files = new Map();
  const functions = [];
  for (let i = 0; i < count; i++) {
    const esm = i % 2 === 0;
    const file = `fns/f${i}/handler.${esm ? 'mjs' : 'js'}`;
    files.set(file, handlerSource(i));
    const kind = KINDS[i % KINDS.length];
    functions.push({
      lambdaId: `bench#F${i}`,
      lambdaName: `bench-f${i}`,
      language: 'nodejs',
      handler: { file, export: 'handler' },
      codeDir: `fns/f${i}`,
      strategy: 'rewrite',
      strategyReason: 'bench',
      timeoutSeconds: 30,
      entries: [{ name: `f${i}`, lambdaEvent: kind.lambdaEvent, ...(kind.payloadFormat ? { payloadFormat: kind.payloadFormat } : {}), trigger: kind.trigger(i) }],
    });
  }
  const apps = [];
  for (let a = 0; a * 50 < count; a++) {
    apps.push({
      name: `bench-app-${a}`,
      groupingReasons: ['bench'],
      hosting: { plan: 'FlexConsumption', sku: 'FC1', reason: 'default' },
      runtime: { name: 'node', version: '20' },
      instanceMemoryMB: 2048,
      functionTimeout: '00:10:00',
      scale: { maximumInstanceCount: 100, alwaysReady: [] },
      identity: { name: `id-${a}`, sourceRoles: [], roleAssignments: [], unmappedActions: [] },
      settings: [],
      keyVaultSecrets: [],
      resources: [],
      vnetIntegration: false,
      functions: functions.slice(a * 50, a * 50 + 50),
    });
  }
  const plan = {
    schemaVersion: 1,
    source: { kind: 'templates', includeValues: false, root: '.' },
    options: { groupBy: 'bench', failOn: 'blocker', rulesets: [] },
    summary: { functions: count, apps: apps.length, areas: [] },
    findings: [],
    disabledRules: [],
    apps,
    cost: { assumptions: { invocationsPerMonthPerFunction: 1, averageDurationMs: 1, currency: 'USD', priceSource: 'bench' }, lambda: [], azure: [], lambdaMonthlyUsd: 0, azureMonthlyUsd: 0 },
    cutover: { strategy: 'planned-downtime', reason: 'bench' },
    warnings: [],
  };
  return { files, plan };
}

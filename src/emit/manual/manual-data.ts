// Assembles the manual's template context from the plan, the conversion report and the generated infrastructure.
// Everything here is data about this estate; the prose lives in templates/manual/.

import type { ConversionReport } from '../../model/conversion.js';
import type { AzureTrigger, FunctionApp, Plan } from '../../model/plan.js';
import { compareStrings, sortBy } from '../../util/json.js';
import { needsPostdeployHook, subscriptionName } from '../azd/postdeploy-hook.js';
import { shq } from '../azd/shell.js';
import type { Infra } from '../infra/index.js';
import { envName } from '../infra/names.js';
import { COSMOS_CREATED } from '../infra/estate.js';
import { cosmosImports, dataCutoverOrder, keylessContext } from './data-plane-steps.js';
import { appPrelude, fireCommand, lambdaSwitch } from './commands.js';
import { kindsUsing } from '../infra/replaces.js';
import { triggerModule } from '../../triggers/registry.js';
import type { TemplateContext } from './template.js';
import type { HeldApp } from '../deploy-targets.js';
import { findingsByRule } from '../../plan/findings-by-rule.js';
import { resolveFindings, type ResolvedFinding } from '../../model/findings.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const CORES: Record<number, number> = { 512: 0.25, 2048: 1, 4096: 2 };
const STRATEGY_TITLES = { 'planned-downtime': 'planned downtime', 'zero-downtime': 'zero downtime', 'minimized-downtime': 'minimized downtime' } as const;

export function describeTrigger(t: AzureTrigger): string {
  switch (t.type) {
    case 'http':
      return `HTTP ${t.methods.join(',')} /${t.route} (${t.authLevel})`;
    case 'timer':
      return `timer ${t.schedule} (UTC)`;
    case 'storageQueue':
      return `storage queue ${t.queueName}`;
    case 'serviceBusQueue':
      return `Service Bus queue ${t.queueName}${t.isSessionsEnabled ? ' (sessions)' : ''}`;
    case 'serviceBusTopic':
      return `Service Bus topic ${t.topicName}/${t.subscriptionName}`;
    case 'storageBlob':
      return `blob ${t.path} (Event Grid source)`;
    case 'eventGrid':
      return 'Event Grid';
    case 'eventHub':
      return `Event Hub ${t.eventHubName}`;
    case 'cosmosDB':
      return `Cosmos DB change feed ${t.databaseName}/${t.containerName}`;
    case 'kafka':
      return `Kafka topic ${t.topic}`;
    case 'rabbitMQ':
      return `RabbitMQ queue ${t.queueName}`;
    case 'none':
      return `none (${t.reason})`;
  }
}

/** A shell-safe message for `${VAR:?message}` inside double quotes. */
const guardText = (s: string): string => s.replace(/[`"$\\}]/g, '').replace(/\s+/g, ' ').trim();

/**
 * The S3 bucket a blob container replaces, as a shell word: the literal name discovery saw, or, for a template's
 * logical id, the CloudFormation lookup of its physical name (which refuses to run without STACK_NAME).
 */
function bucketWord(source: string | undefined, container: string): string {
  if (source === undefined) return `"\${BUCKET_${envName(container)}:?the S3 bucket that blob container ${container} replaces}"`;
  const ref = /^Ref:([A-Za-z0-9]+)$/.exec(source);
  if (!ref) return shq(source);
  return `"$(aws cloudformation describe-stack-resource --stack-name "\${STACK_NAME:?the CloudFormation stack deployed from the template}" --logical-resource-id ${ref[1]} --query StackResourceDetail.PhysicalResourceId --output text)"`;
}

/** The SQS queue URL a queue replaces, as a shell word: from its ARN or name, or from the stack for a logical id. */
function queueUrlWord(source: string | undefined, queue: string): string {
  if (source === undefined) return `"\${QUEUE_URL_${envName(queue)}:?the URL of the SQS queue that ${queue} replaces}"`;
  if (source.startsWith('https://')) return shq(source);
  const ref = /^Ref:([A-Za-z0-9]+)$/.exec(source);
  // A queue's physical id in CloudFormation is its URL.
  if (ref) return `"$(aws cloudformation describe-stack-resource --stack-name "\${STACK_NAME:?the CloudFormation stack deployed from the template}" --logical-resource-id ${ref[1]} --query StackResourceDetail.PhysicalResourceId --output text)"`;
  return `"$(aws sqs get-queue-url --queue-name ${shq(source.split(':').pop()!)} --query QueueUrl --output text)"`;
}

/** Findings grouped by rule id, sorted by it. */
const groupByRule = (findings: readonly ResolvedFinding[]) => findingsByRule(findings).sort((a, b) => compareStrings(a.ruleId, b.ruleId));

/** AWS actions no Azure role replaces, grouped by action: the dependencies that stay in AWS. */
function stayingInAws(apps: FunctionApp[]): TemplateContext[] {
  const byAction = new Map<string, string[]>();
  for (const a of apps) for (const action of a.identity.unmappedActions) byAction.set(action, [...(byAction.get(action) ?? []), a.name]);
  if (byAction.size === 0) return [];
  const actions = [...byAction.keys()].sort(compareStrings);
  return [{ actions: actions.join(', '), apps: [...new Set(actions.flatMap((x) => byAction.get(x)!))].sort(compareStrings).join(', ') }];
}

function testCommand(app: FunctionApp): string {
  switch (app.runtime.name) {
    case 'python':
      return 'python -m pytest -q';
    case 'node':
      return 'npm install && npm test';
    case 'dotnet-isolated':
      return 'dotnet test';
    case 'java':
      return 'mvn -B test';
    default:
      return `echo "${app.runtime.name} app: run its own tests"`;
  }
}

export interface ManualOptions {
  estateName: string;
  routePrefix: string;
  /** Apps that are not deployed because none of their functions converted. */
  held?: HeldApp[];
}

export function buildManualContext(plan: Plan, report: ConversionReport, infra: Infra, opts: ManualOptions): TemplateContext {
  const { estate } = infra;
  const apps = estate.apps;
  const converted = new Map(report.functions.map((f) => [`${f.app}/${f.lambdaName}`, f]));
  const supplied = apps.flatMap((a) => infra.needs.get(a.name)!.supplied);

  // Findings are plan.md's: the runbook names blockers and Day-0 tasks by rule id only.
  const findings = resolveFindings(plan);
  const blockerGroups = groupByRule(findings.filter((f) => f.severity === 'blocker')).map((g) => ({ ruleId: g.ruleId, title: g.first.title, subjects: g.subjects.join(', ') }));
  // One task per rule: its Day-0 text when there is one, otherwise the rule's title and the subjects it names.
  const day0 = groupByRule(findings.filter((f) => f.day0)).map((g) => {
    const texts = [...new Set(g.findings.map((f) => f.day0!))];
    return { ruleId: g.ruleId, text: texts.length === 1 ? texts[0]! : `${g.first.title}: ${g.subjects.join(', ')}.` };
  });
  const buckets = new Map(apps.flatMap((a) => a.resources.flatMap((r) => (r.kind === 'blob-container' ? [[r.name, r.source] as const] : []))));
  const queues = new Map(apps.flatMap((a) => a.resources.flatMap((r) => (r.kind === 'storage-queue' || r.kind === 'service-bus-queue' ? [[r.name, r.source] as const] : []))));
  // Moved data-plane buckets and queues: a template's logical id (mixed case, no separators) is looked up in the stack.
  for (const r of plan.dataPlane ?? []) {
    if (r.decision !== 'move' || !r.azure) continue;
    const source = /^[A-Za-z0-9]+$/.test(r.name) && /[A-Z]/.test(r.name) ? `Ref:${r.name}` : r.name;
    if (r.azure.kind === 'blob-container' && !buckets.get(r.azure.name)) buckets.set(r.azure.name, source);
    if ((r.azure.kind === 'storage-queue' || r.azure.kind === 'service-bus-queue') && !queues.get(r.azure.name)) queues.set(r.azure.name, source);
  }

  const providers = new Set(['Microsoft.Web', 'Microsoft.Storage', 'Microsoft.Insights', 'Microsoft.OperationalInsights', 'Microsoft.ManagedIdentity']);
  if (estate.secrets.length > 0 || [...infra.needs.values()].some((n) => n.keyVault)) providers.add('Microsoft.KeyVault');
  if (estate.serviceBusQueues.length + estate.serviceBusTopics.length > 0) providers.add('Microsoft.ServiceBus');
  if (estate.eventHubs.length > 0) providers.add('Microsoft.EventHub');
  if (estate.blobSubscriptions.length + estate.eventGridTopics.length > 0) providers.add('Microsoft.EventGrid');
  if (estate.vnets.length > 0) providers.add('Microsoft.Network');
  if (apps.some((a) => a.vnetIntegration && a.hosting.plan === 'FlexConsumption')) providers.add('Microsoft.App');
  if (estate.cosmosAccounts.length > 0) providers.add('Microsoft.DocumentDB');

  const flexApps = apps.filter((a) => a.hosting.plan === 'FlexConsumption');
  const cores = flexApps.reduce((n, a) => n + a.scale.maximumInstanceCount * (CORES[a.instanceMemoryMB] ?? 1), 0);
  const quotaDetail = flexApps.map((a) => `${a.name}: ${a.scale.maximumInstanceCount} × ${CORES[a.instanceMemoryMB] ?? 1}`).join(', ') || 'no Flex apps';
  const quotaAdvice =
    cores > 250
      ? `**This exceeds the default: request a quota increase for the region, or lower maximumInstanceCount in plan.json.**`
      : 'This fits the default quota if no other Flex apps run in the same subscription and region.';

  const secretUse = new Map<string, string[]>();
  for (const app of apps) {
    for (const s of app.settings) {
      if (s.kind !== 'keyvault') continue;
      const name = s.secretName ?? s.name;
      secretUse.set(name, [...(secretUse.get(name) ?? []), `${app.name} setting ${s.name} (was the env var of ${s.from.join(', ') || 'unknown functions'})`]);
    }
    for (const name of app.keyVaultSecrets) if (!secretUse.has(name)) secretUse.set(name, [`${app.name}`]);
  }
  const secretList = estate.secrets.map((name) => ({ name: shq(name), usedBy: (secretUse.get(name) ?? []).join('; ') }));

  const dataMoves: TemplateContext[] = [];
  if (estate.blobContainers.length > 0) {
    // One item for every bucket: one explanation and one login, then a copy per bucket.
    const [first, ...rest] = estate.blobContainers.map((c) => ({ c, bucket: buckets.get(c)?.replace(/^Ref:/, '') ?? c }));
    dataMoves.push({
      title: `S3 bucket ${first!.bucket} → blob container ${first!.c}${rest.map((b) => `; ${b.bucket} → ${b.c}`).join('')}`,
      text: `Copy the objects of each bucket into its container. AzCopy reads S3 with the AWS keys in its environment and writes with your Entra login (Storage Blob Data Contributor on the account). For ${plan.cutover.strategy === 'planned-downtime' ? 'planned downtime, copy inside the window' : 'this strategy, run the bulk copy ahead of time and repeat it for the delta in the window (AzCopy skips unchanged blobs with --overwrite=ifSourceNewer)'}.`,
      commands: [
        'azcopy login',
        ...estate.blobContainers.flatMap((c) => [
          `BUCKET=${bucketWord(buckets.get(c), c)}`,
          `azcopy copy "https://s3.amazonaws.com/$BUCKET/" "https://$(azd env get-value AZURE_STORAGE_ACCOUNT_NAME).blob.core.windows.net/${c}" --recursive --overwrite=ifSourceNewer`,
        ]),
      ].join('\n'),
      failback: 'the S3 buckets are only read; delete the copied blobs if needed.',
    });
  }
  const sqsQueues = [...estate.storageQueues.map((q) => q.name), ...estate.serviceBusQueues.map((q) => q.name)].sort(compareStrings);
  for (const q of sqsQueues) {
    dataMoves.push({
      title: `SQS queue ${queues.get(q)?.replace(/^Ref:/, '').split(/[:/]/).pop() ?? q} → ${estate.storageQueues.some((s) => s.name === q) ? 'storage queue' : 'Service Bus queue'} ${q}`,
      text: 'Queues are drained, not copied: stop the producers (or switch them to Azure), let the Lambda consumer empty the SQS queue, then turn the Lambda event source off (Step 8). Check the dead-letter queue too and replay or archive its messages.',
      commands: `URL=${queueUrlWord(queues.get(q), q)}\naws sqs get-queue-attributes --queue-url "$URL" --attribute-names ApproximateNumberOfMessages ApproximateNumberOfMessagesNotVisible ApproximateNumberOfMessagesDelayed`,
      failback: 'switch the producers back to SQS; the Lambda consumer is still configured.',
    });
  }
  dataMoves.push(...cosmosImports(plan, estate));
  for (const c of estate.cosmosAccounts) {
    // The account the Bicep creates has its containers, lease container included (cosmosImports covers the data).
    if (c.name === COSMOS_CREATED) continue;
    for (const ct of c.containers) {
      dataMoves.push({
        title: `DynamoDB table → Cosmos DB ${c.name}/${ct.database}/${ct.container}`,
        text: `Export the table with point-in-time recovery and import it into the Cosmos DB container (Azure Data Factory or the Azure Cosmos DB data migration tool). Create the lease container \`${ct.leaseContainer}\` first: with identity auth the trigger cannot create it. ${plan.cutover.strategy === 'zero-downtime' ? 'For zero downtime, keep the two stores in sync (dual-write or DynamoDB Streams replication) until Step 8 completes.' : 'Re-run the export for the delta in the window.'}`,
        commands: [
          `aws dynamodb export-table-to-point-in-time --table-arn "$(aws dynamodb describe-table --table-name "\${TABLE_${envName(ct.container)}:?the DynamoDB table that ${ct.container} replaces}" --query Table.TableArn --output text)" --s3-bucket "\${EXPORT_BUCKET:?an S3 bucket for the export}" --export-format DYNAMODB_JSON`,
          `az cosmosdb sql container create --resource-group "\${COSMOS_RESOURCE_GROUP:?the resource group of Cosmos DB account ${c.name}}" --account-name ${shq(c.name)} --database-name ${shq(ct.database)} --name ${shq(ct.leaseContainer)} --partition-key-path /id`,
        ].join('\n'),
        failback: 'DynamoDB stays the system of record until cutover; drop the imported container to retry.',
      });
    }
  }
  for (const h of estate.eventHubs) {
    // What feeds the hub decides the move: Kinesis records are drained; IoT messages and log events are rerouted.
    for (const kind of kindsUsing(estate.apps, (e) => e.trigger.type === 'eventHub' && e.trigger.eventHubName === h.name)) {
      const move = triggerModule(kind).emit.eventHubMove?.(h);
      if (move) dataMoves.push(move);
    }
  }

  const hookItems = [
    ...estate.blobSubscriptions.map((s) => `\`${s.name}\`: blob events in \`${s.container}\` → ${s.app}/${s.functionName} (system topic, webhook with the \`blobs_extension\` key)`),
    ...estate.eventGridTopics.map((t) => `\`${subscriptionName(t.app, t.functionName)}\`: topic \`${t.name}\` → ${t.app}/${t.functionName}${t.filters?.length ? ` (filters: ${t.filters.map((f) => `${f.key} ${f.operator} ${f.values.join(',')}`).join('; ')})` : ''}`),
  ];

  // One cutover item per Lambda function and event source (its entries switch together); items whose commands
  // read the same (every HTTP route moves with its clients) share one block.
  const switches = apps.flatMap((app) =>
    sortBy(app.functions, (f) => f.lambdaName).flatMap((f) => {
      const byEvent = new Map<string, typeof f.entries>();
      for (const e of f.entries) byEvent.set(e.lambdaEvent, [...(byEvent.get(e.lambdaEvent) ?? []), e]);
      return [...byEvent].map(([lambdaEvent, entries]) => {
        const first = entries[0]!;
        const container = first.trigger.type === 'storageBlob' ? first.trigger.path.split('/')[0]! : '';
        return { label: `**${f.lambdaName}** (${lambdaEvent}): ${entries.map((e) => `\`${e.name}\``).join(', ')}`, ...lambdaSwitch(f, first, bucketWord(buckets.get(container), container)) };
      });
    }),
  );
  const cutoverGroups = new Map<string, { subjects: string[]; cutover: string; failback: string }>();
  for (const sw of switches) {
    const key = `${sw.cutover}\u0000${sw.failback}`;
    const g = cutoverGroups.get(key) ?? { subjects: [], cutover: sw.cutover, failback: sw.failback };
    g.subjects.push(sw.label);
    cutoverGroups.set(key, g);
  }
  const cutover = [...cutoverGroups.values()].map((g) => ({ subjects: g.subjects.join('; '), cutover: g.cutover, failback: g.failback }));

  const todos = [...report.todos]
    .sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line || compareStrings(a.ruleId, b.ruleId))
    .map((t) => ({ file: t.file, line: t.line, ruleId: t.ruleId, app: t.app, function: t.function ?? '', message: cell(t.message) }));

  const appContexts = apps.map((app) => {
    const n = infra.needs.get(app.name)!;
    const topicFor = (fnName: string) => estate.eventGridTopics.find((t) => t.app === app.name && t.functionName === fnName);
    return {
      name: app.name,
      sku: app.hosting.sku,
      runtime: `${app.runtime.name} ${app.runtime.version}`,
      memory: app.instanceMemoryMB,
      maxInstances: app.scale.maximumInstanceCount,
      functionCount: app.functions.length,
      summary: cell(app.functions.map((f) => `${f.lambdaName} → ${[...new Set(f.entries.map((e) => e.trigger.type))].join('+')}`).join(', ')),
      sourceRoles: app.identity.sourceRoles.join(', ') || '(no execution role)',
      vnet: app.vnetIntegration,
      skippedRoles: n.skippedRoles,
      unmapped: app.identity.unmappedActions.length > 0 ? [app.identity.unmappedActions.join(', ')] : [],
      dropped: n.dropped.map((d) => ({ setting: d.name, reason: d.reason })),
      testCommand: testCommand(app),
      prelude: appPrelude(envName(app.name)),
      functions: sortBy(app.functions, (f) => f.lambdaName).map((f) => {
        const c = converted.get(`${app.name}/${f.lambdaName}`);
        const names = c?.azureFunctions ?? f.entries.map((e) => e.name);
        return {
          lambdaName: f.lambdaName,
          azureList: names.map((x) => `'${x}'`).join(', '),
          entries: f.entries.map((e) => {
            const topic = e.trigger.type === 'eventGrid' ? topicFor(e.name) : undefined;
            let fire = fireCommand(e, opts.routePrefix, topic?.filters);
            if (topic) fire = `TOPIC_ENDPOINT=$(azd env get-value EVENT_GRID_TOPIC_${envName(topic.name)}_ENDPOINT)\n${fire}`;
            return { name: e.name, lambdaEvent: e.lambdaEvent, azure: describeTrigger(e.trigger), fire: fire.split('\n').map((l) => `    ${l}`).join('\n') };
          }),
        };
      }),
    };
  });

  return {
    estateName: opts.estateName,
    functionCount: apps.reduce((x, a) => x + a.functions.length, 0),
    appCount: apps.length,
    apps: appContexts,
    exampleRule: plan.findings[0]?.ruleId ?? 'CAP-W001',
    cost: {
      invocations: String(plan.cost.assumptions.invocationsPerMonthPerFunction).replace(/\B(?=(\d{3})+(?!\d))/g, ','),
      durationMs: plan.cost.assumptions.averageDurationMs,
      lambda: plan.cost.lambdaMonthlyUsd.toFixed(2),
      // The template prints `$` before this value; a Flex range becomes `low–$high`.
      azure:
        plan.cost.azureLowMonthlyUsd === undefined || plan.cost.azureLowMonthlyUsd === plan.cost.azureMonthlyUsd
          ? plan.cost.azureMonthlyUsd.toFixed(2)
          : `${plan.cost.azureLowMonthlyUsd.toFixed(2)}–$${plan.cost.azureMonthlyUsd.toFixed(2)}`,
      source: plan.cost.assumptions.priceSource,
    },
    areas: plan.summary.areas.map((a) => ({ ...a })),
    stayingInAws: stayingInAws(apps),
    httpCount: apps.reduce((n, a) => n + a.functions.reduce((m, f) => m + f.entries.filter((e) => e.trigger.type === 'http').length, 0), 0),
    hasBlockers: blockerGroups.length > 0,
    blockerGroups,
    hasDay0: day0.length > 0,
    day0,
    disabledRules: plan.disabledRules.length > 0 ? { list: plan.disabledRules.map((d) => `${d.id} (${d.reason}, by ${d.by})`).join(', ') } : undefined,
    roleAssignmentCount: [...infra.needs.values()].reduce((x, nn) => x + nn.roles.length, 0) + (estate.secrets.length > 0 ? 1 : 0),
    tools: [
      ...(apps.some((a) => a.runtime.name === 'node') ? [`Node.js ${apps.find((a) => a.runtime.name === 'node')!.runtime.version}`] : []),
      ...(apps.some((a) => a.runtime.name === 'python') ? [`Python ${apps.find((a) => a.runtime.name === 'python')!.runtime.version}`] : []),
      ...(estate.blobContainers.length > 0 ? ['AzCopy'] : []),
      ...(apps.some((a) => a.functions.some((f) => f.entries.some((e) => e.trigger.type === 'kafka'))) ? ['kcat'] : []),
    ],
    providers: [...providers].sort(compareStrings),
    flexRuntimes: [...new Set(flexApps.map((a) => `${a.runtime.name} ${a.runtime.version}`))].sort(compareStrings).join(', ') || 'none',
    quota: { cores: String(cores), detail: quotaDetail, advice: quotaAdvice },
    premiumApps: apps.filter((a) => a.hosting.plan !== 'FlexConsumption').map((a) => `${a.name} (${a.hosting.plan} ${a.hosting.sku})`),
    hasSupplied: supplied.length > 0,
    supplied: supplied.map((s) => {
      const from = apps.find((a) => a.name === s.app)?.settings.find((x) => x.name === s.setting)?.from ?? [];
      const fns = from.length > 1 ? `${from[0]} and ${from.length - 1} more` : from.join(', ');
      const why = guardText(`${s.setting} of ${fns || 'the Lambda environment'}`);
      return { command: `azd env set ${s.envVar} "\${${s.envVar}:?${why}}"` };
    }),
    strategyTitle: STRATEGY_TITLES[plan.cutover.strategy],
    strategyReason: plan.cutover.reason,
    strategyPlanned: plan.cutover.strategy === 'planned-downtime',
    strategyZero: plan.cutover.strategy === 'zero-downtime',
    strategyMinimized: plan.cutover.strategy === 'minimized-downtime',
    envExample: `${opts.estateName}-prod`.slice(0, 64),
    cosmosAccounts: estate.cosmosAccounts.filter((c) => c.name !== COSMOS_CREATED).map((c) => ({ name: c.name, envVar: `AZURE_COSMOS_${envName(c.name)}_ACCOUNT_NAME` })),
    hasSecrets: secretList.length > 0,
    secretList,
    secretCount: secretList.length,
    dataMoves,
    keyless: keylessContext(plan) ?? false,
    dataOrder: dataCutoverOrder(plan, estate).map((text) => ({ text })),
    hasDataOrder: dataCutoverOrder(plan, estate).length > 0,
    hook: needsPostdeployHook(estate),
    hookItems,
    cutover,
    lambdaNames: apps.flatMap((a) => a.functions.map((f) => f.lambdaName)).sort(compareStrings).join(', '),
    scaleSummary: apps.map((a) => `${a.name} ${a.scale.maximumInstanceCount}`).join(', '),
    hasTodos: todos.length > 0,
    todos,
    hasConversionWarnings: report.warnings.length > 0,
    conversionWarnings: report.warnings.map((w) => ({ code: w.code, message: cell(w.message), where: w.file ? `${w.file}${w.line !== undefined ? `:${w.line}` : ''}` : undefined })),
    discoveryWarnings: plan.warnings.map((w) => ({
      code: w.code,
      subject: w.subject,
      message: w.message,
      where: w.source?.file ? `${w.source.file}${w.source.line !== undefined ? `:${w.source.line}` : ''}` : undefined,
    })),
    hasHeld: (opts.held ?? []).length > 0,
    held: (opts.held ?? []).map((h) => ({ name: h.name, functions: h.functions.join(', '), reasons: cell(h.reasons.join('; ')) })),
    hasEstateNotes: estate.notes.length > 0,
    estateNotes: estate.notes,
  };
}

// Concrete, estate-specific commands for the manual: how to fire each Azure trigger, how to switch a Lambda event
// source off (and back on, for failback). Values are never secrets; shell variables are set in the app's section.

import type { AzureTrigger, PlannedEntry, PlannedFunction } from '../../model/plan.js';
import { inDq, shq } from '../azd/shell.js';
import { triggerModule } from '../../triggers/registry.js';
import { callerSwitch } from '../../triggers/shared/manual.js';
import type { EventGridFilter } from '../../triggers/shared/plan.js';

/** The shell prelude each app's validation block starts with. */
export function appPrelude(envPrefix: string): string {
  return [
    'RG=$(azd env get-value AZURE_RESOURCE_GROUP)',
    `APP=$(azd env get-value SERVICE_${envPrefix}_NAME)`,
    `URI=$(azd env get-value SERVICE_${envPrefix}_URI)`,
    'ACCOUNT=$(azd env get-value AZURE_STORAGE_ACCOUNT_NAME)',
  ].join('\n');
}

const sample = (fn: string) => `{"migrationTest":true,"function":"${fn}"}`;

/** The CloudEvents envelope attribute each Event Grid filter key names (the keys eventGridFilters writes). */
const ENVELOPE: Readonly<Record<string, 'id' | 'source' | 'type'>> = { EventId: 'id', Source: 'source', EventType: 'type' };

/** A value that satisfies one advanced filter (undefined: leave the field out, as IsNullOrUndefined wants). */
function passingValue(f: EventGridFilter): string | number | boolean | undefined {
  const [first] = f.values;
  const numbers = f.values.filter((v): v is number => typeof v === 'number');
  switch (f.operator) {
    case 'IsNullOrUndefined':
      return undefined;
    case 'IsNotNull':
      return first ?? 'migration-test';
    case 'NumberGreaterThan':
      return (numbers[0] ?? 0) + 1;
    case 'NumberLessThan':
      return (numbers[0] ?? 0) - 1;
    case 'NumberNotIn':
    case 'NumberNotInRange':
      return Math.max(0, ...numbers) + 1;
    case 'StringNotIn':
    case 'StringNotContains':
    case 'StringNotBeginsWith':
    case 'StringNotEndsWith':
      return 'migration-test-other';
    default:
      // In, Equals, BeginsWith, EndsWith, Contains, *OrEquals, InRange ([low, high]: its low end).
      return Array.isArray(first) ? (first as unknown[])[0] as number : first;
  }
}

/**
 * A CloudEvent that passes the subscription's own advanced filters: each filtered attribute or data field takes the
 * filter's first value, so the test event reaches the function instead of being dropped by the filter.
 */
export function sampleCloudEvent(fn: string, filters: readonly EventGridFilter[] = []): Record<string, unknown> {
  const data: Record<string, unknown> = { migrationTest: true, function: fn };
  const event: Record<string, unknown> = { specversion: '1.0', id: 'migration-test-1', source: 'migration-test', type: 'migration.test', data };
  for (const f of filters) {
    const value = passingValue(f);
    if (value === undefined) continue;
    const attribute = ENVELOPE[f.key];
    if (attribute) {
      event[attribute] = String(value);
      continue;
    }
    const path = f.key.split('.').slice(1);
    let node = data;
    for (const [i, part] of path.entries()) {
      if (i === path.length - 1) node[part] = value;
      else {
        const next = node[part];
        node = (node[part] = next && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
      }
    }
  }
  return event;
}

/** How to fire one Azure function once, from a shell that ran the app prelude. */
export function fireCommand(entry: PlannedEntry, routePrefix: string, filters?: readonly EventGridFilter[]): string {
  const t: AzureTrigger = entry.trigger;
  const body = sample(entry.name);
  switch (t.type) {
    case 'http': {
      const route = t.route.replace(/\{\*?([^}:?]+)(:[^}]*)?\??\}/g, 'test-$1');
      const method = t.methods[0] ?? 'GET';
      const key = t.authLevel === 'anonymous' ? '' : ` -H "x-functions-key: $(az functionapp keys list -g "$RG" -n "$APP" --query ${t.authLevel === 'admin' ? 'masterKey' : 'functionKeys.default'} -o tsv)"`;
      const data = method === 'GET' || method === 'DELETE' ? '' : ` -H 'Content-Type: application/json' -d ${shq(body)}`;
      return `curl -i -X ${shq(method)} "$URI/${inDq(`${routePrefix}${route}`)}"${key}${data}`;
    }
    case 'timer':
      return `# schedule ${t.schedule} (UTC, app setting ${t.scheduleSetting}); run it now through the admin endpoint:\ncurl -i -X POST "$URI/admin/functions/${inDq(entry.name)}" -H "x-functions-key: $(az functionapp keys list -g "$RG" -n "$APP" --query masterKey -o tsv)" -H 'Content-Type: application/json' -d '{"input":""}'`;
    case 'storageQueue':
      return `az storage message put --auth-mode login --account-name "$ACCOUNT" --queue-name ${shq(t.queueName)} --content "$(printf '%s' ${shq(body)} | base64 | tr -d '\\n')"`;
    case 'serviceBusQueue':
    case 'serviceBusTopic': {
      const entity = t.type === 'serviceBusQueue' ? t.queueName : t.topicName;
      const session = t.type === 'serviceBusQueue' && t.isSessionsEnabled ? ` -H 'BrokerProperties: {"SessionId":"migration-test"}'` : '';
      return `curl -i -X POST "https://$(azd env get-value SERVICE_BUS_NAMESPACE).servicebus.windows.net/${inDq(entity)}/messages" -H "Authorization: Bearer $(az account get-access-token --resource https://servicebus.azure.net --query accessToken -o tsv)"${session} -H 'Content-Type: application/json' -d ${shq(body)}`;
    }
    case 'storageBlob': {
      const [container, ...rest] = t.path.split('/');
      const blob = rest.join('/').replace(/\{[^}]+\}/g, 'migration-test') || 'migration-test';
      return `printf 'migration test' > migration-test.bin\naz storage blob upload --auth-mode login --account-name "$ACCOUNT" --container-name ${shq(container ?? '')} --name ${shq(blob)} --file migration-test.bin --overwrite`;
    }
    case 'eventGrid':
      // Publishing needs EventGrid Data Sender on the topic: the Bicep grants it to the deployer (AZURE_PRINCIPAL_ID).
      return `# publish a CloudEvent that passes the subscription's filters (see the postdeploy hook) to the topic\ncurl -i -X POST "$TOPIC_ENDPOINT" -H "Authorization: Bearer $(az account get-access-token --resource https://eventgrid.azure.net --query accessToken -o tsv)" -H 'Content-Type: application/cloudevents+json; charset=utf-8' -d ${shq(JSON.stringify(sampleCloudEvent(entry.name, filters)))}`;
    case 'eventHub':
      return `curl -i -X POST "https://$(azd env get-value EVENT_HUBS_NAMESPACE).servicebus.windows.net/${inDq(t.eventHubName)}/messages" -H "Authorization: Bearer $(az account get-access-token --resource https://eventhubs.azure.net --query accessToken -o tsv)" -H 'Content-Type: application/json' -d ${shq(body)}`;
    case 'cosmosDB':
      return `# insert or update one item in ${t.databaseName}/${t.containerName} (Data Explorer in the portal, or the team's data tooling);\n# the change feed delivers it to ${entry.name}. Lease container: ${t.leaseContainerName} (must exist: identity auth cannot create it).`;
    case 'kafka':
      return `printf '%s\\n' ${shq(body)} | kcat -P -b "$KAFKA_BROKERS" -t ${shq(t.topic)}`;
    case 'rabbitMQ':
      return `# publish one message to RabbitMQ queue ${t.queueName} with the broker's own tooling (connection: app setting ${t.connectionStringSetting})`;
    case 'none':
      return `# no Azure trigger: ${t.reason}. Wire and test this function by hand.`;
  }
}

/** Turning the Lambda event source off at cutover, and the failback that turns it on again (the kind's module knows how). */
export function lambdaSwitch(fn: PlannedFunction, entry: PlannedEntry, resource?: string): { cutover: string; failback: string } {
  return entry.lambdaEvent === 'direct-invoke' ? callerSwitch(fn) : triggerModule(entry.lambdaEvent).emit.cutover(fn, entry, resource);
}

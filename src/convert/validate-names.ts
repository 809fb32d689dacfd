// Plan strings that become Azure resource names, app settings, script arguments or code identifiers are
// checked against the rules Azure enforces (and the shell never sees an unchecked one). A plan edited in a pull
// request is untrusted input: a control character or an out-of-rule name is exit 2 naming its JSON path.

import type { FunctionApp, Plan, TargetResource } from '../model/plan.js';
import { MigrateError } from '../util/errors.js';

interface NameRule {
  re: RegExp;
  says: string;
}

const rule = (re: RegExp, says: string): NameRule => ({ re, says });

/** Azure naming rules (learn.microsoft.com, "Naming rules and restrictions for Azure resources"). */
export const NAME_RULES = {
  storageQueue: rule(/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/, '3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit'),
  blobContainer: rule(/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/, '3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit'),
  serviceBusEntity: rule(/^(?=.{1,260}$)[A-Za-z0-9]([A-Za-z0-9._\-/]*[A-Za-z0-9_])?$/, '1-260 letters, digits, ., -, _ and /, starting with a letter or digit'),
  serviceBusSubscription: rule(/^(?=.{1,50}$)[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9_])?$/, '1-50 letters, digits, ., - and _'),
  eventGridSubscription: rule(/^[A-Za-z0-9-]{3,64}$/, '3-64 letters, digits and hyphens'),
  eventGridTopic: rule(/^[A-Za-z0-9-]{3,50}$/, '3-50 letters, digits and hyphens'),
  eventHub: rule(/^(?=.{1,256}$)[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/, '1-256 letters, digits, ., - and _, starting and ending with a letter or digit'),
  consumerGroup: rule(/^(\$Default|(?=.{1,50}$)[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)$/, '$Default or 1-50 letters, digits, ., - and _'),
  cosmosName: rule(/^[^/\\#?\s]{1,255}$/, '1-255 characters without / \\ # ? or spaces'),
  keyVaultSecret: rule(/^[A-Za-z0-9-]{1,127}$/, '1-127 letters, digits and hyphens'),
  identity: rule(/^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/, '3-128 letters, digits, - and _, starting with a letter or digit'),
  vnet: rule(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}[A-Za-z0-9_]$/, '2-64 letters, digits, ., - and _'),
  functionName: rule(/^[A-Za-z][A-Za-z0-9_-]{0,127}$/, 'a letter, then up to 127 letters, digits, - and _'),
  setting: rule(/^(?=.{1,255}$)[A-Za-z_][A-Za-z0-9_]*$/, '1-255 letters, digits and _, not starting with a digit'),
  runtimeVersion: rule(/^([0-9]+(\.[0-9]+)*)?$/, 'digits and dots, e.g. 22 or 3.12'),
  eventType: rule(/^Microsoft\.[A-Za-z]+(\.[A-Za-z]+)+$/, 'an Event Grid event type such as Microsoft.Storage.BlobCreated'),
  duration: rule(/^(P[0-9DTHMS.]+|[0-9]{2}:[0-9]{2}:[0-9]{2})$/, 'an ISO 8601 duration or hh:mm:ss'),
  cidr: rule(/^([0-9]{1,3}\.){3}[0-9]{1,3}\/[0-9]{1,2}$/, 'an IPv4 CIDR block'),
  httpMethod: rule(/^[A-Z]{3,7}$/, 'an HTTP method such as GET'),
  ncrontab: rule(/^[0-9A-Za-z*/,?#\- ]{1,120}$/, 'an NCRONTAB expression'),
  /** Free text that reaches generated files (routes, filters, subjects): any printable text. */
  text: rule(/^[^\p{Cc}\u2028\u2029]*$/u, 'printable characters only'),
} as const;

function fail(where: string, message: string): never {
  throw new MigrateError('plan.invalid', `${where}: ${message}`, { hint: 'fix the plan (or rerun migrate plan)' });
}

function check(where: string, value: unknown, r: NameRule): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !r.re.test(value)) fail(where, `${JSON.stringify(value)} is not a valid name here: ${r.says}`);
}

/** No string anywhere under `value` may hold a control character (newline, NUL, escape, U+2028/2029). */
function noControlCharacters(where: string, value: unknown): void {
  if (typeof value === 'string') {
    if (!NAME_RULES.text.re.test(value)) fail(where, `${JSON.stringify(value)} contains a control character`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => noControlCharacters(`${where}[${i}]`, v));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!NAME_RULES.text.re.test(k)) fail(where, `key ${JSON.stringify(k)} contains a control character`);
      if (k === 'inlineCode' && typeof v === 'string') continue; // handler source: written as a file's content only
      noControlCharacters(/^[A-Za-z_$][\w$]*$/.test(k) ? `${where}.${k}` : `${where}[${JSON.stringify(k)}]`, v);
    }
  }
}

function checkResource(at: string, r: TargetResource): void {
  const R = NAME_RULES;
  switch (r.kind) {
    case 'storage-queue':
      return check(`${at}.name`, r.name, R.storageQueue);
    case 'service-bus-queue':
      check(`${at}.lockDuration`, r.lockDuration, R.duration);
      check(`${at}.defaultMessageTimeToLive`, r.defaultMessageTimeToLive, R.duration);
      return check(`${at}.name`, r.name, R.serviceBusEntity);
    case 'service-bus-topic':
      check(`${at}.name`, r.name, R.serviceBusEntity);
      return r.subscriptions.forEach((s, i) => check(`${at}.subscriptions[${i}].name`, s.name, R.serviceBusSubscription));
    case 'blob-container':
      return check(`${at}.name`, r.name, R.blobContainer);
    case 'event-grid-blob-subscription':
      check(`${at}.name`, r.name, R.eventGridSubscription);
      check(`${at}.container`, r.container, R.blobContainer);
      check(`${at}.functionName`, r.functionName, R.functionName);
      return r.eventTypes.forEach((t, i) => check(`${at}.eventTypes[${i}]`, t, R.eventType));
    case 'event-grid-topic':
      check(`${at}.name`, r.name, R.eventGridTopic);
      return check(`${at}.functionName`, r.functionName, R.functionName);
    case 'event-hub':
      check(`${at}.name`, r.name, R.eventHub);
      return check(`${at}.consumerGroup`, r.consumerGroup, R.consumerGroup);
    case 'cosmos-db-existing':
      for (const k of ['name', 'database', 'container', 'leaseContainer'] as const) check(`${at}.${k}`, r[k], R.cosmosName);
      return;
    case 'vnet':
      check(`${at}.name`, r.name, R.vnet);
      check(`${at}.addressPrefix`, r.addressPrefix, R.cidr);
      return check(`${at}.subnetPrefix`, r.subnetPrefix, R.cidr);
  }
}

function checkTriggers(at: string, app: FunctionApp): void {
  const R = NAME_RULES;
  app.functions.forEach((fn, f) =>
    fn.entries.forEach((entry, e) => {
      const t = entry.trigger as Record<string, unknown>;
      const tat = `${at}.functions[${f}].entries[${e}].trigger`;
      for (const k of ['connection', 'connectionStringSetting', 'scheduleSetting'] as const) check(`${tat}.${k}`, t[k], R.setting);
      if (t.type === 'storageQueue') check(`${tat}.queueName`, t.queueName, R.storageQueue);
      if (t.type === 'serviceBusQueue') check(`${tat}.queueName`, t.queueName, R.serviceBusEntity);
      if (t.type === 'serviceBusTopic') {
        check(`${tat}.topicName`, t.topicName, R.serviceBusEntity);
        check(`${tat}.subscriptionName`, t.subscriptionName, R.serviceBusSubscription);
      }
      if (t.type === 'eventHub') {
        check(`${tat}.eventHubName`, t.eventHubName, R.eventHub);
        check(`${tat}.consumerGroup`, t.consumerGroup, R.consumerGroup);
      }
      if (t.type === 'cosmosDB') for (const k of ['databaseName', 'containerName', 'leaseContainerName'] as const) check(`${tat}.${k}`, t[k], R.cosmosName);
      if (t.type === 'timer') check(`${tat}.schedule`, t.schedule, R.ncrontab);
      if (t.type === 'http' && Array.isArray(t.methods)) t.methods.forEach((m, i) => check(`${tat}.methods[${i}]`, m, R.httpMethod));
    }),
  );
}

/** Every name-bearing field of every app; control characters anywhere in an app or the source root. */
export function validatePlanNames(plan: Plan): void {
  noControlCharacters('source', plan.source);
  plan.apps.forEach((app, a) => {
    const at = `apps[${a}]`;
    noControlCharacters(at, app);
    check(`${at}.runtime.version`, app.runtime.version, NAME_RULES.runtimeVersion);
    check(`${at}.functionTimeout`, app.functionTimeout, NAME_RULES.duration);
    check(`${at}.identity.name`, app.identity.name, NAME_RULES.identity);
    app.settings.forEach((s, i) => {
      check(`${at}.settings[${i}].name`, s.name, NAME_RULES.setting);
      check(`${at}.settings[${i}].secretName`, s.secretName, NAME_RULES.keyVaultSecret);
    });
    app.keyVaultSecrets.forEach((s, i) => check(`${at}.keyVaultSecrets[${i}]`, s, NAME_RULES.keyVaultSecret));
    app.resources.forEach((r, i) => checkResource(`${at}.resources[${i}]`, r));
    checkTriggers(at, app);
  });
}

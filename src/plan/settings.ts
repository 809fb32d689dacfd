// Lambda environment → app settings: plain values only when known, placeholders otherwise, secrets as Key Vault
// references (names only), identity-based connection settings for trigger bindings, NCRONTAB schedules as settings.

import { displayResolvable, type LambdaFunction } from '../model/inventory.js';
import type { AppSetting, DataResource, PlannedEntry } from '../model/plan.js';
import { compareStrings, sortBy } from '../util/json.js';
import { CONNECTIONS } from '../triggers/shared/plan.js';
import { secretName } from './names.js';
import { dataPlaneSettings, referenceSetting } from './data-plane/settings.js';
import { resourcesUsedBy } from './data-plane/used-by.js';

export interface SettingsResult {
  settings: AppSetting[];
  keyVaultSecrets: string[];
  /** Variable names defined with different values (or kinds) by functions in the same app. */
  collisions: string[];
}

function identityConnection(prefix: string, suffix: string, from: string[]): AppSetting[] {
  return [
    { name: `${prefix}__${suffix}`, kind: 'identity-connection', from },
    { name: `${prefix}__credential`, kind: 'identity-connection', value: 'managedidentity', from },
    { name: `${prefix}__clientId`, kind: 'reference', from },
  ];
}

export function planSettings(functions: { fn: LambdaFunction; entries: PlannedEntry[] }[], dataPlane: DataResource[] = []): SettingsResult {
  const byName = new Map<string, { setting: AppSetting; signature: string; collided: boolean }>();
  const secrets = new Set<string>();
  for (const { fn } of sortBy(functions, (f) => f.fn.name)) {
    for (const e of fn.environment) {
      let setting: AppSetting;
      if (e.kind === 'secret-like' || e.kind === 'secret-reference') {
        const s = secretName(e.name);
        secrets.add(s);
        setting = { name: e.name, kind: 'keyvault', secretName: s, from: [fn.name] };
      } else if (e.kind === 'reference' || resourcesUsedBy(dataPlane, fn.name).some((r) => r.envVars.includes(e.name))) {
        // Never the CloudFormation reference text: the planned Azure resource's name, the AWS name, or a parameter.
        setting = referenceSetting(e, fn, dataPlane);
      } else if (e.value !== undefined) {
        setting = { name: e.name, kind: 'plain', value: e.value, from: [fn.name] };
      } else {
        setting = { name: e.name, kind: 'placeholder', from: [fn.name] };
      }
      const signature = `${setting.kind}|${setting.value ?? ''}|${e.secret ? `${e.secret.source}:${e.secret.ref}` : ''}`;
      const cur = byName.get(e.name);
      if (!cur) byName.set(e.name, { setting, signature, collided: false });
      else {
        cur.setting.from.push(fn.name);
        if (cur.signature !== signature) cur.collided = true;
      }
    }
  }
  const settings = [...byName.values()].map((v) => v.setting);
  const collisions = [...byName.entries()].filter(([, v]) => v.collided).map(([k]) => k).sort(compareStrings);

  const conn = new Map<string, Set<string>>();
  const note = (k: string, fnName: string) => {
    const users = conn.get(k);
    if (users) users.add(fnName);
    else conn.set(k, new Set([fnName]));
  };
  for (const { fn, entries } of functions) {
    for (const e of entries) {
      const t = e.trigger;
      // A disabled Lambda event source stays off after migration: the host skips functions with this setting.
      if (e.triggerId !== undefined && fn.triggers.find((x) => x.id === e.triggerId)?.enabled === false) {
        settings.push({ name: `AzureWebJobs.${e.name}.Disabled`, kind: 'plain', value: 'true', from: [fn.name] });
      }
      if (t.type === 'timer') settings.push({ name: t.scheduleSetting, kind: 'plain', value: t.schedule, from: [fn.name] });
      if (t.type === 'serviceBusQueue' || t.type === 'serviceBusTopic') note('sb', fn.name);
      if (t.type === 'eventHub') note('eh', fn.name);
      if (t.type === 'cosmosDB') note('cosmos', fn.name);
      if (t.type === 'kafka') note('kafka', fn.name);
      if (t.type === 'rabbitMQ') note('rabbit', fn.name);
    }
  }
  const sorted = (k: string) => [...(conn.get(k) ?? [])].sort(compareStrings);
  if (conn.has('sb')) settings.push(...identityConnection(CONNECTIONS.serviceBus, 'fullyQualifiedNamespace', sorted('sb')));
  if (conn.has('eh')) settings.push(...identityConnection(CONNECTIONS.eventHub, 'fullyQualifiedNamespace', sorted('eh')));
  if (conn.has('cosmos')) settings.push(...identityConnection(CONNECTIONS.cosmos, 'accountEndpoint', sorted('cosmos')));
  if (conn.has('kafka')) settings.push({ name: CONNECTIONS.kafkaBrokers, kind: 'placeholder', from: sorted('kafka') });
  if (conn.has('rabbit')) {
    secrets.add(secretName(CONNECTIONS.rabbitMQ));
    settings.push({ name: CONNECTIONS.rabbitMQ, kind: 'keyvault', secretName: secretName(CONNECTIONS.rabbitMQ), from: sorted('rabbit') });
  }
  settings.push(...dataPlaneSettings(functions.map((f) => f.fn), dataPlane));
  for (const s of settings) s.from = [...new Set(s.from)].sort(compareStrings);
  // Deduplicate generated settings by name (first wins), keep output order stable.
  const seen = new Set<string>();
  const unique = sortBy(settings, (s) => s.name).filter((s) => (seen.has(s.name) ? false : (seen.add(s.name), true)));
  return { settings: unique, keyVaultSecrets: [...secrets].sort(compareStrings), collisions };
}

export { displayResolvable };

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveFindings } from '../../src/model/findings.js';
import type { Inventory } from '../../src/model/inventory.js';
import { validateContract } from '../../src/model/io.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { loadRules } from '../../src/plan/rules/load-rules.js';
import { makeInventory } from './support/inventory.js';

const rules = await loadRules();

describe('buildPlan', () => {
  it('counts as an incomplete inventory (GOV-W002) only the warnings that say something may be missing', () => {
    const { inventory } = makeInventory({ functions: [{ name: 'worker' }] });
    const notes = [
      { code: 'discover.fallback', message: 'read with GetFunction instead', subject: 'us-east-1' },
      { code: 'discover.concurrency-accounted', message: 'reserved concurrency read for 0 of 1', subject: 'us-east-1' },
    ];
    const gov = (warnings: Inventory['warnings']) => resolveFindings(buildPlan({ ...inventory, warnings }, rules)).filter((f) => f.ruleId === 'GOV-W002');
    expect(gov(notes)).toEqual([]);
    const denied = { code: 'aws.access-denied', message: 'lambda:GetPolicy was denied', action: 'lambda:GetPolicy' };
    expect(gov([...notes, denied]).map((f) => f.message)).toEqual(['Discovery reported 1 warning(s) (aws.access-denied); findings may be missing for the affected functions.']);
  });

  it('plans settings: plain, placeholder, Key Vault references, identity connections and timer schedules', () => {
    const { inventory } = makeInventory({
      functions: [
        {
          name: 'worker',
          environment: [
            { name: 'STAGE', kind: 'plain', value: 'prod' },
            { name: 'TABLE', kind: 'plain' },
            { name: 'DB_PASSWORD', kind: 'secret-reference', secret: { source: 'secretsmanager', ref: 'prod/db' } },
            { name: 'StripeKey', kind: 'secret-like', reason: 'name:KEY' },
          ],
          triggers: [
            { id: 'q', kind: 'sqs', queue: 'jobs', fifo: true },
            { id: 'nightly', kind: 'schedule', expression: 'cron(0 3 * * ? *)', via: 'events' },
          ],
        },
      ],
    });
    const app = buildPlan(inventory, rules).apps[0]!;
    const s = Object.fromEntries(app.settings.map((x) => [x.name, x]));
    expect(s.STAGE).toEqual({ name: 'STAGE', kind: 'plain', value: 'prod', from: ['worker'] });
    expect(s.TABLE!.kind).toBe('placeholder');
    expect(s.DB_PASSWORD).toMatchObject({ kind: 'keyvault', secretName: 'db-password' });
    expect(s.StripeKey).toMatchObject({ kind: 'keyvault', secretName: 'stripe-key' });
    expect(s.StripeKey!.value).toBeUndefined();
    expect(app.keyVaultSecrets).toEqual(['db-password', 'stripe-key']);
    expect(s.ServiceBusConnection__fullyQualifiedNamespace!.kind).toBe('identity-connection');
    expect(s.ServiceBusConnection__credential!.value).toBe('managedidentity');
    expect(s.TIMER_WORKER_NIGHTLY_SCHEDULE).toMatchObject({ kind: 'plain', value: '0 0 3 * * *' });
    expect(app.identity.roleAssignments.map((r) => r.role)).toEqual(expect.arrayContaining(['Key Vault Secrets User', 'Azure Service Bus Data Receiver']));
  });

  it('escalates the hosting plan with the rule ids as the reason, and sets scale from concurrency', () => {
    const { inventory } = makeInventory({
      functions: [
        { name: 'huge', memorySize: 8192, timeout: 600 },
        { name: 'hot', reservedConcurrency: 120, provisionedConcurrency: 20, triggers: [{ id: 'api', kind: 'api-gateway-http', path: '/', method: 'GET' }] },
      ],
    });
    const plan = buildPlan(inventory, rules);
    const huge = plan.apps.find((a) => a.functions[0]!.lambdaName === 'huge')!;
    expect(huge.hosting).toMatchObject({ plan: 'Premium', sku: 'EP3', reason: 'Premium required by CAP-B001' });
    expect(huge.functionTimeout).toBe('00:10:00');
    const hot = plan.apps.find((a) => a.functions[0]!.lambdaName === 'hot')!;
    expect(hot.hosting.plan).toBe('FlexConsumption');
    expect(hot.scale).toEqual({ maximumInstanceCount: 120, alwaysReady: [{ name: 'http', instanceCount: 2 }] });
  });

  it('chooses rewrite, adapter and manual strategies with reasons', () => {
    const { inventory } = makeInventory({
      functions: [
        { name: 'node' },
        { name: 'py', runtime: { id: 'python3.12', language: 'python', version: '3.12' }, handler: { raw: 'app.handler', file: 'app.py', export: 'handler', exists: true } },
        { name: 'gone', handler: { raw: 'x.handler', file: 'x.js', export: 'handler', exists: false } },
        { name: 'ws', triggers: [{ id: 'c', kind: 'websocket', route: '$connect' }] },
        { name: 'rb', runtime: { id: 'ruby3.3', language: 'ruby', version: '3.3' } },
      ],
    });
    const fns = Object.fromEntries(buildPlan(inventory, rules).apps.flatMap((a) => a.functions).map((f) => [f.lambdaName, f]));
    expect(fns.node!.strategy).toBe('rewrite');
    expect(fns.py).toMatchObject({ strategy: 'adapter', strategyReason: expect.stringContaining('Python v2 rewrite not yet supported') });
    expect(fns.gone!.strategy).toBe('manual');
    expect(fns.ws!.strategy).toBe('adapter');
    expect(fns.rb!.strategy).toBe('manual');
  });

  it('keeps entry names unique within an app', () => {
    const { inventory } = makeInventory({ functions: [{ name: 'dup', stack: 's1' }, { name: 'dup', id: 'other.yaml#dup', stack: 's2' }] });
    const plan = buildPlan(inventory, rules, { groupBy: 'single' });
    expect(plan.apps).toHaveLength(1);
    expect(plan.apps[0]!.functions.flatMap((f) => f.entries.map((e) => e.name)).sort()).toEqual(['dup', 'dup-2']);
  });

  it('orders findings blockers first and summarises per area', () => {
    const { inventory } = makeInventory({ functions: [{ name: 'a', memorySize: 8192, tags: {} }] });
    const plan = buildPlan(inventory, rules);
    expect(resolveFindings(plan)[0]!.severity).toBe('blocker');
    const cap = plan.summary.areas.find((a) => a.area === 'capabilities')!;
    expect(cap.blockers).toBe(1);
    expect(plan.summary.areas.map((a) => a.area)).toEqual(['capabilities', 'identity', 'deployment', 'monitoring', 'dependencies', 'governance']);
  });
});

// The sample estates' golden inventories (fixtures/golden/<estate>/inventory.json): each must plan into a
// schema-valid plan whose every function appears exactly once.
const goldenRoot = path.resolve('fixtures/golden');
const estates = existsSync(goldenRoot) ? readdirSync(goldenRoot).filter((e) => existsSync(path.join(goldenRoot, e, 'inventory.json'))) : [];
describe.each(estates)('golden estate %s', (estate) => {
  it('plans into a schema-valid plan covering every function', async () => {
    const inv = JSON.parse(readFileSync(path.join(goldenRoot, estate, 'inventory.json'), 'utf8')) as Inventory;
    const plan = buildPlan(inv, rules);
    await validateContract('plan', JSON.parse(JSON.stringify(plan)), `${estate}/plan.json`, true);
    const planned = plan.apps.flatMap((a) => a.functions.map((f) => f.lambdaId)).sort();
    expect(planned).toEqual(inv.functions.map((f) => f.id).sort());
    for (const a of plan.apps) expect(a.name).toMatch(/^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$/);
  });
});

describe('target resources', () => {
  it('keeps one Event Grid topic name for several subscribers, each with its own function', () => {
    const topic = 'arn:aws:sns:us-east-1:1:order-events';
    const { inventory } = makeInventory({ functions: [{ name: 'a', triggers: [{ id: 's', kind: 'sns', topic }] }, { name: 'b', triggers: [{ id: 's', kind: 'sns', topic }] }] });
    const app = buildPlan(inventory, rules).apps[0]!;
    const topics = app.resources.filter((r) => r.kind === 'event-grid-topic');
    expect(topics.map((t) => t.kind === 'event-grid-topic' && [t.name, t.functionName])).toEqual([['order-events', 'a'], ['order-events', 'b']]);
  });
});

describe('VNet integration', () => {
  it('puts VPC-attached apps in one VNet with a distinct delegated subnet each', () => {
    const vpc = { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] };
    const { inventory } = makeInventory({ functions: [{ name: 'a', stack: 's1', vpc }, { name: 'b', stack: 's2', vpc }, { name: 'c', stack: 's3' }] });
    const plan = buildPlan(inventory, rules);
    const vnets = plan.apps.flatMap((a) => a.resources.filter((r) => r.kind === 'vnet').map((r) => [a.name, r.kind === 'vnet' && r.name, r.kind === 'vnet' && r.subnetPrefix]));
    expect(vnets).toEqual([['s1', 'vnet-functions', '10.0.1.0/24'], ['s2', 'vnet-functions', '10.0.2.0/24']]);
    expect(plan.apps.find((a) => a.name === 's3')!.vnetIntegration).toBe(false);
  });
});

describe('disabled event sources', () => {
  it('plan an AzureWebJobs.<function>.Disabled setting', () => {
    const { inventory } = makeInventory({ functions: [{ name: 'off', triggers: [{ id: 'q', kind: 'sqs', queue: 'jobs', enabled: false }] }, { name: 'on', triggers: [{ id: 'q', kind: 'sqs', queue: 'jobs' }] }] });
    const names = buildPlan(inventory, rules, { groupBy: 'single' }).apps[0]!.settings.map((s) => s.name);
    expect(names).toContain('AzureWebJobs.off.Disabled');
    expect(names).not.toContain('AzureWebJobs.on.Disabled');
  });
});

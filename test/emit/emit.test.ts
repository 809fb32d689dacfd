// The estate emitter over every fixture: Bicep syntax (tree-sitter-bicep), structure, Flex rules, determinism.

import { describe, expect, test } from 'vitest';
import { emitEstate } from '../../src/emit/index.js';
import { FLEX_FORBIDDEN_SETTINGS } from '../../src/emit/infra/app-settings.js';
import { MigrateError } from '../../src/util/errors.js';
import { bicepParser, loadFixtures, propertyPath, resourceBody, resourceDeclarations, syntaxProblems } from './support.js';

const fixtures = await loadFixtures();

describe.each(fixtures.map((f) => [f.name, f] as const))('estate %s', (_name, fx) => {
  const tree = emitEstate(fx.plan, fx.report);
  const bicep = [...tree].filter(([p]) => p.endsWith('.bicep'));

  test('emits the azd layout', () => {
    expect(tree.has('azure.yaml')).toBe(true);
    expect(tree.has('infra/main.bicep')).toBe(true);
    expect(tree.has('infra/main.parameters.json')).toBe(true);
    expect(tree.has('.github/workflows/azure-dev.yml')).toBe(true);
    expect(tree.has('MIGRATION.md')).toBe(true);
    for (const app of fx.plan.apps) expect(tree.has(`infra/app/${app.name}.bicep`)).toBe(true);
  });

  test('every .bicep file parses with tree-sitter-bicep with no ERROR or MISSING node', async () => {
    const parser = await bicepParser();
    for (const [path, text] of bicep) expect({ path, problems: syntaxProblems(parser.parse(text)!.rootNode) }).toEqual({ path, problems: [] });
  });

  test('each app module declares identity, FC1/EP/Dedicated plan and site with the typed properties', async () => {
    const parser = await bicepParser();
    for (const app of fx.plan.apps) {
      const root = parser.parse(tree.get(`infra/app/${app.name}.bicep`)!)!.rootNode;
      const decls = resourceDeclarations(root);
      const types = decls.map((d) => d.typeAtVersion);
      expect(types).toContain('Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31');
      expect(types).toContain('Microsoft.Web/serverfarms@2024-04-01');
      expect(types).toContain('Microsoft.Web/sites@2024-04-01');
      expect(types).toContain('Microsoft.Authorization/roleAssignments@2022-04-01');
      const plan = resourceBody(decls.find((d) => d.symbol === 'hostingPlan')!.node);
      const site = resourceBody(decls.find((d) => d.symbol === 'site')!.node);
      expect(propertyPath(site, 'kind')?.text).toBe("'functionapp,linux'");
      expect(propertyPath(site, 'tags')?.text).toContain(`'azd-service-name': '${app.name}'`);
      expect(propertyPath(site, 'properties', 'httpsOnly')?.text).toBe('true');
      expect(propertyPath(site, 'identity', 'type')?.text).toBe("'UserAssigned'");
      if (app.keyVaultSecrets.length > 0) expect(propertyPath(site, 'properties', 'keyVaultReferenceIdentity')?.text).toBe('identity.id');
      if (app.vnetIntegration) expect(propertyPath(site, 'properties', 'virtualNetworkSubnetId')?.text).toBe('subnetId');
      if (app.hosting.plan === 'FlexConsumption') {
        expect(propertyPath(plan, 'sku', 'name')?.text).toBe("'FC1'");
        expect(propertyPath(plan, 'sku', 'tier')?.text).toBe("'FlexConsumption'");
        const cfg = propertyPath(site, 'properties', 'functionAppConfig');
        expect(propertyPath(cfg, 'runtime', 'name')?.text).toBe(`'${app.runtime.name}'`);
        expect(propertyPath(cfg, 'runtime', 'version')?.text).toBe(`'${app.runtime.version}'`);
        expect(propertyPath(cfg, 'scaleAndConcurrency', 'instanceMemoryMB')?.text).toBe(String(app.instanceMemoryMB));
        expect(propertyPath(cfg, 'scaleAndConcurrency', 'maximumInstanceCount')?.text).toBe(String(app.scale.maximumInstanceCount));
        expect(propertyPath(cfg, 'deployment', 'storage', 'type')?.text).toBe("'blobContainer'");
        expect(propertyPath(cfg, 'deployment', 'storage', 'authentication', 'type')?.text).toBe("'UserAssignedIdentity'");
        if (app.scale.httpPerInstanceConcurrency !== undefined) {
          expect(propertyPath(cfg, 'scaleAndConcurrency', 'triggers', 'http', 'perInstanceConcurrency')?.text).toBe(String(app.scale.httpPerInstanceConcurrency));
        }
        for (const a of app.scale.alwaysReady) expect(propertyPath(cfg, 'scaleAndConcurrency', 'alwaysReady')?.text).toContain(`'${a.name}'`);
      } else {
        expect(propertyPath(plan, 'sku', 'name')?.text).toBe(`'${app.hosting.sku}'`);
        expect(propertyPath(site, 'properties', 'functionAppConfig')).toBeUndefined();
        expect(propertyPath(site, 'properties', 'siteConfig', 'linuxFxVersion')?.text).toBe(`'${app.runtime.name.toUpperCase()}|${app.runtime.version}'`);
      }
      // Every plan role assignment (except Cosmos data-plane ones, done by module) appears by GUID.
      const text = tree.get(`infra/app/${app.name}.bicep`)!;
      for (const ra of app.identity.roleAssignments) expect(text).toContain(ra.roleDefinitionId);
    }
  });

  test('no setting or site property that Flex Consumption rejects appears on a Flex site', () => {
    for (const app of fx.plan.apps.filter((a) => a.hosting.plan === 'FlexConsumption')) {
      const text = tree.get(`infra/app/${app.name}.bicep`)!;
      for (const name of [...FLEX_FORBIDDEN_SETTINGS, 'WEBSITE_CONTENT']) expect(text).not.toContain(`'${name}`);
      for (const prop of ['alwaysOn', 'ftpsState', 'linuxFxVersion', 'use32BitWorkerProcess', 'vnetRouteAllEnabled', 'functionAppScaleLimit', 'preWarmedInstanceCount']) {
        expect(text).not.toMatch(new RegExp(`^\\s*${prop}:`, 'm'));
      }
    }
  });

  test('shared resources: storage without shared keys, Key Vault in RBAC mode, trigger infrastructure of every kind used', async () => {
    const parser = await bicepParser();
    const storage = resourceDeclarations(parser.parse(tree.get('infra/modules/storage.bicep')!)!.rootNode);
    const account = resourceBody(storage.find((d) => d.symbol === 'storage')!.node);
    expect(propertyPath(account, 'properties', 'allowSharedKeyAccess')?.text).toBe('false');
    expect(propertyPath(account, 'properties', 'minimumTlsVersion')?.text).toBe("'TLS1_2'");
    expect(propertyPath(account, 'properties', 'supportsHttpsTrafficOnly')?.text).toBe('true');
    expect(propertyPath(account, 'properties', 'allowBlobPublicAccess')?.text).toBe('false');
    const resources = fx.plan.apps.flatMap((a) => a.resources);
    const all = [...tree].filter(([p]) => p.endsWith('.bicep')).map(([, t]) => t).join('\n');
    if (fx.plan.apps.some((a) => a.keyVaultSecrets.length > 0)) {
      const kv = resourceBody(resourceDeclarations(parser.parse(tree.get('infra/modules/key-vault.bicep')!)!.rootNode).find((d) => d.symbol === 'keyVault')!.node);
      expect(propertyPath(kv, 'properties', 'enableRbacAuthorization')?.text).toBe('true');
      expect(propertyPath(kv, 'properties', 'enablePurgeProtection')?.text).toBe('true');
      expect(all).not.toContain('Microsoft.KeyVault/vaults/secrets');
    }
    for (const r of resources) {
      const type = {
        'storage-queue': 'Microsoft.Storage/storageAccounts/queueServices/queues@',
        'service-bus-queue': 'Microsoft.ServiceBus/namespaces/queues@',
        'service-bus-topic': 'Microsoft.ServiceBus/namespaces/topics/subscriptions@',
        'blob-container': 'Microsoft.Storage/storageAccounts/blobServices/containers@',
        'event-grid-blob-subscription': 'Microsoft.EventGrid/systemTopics@',
        'event-grid-topic': 'Microsoft.EventGrid/topics@',
        'event-hub': 'Microsoft.EventHub/namespaces/eventhubs@',
        'cosmos-db-existing': 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@',
        vnet: 'Microsoft.Network/virtualNetworks@',
      }[r.kind];
      expect(all).toContain(type);
      if (r.kind !== 'cosmos-db-existing' && r.kind !== 'event-grid-blob-subscription' && r.kind !== 'event-grid-topic') expect(all).toContain(`'${r.name}'`);
      if (r.kind === 'service-bus-queue') expect(all).toContain(`maxDeliveryCount: ${r.maxDeliveryCount}`);
    }
    const main = tree.get('infra/main.bicep')!;
    expect(main).toContain("targetScope = 'subscription'");
    expect(main).toContain('var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))');
    expect(main).toContain("'azd-env-name': environmentName");
  });

  test('is deterministic: emitting twice gives identical trees', () => {
    const again = emitEstate(structuredClone(fx.plan), structuredClone(fx.report));
    expect([...again.keys()]).toEqual([...tree.keys()]);
    for (const [p, c] of tree) expect(again.get(p)).toBe(c);
  });
});

describe('plan errors the user can fix', () => {
  test('two VNet-integrated apps asking for the same subnet are rejected with a hint', () => {
    const fx = fixtures.find((f) => f.name === 'retail')!;
    const plan = structuredClone(fx.plan);
    const media = plan.apps.find((a) => a.name === 'media')!;
    media.vnetIntegration = true;
    media.resources.push({ kind: 'vnet', name: 'vnet-retail', addressPrefix: '10.40.0.0/16', subnetPrefix: '10.40.1.0/24' });
    expect(() => emitEstate(plan, fx.report)).toThrow(MigrateError);
  });
});

describe('Azure naming rules', () => {
  test('an SQS-style queue name that Azure Storage rejects is a plan error naming the app and the rule', () => {
    const fx = fixtures.find((f) => f.name === 'retail')!;
    const plan = structuredClone(fx.plan);
    plan.apps.find((a) => a.name === 'orders-api')!.resources.push({ kind: 'storage-queue', name: 'Order_Events' });
    expect(() => emitEstate(plan, fx.report)).toThrow(/orders-api.*storage-queue name 'Order_Events'/);
  });

  test('long or dotted bus names still give valid Event Grid topic names', async () => {
    const { topicNamePrefix } = await import('../../src/emit/infra/names.js');
    const prefix = topicNamePrefix('com.example.orders_events.very-long-bus-name-beyond-limits');
    expect(prefix).toMatch(/^evgt-[A-Za-z0-9-]+-$/);
    expect(prefix.length + 13).toBeLessThanOrEqual(50);
  });
});

describe('Event Grid resources without a function name', () => {
  test('are paired with the matching function of the app', () => {
    const fx = fixtures.find((f) => f.name === 'retail')!;
    const plan = structuredClone(fx.plan);
    for (const app of plan.apps) for (const r of app.resources) if (r.kind === 'event-grid-topic' || r.kind === 'event-grid-blob-subscription') r.functionName = '';
    const hook = emitEstate(plan, fx.report).get('infra/hooks/postdeploy.sh')!;
    expect(hook).toContain('/functions/OrderPlacedHandler"');
    expect(hook).toContain('functionName=Host.Functions.Thumbnail&code=$key');
  });

  test('and are a plan error when nothing matches', () => {
    const fx = fixtures.find((f) => f.name === 'retail')!;
    const plan = structuredClone(fx.plan);
    plan.apps.find((a) => a.name === 'media')!.resources.push({ kind: 'event-grid-topic', name: 'stray', functionName: '' });
    expect(() => emitEstate(plan, fx.report)).toThrow(/names no function/);
  });
});

// The estate emitter over every fixture: Bicep syntax (tree-sitter-bicep), structure, Flex rules, determinism.

import { describe, expect, test } from 'vitest';
import { emitEstate } from '../../src/emit/index.js';
import { FLEX_FORBIDDEN_SETTINGS } from '../../src/emit/infra/app-settings.js';
import { MigrateError } from '../../src/util/errors.js';
import { bicepParser, loadFixtures, propertyPath, resourceBody, resourceDeclarations, syntaxProblems, deployedApps } from './support.js';

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
    expect(tree.has('infra/modules/function-app.bicep')).toBe(true);
    expect([...tree.keys()].filter((p) => p.startsWith('infra/app/'))).toEqual([]);
  });

  test('every .bicep file parses with tree-sitter-bicep with no ERROR or MISSING node', async () => {
    const parser = await bicepParser();
    for (const [path, text] of bicep) expect({ path, problems: syntaxProblems(parser.parse(text)!.rootNode) }).toEqual({ path, problems: [] });
  });

  test('the function-app module declares identity, plan and site with the typed properties', async () => {
    const parser = await bicepParser();
    const decls = resourceDeclarations(parser.parse(tree.get('infra/modules/function-app.bicep')!)!.rootNode);
    const types = decls.map((d) => d.typeAtVersion);
    expect(types).toContain('Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31');
    expect(types).toContain('Microsoft.Web/serverfarms@2024-04-01');
    expect(types).toContain('Microsoft.Authorization/roleAssignments@2022-04-01');
    expect(types.filter((t) => t === 'Microsoft.Web/sites@2024-04-01')).toHaveLength(1);
    const site = resourceBody(decls.find((d) => d.symbol === 'site')!.node);
    expect(propertyPath(site, 'kind')?.text).toBe("'functionapp,linux'");
    expect(propertyPath(site, 'tags')?.text).toContain("'azd-service-name': serviceName");
    expect(propertyPath(site, 'properties', 'httpsOnly')?.text).toBe('true');
    expect(propertyPath(site, 'identity', 'type')?.text).toBe("'UserAssigned'");
    expect(propertyPath(site, 'properties', 'keyVaultReferenceIdentity')?.text).toBe('identity.id');
    expect(propertyPath(site, 'properties', 'virtualNetworkSubnetId')?.text).toBe('(empty(subnetId) ? null : subnetId)');
    const cfg = propertyPath(site, 'properties', 'functionAppConfig')!;
    expect(cfg.text).toMatch(/^\(isFlex \? \{/);
    expect(cfg.text).toMatch(/\} : null\)$/);
    expect(cfg.text).toContain("type: 'blobContainer'");
    expect(cfg.text).toContain("type: 'UserAssignedIdentity'");
    expect(cfg.text).toContain('instanceMemoryMB: instanceMemoryMB');
    expect(cfg.text).toContain('name: runtimeName');
    expect(propertyPath(site, 'properties', 'siteConfig', 'linuxFxVersion')?.text).toBe('(isFlex ? null : linuxFxVersion)');
  });

  test('main.bicep calls the function-app module once per app with the plan\'s hosting, runtime, scale and roles', async () => {
    const parser = await bicepParser();
    const main = tree.get('infra/main.bicep')!;
    const calls = parser
      .parse(main)!
      .rootNode.namedChildren.filter((n) => n?.type === 'module_declaration' && n.namedChildren[1]?.text === "'./modules/function-app.bicep'")
      .map((n) => propertyPath(resourceBody(n!), 'params')!);
    expect(calls).toHaveLength(deployedApps(fx).length);
    for (const app of deployedApps(fx)) {
      const params = calls.find((p) => propertyPath(p, 'serviceName')?.text === `'${app.name}'`);
      expect(params, app.name).toBeDefined();
      const at = (...keys: string[]) => propertyPath(params, ...keys)?.text;
      expect(at('planType')).toBe(`'${app.hosting.plan}'`);
      expect(at('planSku', 'name')).toBe(`'${app.hosting.sku}'`);
      expect(at('runtimeName')).toBe(`'${app.runtime.name}'`);
      expect(at('runtimeVersion')).toBe(`'${app.runtime.version}'`);
      if (app.keyVaultSecrets.length > 0) expect(at('keyVaultName')).toBe('keyVault.outputs.name');
      if (app.vnetIntegration) expect(at('subnetId')).toMatch(/^network\.outputs\./);
      if (app.hosting.plan === 'FlexConsumption') {
        expect(at('planSku', 'tier')).toBe("'FlexConsumption'");
        expect(at('instanceMemoryMB')).toBe(String(app.instanceMemoryMB));
        expect(at('maximumInstanceCount')).toBe(String(app.scale.maximumInstanceCount));
        expect(at('deploymentContainerName')).toBeDefined();
        if (app.scale.httpPerInstanceConcurrency !== undefined) expect(at('httpPerInstanceConcurrency')).toBe(String(app.scale.httpPerInstanceConcurrency));
        for (const a of app.scale.alwaysReady) expect(at('alwaysReady')).toContain(`'${a.name}'`);
        expect(at('linuxFxVersion')).toBeUndefined();
      } else {
        expect(at('linuxFxVersion')).toBe(`'${app.runtime.name.toUpperCase()}|${app.runtime.version}'`);
        expect(at('deploymentContainerName')).toBeUndefined();
        if (app.hosting.plan === 'Premium') {
          // Elastic Premium: at most 100 workers, at least one warm instance (the hosting policy).
          expect(at('maximumInstanceCount')).toBe(String(Math.min(app.scale.maximumInstanceCount, 100)));
          expect(Number(at('minimumElasticInstanceCount'))).toBeGreaterThanOrEqual(1);
        } else expect(at('maximumInstanceCount')).toBeUndefined();
      }
      // Every plan role assignment appears by GUID: in the app's call, or (Cosmos DB data-plane roles) in the one
      // serialised role module per account, where a Contributor makes a Reader of the same app redundant.
      const mainText = tree.get('infra/main.bicep')!;
      for (const ra of app.identity.roleAssignments) {
        if (ra.scope.kind !== 'cosmos-db') expect(params!.text).toContain(ra.roleDefinitionId);
        else expect(mainText).toMatch(new RegExp(`description: '${app.name}: Cosmos DB Built-in Data (Contributor|${ra.role.endsWith('Reader') ? 'Reader' : 'Contributor'})`));
      }
    }
  });

  test('no setting or site property that Flex Consumption rejects appears on a Flex site', async () => {
    const parser = await bicepParser();
    const root = parser.parse(tree.get('infra/modules/function-app.bicep')!)!.rootNode;
    const site = resourceBody(resourceDeclarations(root).find((d) => d.symbol === 'site')!.node);
    const siteConfig = propertyPath(site, 'properties', 'siteConfig')!;
    // On the site, every property Flex rejects is null on Flex; the settings Flex rejects are only added off Flex.
    for (const prop of ['alwaysOn', 'ftpsState', 'linuxFxVersion', 'vnetRouteAllEnabled', 'functionAppScaleLimit', 'minimumElasticInstanceCount']) {
      expect(propertyPath(siteConfig, prop)?.text, prop).toMatch(/^\(isFlex \? null : /);
    }
    for (const prop of ['use32BitWorkerProcess', 'preWarmedInstanceCount']) expect(siteConfig.text).not.toContain(`${prop}:`);
    expect(propertyPath(siteConfig, 'appSettings')?.text).toBe('(isFlex ? settings : concat(settings, nonFlexSettings, remoteBuildSettings))');
    const vars = new Map(root.namedChildren.filter((n) => n?.type === 'variable_declaration').map((n) => [n!.namedChildren[0]!.text, n!.text]));
    expect(vars.get('nonFlexSettings')).toContain("'FUNCTIONS_WORKER_RUNTIME'");
    // What a Flex site does receive: the shared settings variables and the values main.bicep passes to Flex apps.
    const main = parser.parse(tree.get('infra/main.bicep')!)!.rootNode;
    const flexCalls = main.namedChildren.filter((n) => n?.type === 'module_declaration' && n.text.includes("planType: 'FlexConsumption'")).map((n) => n!.text);
    expect(flexCalls).toHaveLength(deployedApps(fx).filter((a) => a.hosting.plan === 'FlexConsumption').length);
    for (const text of [...[...vars].filter(([k]) => k !== 'nonFlexSettings' && k !== 'remoteBuildSettings').map(([, v]) => v), ...flexCalls]) {
      for (const name of [...FLEX_FORBIDDEN_SETTINGS, 'WEBSITE_CONTENT']) expect(text).not.toContain(`'${name}`);
      expect(text).not.toMatch(/^\s*linuxFxVersion:/m);
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
    const resources = deployedApps(fx).flatMap((a) => a.resources);
    const all = [...tree].filter(([p]) => p.endsWith('.bicep')).map(([, t]) => t).join('\n');
    if (deployedApps(fx).some((a) => a.keyVaultSecrets.length > 0)) {
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

// The pure pieces of the Azure side: uniqueString, clouds and audiences, the credential chain, stack parsing, RBAC.
import { describe, expect, it } from 'vitest';
import { flexRuntimesFromStacks } from '../../src/azure/arm-client.js';
import { createCredential } from '../../src/azure/credential.js';
import { allows, plannedFlexCores, plannedNames } from '../../src/azure/preflight-checks.js';
import { resolveTarget } from '../../src/azure/target.js';
import { uniqueString } from '../../src/azure/unique-string.js';
import { plan } from './stand-in-state.js';

describe('uniqueString', () => {
  it('matches values Bicep produces', () => {
    expect(uniqueString('test')).toBe('rbgf3xv4ufgzg');
    expect(uniqueString('hello', 'world')).toBe('a7wkljktk6wne');
    expect(uniqueString('abc')).toBe('cgtzqvhu4i23s');
    expect(uniqueString('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg')).toBe('bmg7c6xu4tw46');
    expect(uniqueString('foo', 'bar', 'baz')).toBe('xzi4ioaxtmth4');
  });

  it('names resources the way main.bicep does', () => {
    const n = plannedNames(plan, '00000000-0000-0000-0000-000000000000', 'dev', 'eastus');
    expect(n.resourceToken).toBe(uniqueString('/subscriptions/00000000-0000-0000-0000-000000000000', 'dev', 'eastus'));
    expect(n.resourceGroup).toBe('rg-dev');
    expect(n.names.map((x) => x.name)).toEqual([...plan.apps.map((a) => `func-${a.name}-${n.resourceToken}`), `st${n.resourceToken}`, `kv-${n.resourceToken}`]);
  });
});

describe('clouds', () => {
  it('picks the sovereign endpoints and lets the audience follow --arm-endpoint', () => {
    expect(resolveTarget('china', undefined)).toMatchObject({ endpoint: 'https://management.chinacloudapi.cn', scope: 'https://management.chinacloudapi.cn/.default', authorityHost: 'https://login.chinacloudapi.cn' });
    expect(resolveTarget('usgov', undefined).scope).toBe('https://management.usgovcloudapi.net/.default');
    expect(resolveTarget(undefined, 'https://management.local.azurestack.external/').scope).toBe('https://management.local.azurestack.external/.default');
    expect(() => resolveTarget(undefined, 'http://management.local')).toThrow(/https/);
    expect(() => resolveTarget(undefined, 'https://user:pw@management.local')).toThrow(/origin/);
  });
});

describe('credentials', () => {
  it('chains Azure CLI, azd, environment and workload identity, and never managed identity by default', async () => {
    const target = resolveTarget('public', undefined);
    const kinds = async (k: Parameters<typeof createCredential>[0]) =>
      ((await createCredential(k, target)) as unknown as { _sources: object[] })._sources.map((s) => s.constructor.name);
    const saved = { ...process.env };
    try {
      process.env.AZURE_FEDERATED_TOKEN_FILE = '/dev/null';
      process.env.AZURE_CLIENT_ID = '11111111-1111-1111-1111-111111111111';
      process.env.AZURE_TENANT_ID = '22222222-2222-2222-2222-222222222222';
      expect(await kinds('default')).toEqual(['AzureCliCredential', 'AzureDeveloperCliCredential', 'EnvironmentCredential', 'WorkloadIdentityCredential']);
    } finally {
      process.env = saved;
    }
    expect(await kinds('managed-identity')).toEqual(['ManagedIdentityCredential']);
  });
});

describe('stacks, quota and permissions', () => {
  it('reads Flex versions from FC1 skus and skips hidden versions', () => {
    const minor = (v: string, extra: object) => ({ value: v, stackSettings: { linuxRuntimeSettings: { runtimeVersion: `Node|${v}`, ...extra } } });
    const body = {
      value: [
        {
          name: 'node',
          properties: {
            majorVersions: [
              { value: '22', minorVersions: [minor('22', { Sku: [{ skuCode: 'FC1', functionAppConfigProperties: { runtime: { name: 'node', version: '22' } } }] })] },
              { value: '24', minorVersions: [minor('24', { isHidden: true, Sku: [{ skuCode: 'FC1', functionAppConfigProperties: { runtime: { name: 'node', version: '24' } } }] })] },
              { value: '20', minorVersions: [minor('20', { Sku: [{ skuCode: 'EP1' }] })] },
            ],
          },
        },
      ],
    };
    expect(flexRuntimesFromStacks(body)).toEqual([{ name: 'node', version: '22' }]);
  });

  it('counts cores at full scale-out and matches RBAC wildcards', () => {
    expect(plannedFlexCores(plan)).toBe(plan.apps.reduce((n, a) => n + a.scale.maximumInstanceCount * ({ 512: 0.25, 2048: 1, 4096: 2 }[a.instanceMemoryMB] ?? 0), 0));
    const write = 'Microsoft.Authorization/roleAssignments/write';
    expect(allows([{ actions: ['*'], notActions: [] }], write)).toBe(true);
    expect(allows([{ actions: ['Microsoft.Authorization/*'], notActions: [] }], write)).toBe(true);
    expect(allows([{ actions: ['*'], notActions: ['Microsoft.Authorization/*/Write'] }], write)).toBe(false);
    expect(allows([{ actions: ['*/read'], notActions: [] }], write)).toBe(false);
  });
});

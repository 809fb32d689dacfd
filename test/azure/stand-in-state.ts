// A target that matches test/data/azure/plan.json exactly; each test breaks one thing.
import { readFileSync } from 'node:fs';
import type { Plan } from '../../src/model/plan.js';
import { plannedNames, requiredProviders } from '../../src/azure/preflight-checks.js';
import { plannedFunctionNames } from '../../src/azure/verify-checks.js';
import type { ArmState } from '../support/arm-stand-in.js';

export const PLAN_FILE = new URL('../data/azure/plan.json', import.meta.url).pathname;
export const plan = JSON.parse(readFileSync(PLAN_FILE, 'utf8')) as Plan;
export const SUBSCRIPTION = '0b1f6471-1bf0-4dda-aec3-111122223333';
export const ENV = 'retail-test';
export const LOCATION = 'eastus';
export const RG = `rg-${ENV}`;
export const names = plannedNames(plan, SUBSCRIPTION, ENV, LOCATION);

export function matchingState(): ArmState {
  const principal = (i: number) => `9a1c0000-0000-4000-8000-00000000000${i}`;
  return {
    subscriptionId: SUBSCRIPTION,
    flexRegions: ['East US', 'West Europe'],
    stacks: { node: [{ name: 'node', version: '20' }, { name: 'node', version: '22' }] },
    takenNames: [],
    resources: [{ id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-data/providers/Microsoft.DocumentDB/databaseAccounts/cosmos`, name: 'cosmos', type: 'Microsoft.DocumentDB/databaseAccounts' }],
    providers: Object.fromEntries(requiredProviders(plan).map((p) => [p, 'Registered'])),
    usage: { current: 10, limit: 250 },
    permissions: [{ actions: ['*'], notActions: [] }],
    resourceGroup: RG,
    sites: plan.apps.map((a, i) => ({
      app: a.name,
      name: `func-${a.name}-${names.resourceToken}`,
      runtime: { ...a.runtime },
      instanceMemoryMB: a.instanceMemoryMB,
      maximumInstanceCount: a.scale.maximumInstanceCount,
      alwaysReady: a.scale.alwaysReady.map((r) => ({ ...r })),
      functions: plannedFunctionNames(a),
      settings: a.settings.map((s) => s.name),
      keyVaultReferences: a.settings.filter((s) => s.kind === 'keyvault').map((s) => ({ setting: s.name, status: 'Resolved' })),
      principalId: principal(i),
    })),
    roleAssignments: Object.fromEntries(plan.apps.map((a, i) => [principal(i), a.identity.roleAssignments.filter((r) => r.scope.kind !== 'cosmos-db').map((r) => r.roleDefinitionId)])),
    faults: [],
    appStatus: {},
  };
}

// API versions for every resource type the emitter writes (azure-target.md §4.7), in one place.

export const API = {
  resourceGroups: '2024-03-01',
  serverfarms: '2024-04-01',
  sites: '2024-04-01',
  storageAccounts: '2024-01-01',
  workspaces: '2025-02-01',
  components: '2020-02-02',
  roleAssignments: '2022-04-01',
  userAssignedIdentities: '2023-01-31',
  vaults: '2023-07-01',
  serviceBus: '2024-01-01',
  eventHub: '2024-01-01',
  eventGrid: '2025-02-15',
  cosmos: '2024-11-15',
  network: '2024-05-01',
} as const;

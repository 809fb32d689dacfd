// Built-in role definition GUIDs (azure-target.md §4.6) the host itself needs, whatever the plan maps.

export const ROLE = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb',
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0',
  eventHubsDataReceiver: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde',
  eventGridDataSender: 'd5a91429-5739-47e2-a06b-3470a27159e7',
  /** Cosmos DB data-plane roles (sqlRoleDefinitions), not ARM roles. */
  cosmosDataReader: '00000000-0000-0000-0000-000000000001',
  cosmosDataContributor: '00000000-0000-0000-0000-000000000002',
} as const;

export const ROLE_NAMES: Record<string, string> = {
  [ROLE.storageBlobDataOwner]: 'Storage Blob Data Owner',
  [ROLE.storageQueueDataContributor]: 'Storage Queue Data Contributor',
  [ROLE.storageTableDataContributor]: 'Storage Table Data Contributor',
  [ROLE.monitoringMetricsPublisher]: 'Monitoring Metrics Publisher',
  [ROLE.keyVaultSecretsUser]: 'Key Vault Secrets User',
  [ROLE.keyVaultSecretsOfficer]: 'Key Vault Secrets Officer',
  [ROLE.serviceBusDataReceiver]: 'Azure Service Bus Data Receiver',
  [ROLE.eventHubsDataReceiver]: 'Azure Event Hubs Data Receiver',
  [ROLE.eventGridDataSender]: 'EventGrid Data Sender',
};

/** Cosmos DB built-in data-plane role ids look like `00000000-0000-0000-0000-00000000000N`. */
export const isCosmosDataPlaneRole = (id: string): boolean => /^0{8}-0{4}-0{4}-0{4}-0{11}[12]$/.test(id);

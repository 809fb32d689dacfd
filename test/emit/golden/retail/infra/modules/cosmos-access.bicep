// Grants an app identity a Cosmos DB data-plane role on an existing account (no keys, no connection strings).

@description('Existing Cosmos DB account name')
param accountName string

@description('Principal id of the function app identity')
param principalId string

@description('Cosmos DB built-in data-plane role: ...0001 reader, ...0002 contributor')
param roleDefinitionGuid string

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: accountName
}

resource dataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, principalId, roleDefinitionGuid)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${roleDefinitionGuid}'
    principalId: principalId
    scope: account.id
  }
}

output endpoint string = account.properties.documentEndpoint

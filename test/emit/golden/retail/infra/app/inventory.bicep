// Function app 'inventory' on Premium (EP1): escalated by CAP-B004 (Kafka trigger needs Premium)
// Functions: InventorySyncFunction, AuditStreamFunction

@description('Azure region of the resources')
param location string

@description('Tags for every resource (carries \'azd-env-name\')')
param tags object

@description('Function app name')
param name string

@description('Hosting plan name')
param planName string

@description('User-assigned managed identity name')
param identityName string

@description('Estate storage account (host storage and deployment package)')
param storageAccountName string

@description('Application Insights component')
param appInsightsName string

@description('Suffix that makes resource names unique')
param resourceToken string

@description('Key Vault holding the migrated secrets')
param keyVaultName string

@description('Delegated subnet for VNet integration')
param subnetId string

@description('Resource group of the existing Cosmos DB account(s)')
param cosmosResourceGroupName string

@description('Existing Cosmos DB account for \'inventory\'')
param inventoryCosmosAccountName string

@description('App setting KAFKA_BROKERS: bootstrap brokers of the Kafka cluster')
param inventoryKafkaBrokers string

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' existing = {
  parent: storage
  name: 'default'
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

@description('Replaces the execution role(s) InventoryRole')
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

@description('Premium EP1: escalated by CAP-B004 (Kafka trigger needs Premium)')
resource hostingPlan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'elastic'
  sku: {
    name: 'EP1'
    tier: 'ElasticPremium'
  }
  properties: {
    reserved: true
    maximumElasticWorkerCount: 20
  }
}

@description('Replaces 2 Lambda function(s); azd deploys to it through the azd-service-name tag')
resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': 'inventory'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: hostingPlan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: identity.id
    virtualNetworkSubnetId: subnetId
    siteConfig: {
      linuxFxVersion: 'NODE|22'
      ftpsState: 'Disabled'
      functionAppScaleLimit: 20
      minimumElasticInstanceCount: 2
      vnetRouteAllEnabled: true
      minTlsVersion: '1.2'
      http20Enabled: true
      remoteDebuggingEnabled: false
      cors: {
        allowedOrigins: [
          'https://portal.azure.com'
        ]
      }
      appSettings: [
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identity.properties.clientId};Authorization=AAD'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identity.properties.clientId
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storage.properties.primaryEndpoints.table
        }
        {
          name: 'FUNCTIONS_EXTENSION_VERSION'
          value: '~4'
        }
        {
          name: 'FUNCTIONS_WORKER_RUNTIME'
          value: 'node'
        }
        {
          name: 'InventoryDb__accountEndpoint'
          value: cosmosAccessInventory.outputs.endpoint
        }
        {
          name: 'InventoryDb__clientId'
          value: identity.properties.clientId
        }
        {
          name: 'InventoryDb__credential'
          value: 'managedidentity'
        }
        {
          name: 'KAFKA_BROKERS'
          value: inventoryKafkaBrokers
        }
        {
          name: 'KAFKA_PASSWORD'
          value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=kafka-password)'
        }
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
      ]
    }
  }
}

@description('Storage Blob Data Owner: host requirement: host storage and the deployment package')
resource roleStorageStorageBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Storage Queue Data Contributor: host requirement: host storage queues (blob-trigger receipts, poison messages)')
resource roleStorageStorageQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Storage Table Data Contributor: host requirement: host diagnostic events')
resource roleStorageStorageTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Monitoring Metrics Publisher: host requirement: Entra-authenticated telemetry')
resource roleAppInsightsMonitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, identity.id, '3913510d-42f4-4e42-8a64-420c390055eb')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3913510d-42f4-4e42-8a64-420c390055eb')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Key Vault Secrets User: host requirement: Key Vault references in app settings')
resource roleKeyVaultKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, identity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

module cosmosAccessInventory '../modules/cosmos-access.bicep' = {
  name: 'cosmos-inventory-r2-${uniqueString(name)}'
  scope: resourceGroup(cosmosResourceGroupName)
  params: {
    accountName: inventoryCosmosAccountName
    principalId: identity.properties.principalId
    roleDefinitionGuid: '00000000-0000-0000-0000-000000000002'
  }
}

output name string = site.name

output id string = site.id

output defaultHostName string = site.properties.defaultHostName

output identityClientId string = identity.properties.clientId

output identityPrincipalId string = identity.properties.principalId

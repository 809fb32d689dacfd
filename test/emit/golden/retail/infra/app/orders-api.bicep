// Function app 'orders-api' on FlexConsumption (FC1): default: Flex Consumption fits every trigger of this app
// Functions: CreateOrderFunction, GetOrderFunction, OrderWorkerFunction, PaymentWorkerFunction

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

@description('Blob container holding the deployment package')
param deploymentContainerName string

@description('Key Vault holding the migrated secrets')
param keyVaultName string

@description('Service Bus namespace')
param serviceBusNamespaceName string

@description('App setting UPSTREAM_URL: the pricing service URL (was an SSM parameter)')
param ordersApiUpstreamUrl string

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

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource topicOrderBus 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: 'evgt-order-bus-${resourceToken}'
}

@description('Replaces the execution role(s) OrdersRole')
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

@description('FlexConsumption FC1: default: Flex Consumption fits every trigger of this app')
resource hostingPlan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

@description('Replaces 4 Lambda function(s); azd deploys to it through the azd-service-name tag')
resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': 'orders-api'
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
    siteConfig: {
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
          name: 'LOG_LEVEL'
          value: 'it\'s "\${debug}" \\ok'
        }
        {
          name: 'ORDER_QUEUE_NAME'
          value: 'order-events'
        }
        {
          name: 'OrderQueue__clientId'
          value: identity.properties.clientId
        }
        {
          name: 'OrderQueue__credential'
          value: 'managedidentity'
        }
        {
          name: 'OrderQueue__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'PAYMENT_API_KEY'
          value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=payment-api-key)'
        }
        {
          name: 'PaymentsBus__clientId'
          value: identity.properties.clientId
        }
        {
          name: 'PaymentsBus__credential'
          value: 'managedidentity'
        }
        {
          name: 'PaymentsBus__fullyQualifiedNamespace'
          value: '${serviceBusNamespaceName}.servicebus.windows.net'
        }
        {
          name: 'STRIPE_WEBHOOK_SECRET'
          value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=stripe-webhook-secret)'
        }
        {
          name: 'TABLE_NAME'
          value: 'orders'
        }
        {
          name: 'TIMER_ORDERWORKERNIGHTLY_SCHEDULE'
          value: '0 0 2 * * *'
        }
        {
          name: 'UPSTREAM_URL'
          value: ordersApiUpstreamUrl
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 100
        instanceMemoryMB: 2048
        alwaysReady: [
          {
            name: 'http'
            instanceCount: 1
          }
        ]
        triggers: {
          http: {
            perInstanceConcurrency: 16
          }
        }
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
  dependsOn: [
    deploymentContainer
  ]
}

resource queuePaymentsFifo 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = {
  parent: serviceBus
  name: 'payments.fifo'
}

resource topicOrderNotifications 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' existing = {
  parent: serviceBus
  name: 'order-notifications'
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

@description('Azure Service Bus Data Receiver: host requirement: trigger PaymentWorker')
resource roleQueuePaymentsFifoAzureServiceBusDataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: queuePaymentsFifo
  name: guid(queuePaymentsFifo.id, identity.id, '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Azure Service Bus Data Receiver: host requirement: trigger OrderNotificationAudit')
resource roleTopicOrderNotificationsAzureServiceBusDataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: topicOrderNotifications
  name: guid(topicOrderNotifications.id, identity.id, '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('EventGrid Data Sender: events:PutEvents on order-bus')
resource roleTopicOrderBusEventGridDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: topicOrderBus
  name: guid(topicOrderBus.id, identity.id, 'd5a91429-5739-47e2-a06b-3470a27159e7')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'd5a91429-5739-47e2-a06b-3470a27159e7')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Azure Service Bus Data Sender: sns:Publish on order-notifications')
resource roleTopicOrderNotificationsAzureServiceBusDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: topicOrderNotifications
  name: guid(topicOrderNotifications.id, identity.id, '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Storage Queue Data Message Processor: sqs:ReceiveMessage, sqs:DeleteMessage on order-events')
resource roleStorageStorageQueueDataMessageProcessor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, '8a0f0c08-91a1-4084-bc3d-661d67233fed')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8a0f0c08-91a1-4084-bc3d-661d67233fed')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Storage Queue Data Message Sender: sqs:SendMessage on order-events')
resource roleStorageStorageQueueDataMessageSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = site.name

output id string = site.id

output defaultHostName string = site.properties.defaultHostName

output identityClientId string = identity.properties.clientId

output identityPrincipalId string = identity.properties.principalId

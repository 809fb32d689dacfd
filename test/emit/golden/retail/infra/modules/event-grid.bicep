// Event Grid topics. Event subscriptions to functions are created after code deploy by infra/hooks/postdeploy.sh.

@description('Azure region of the resources')
param location string

@description('Tags for every resource (carries \'azd-env-name\')')
param tags object

@description('Suffix that makes topic names unique')
param resourceToken string

@description('The estate storage account whose blob events trigger functions')
param storageAccountName string

@description('Event Grid system topic name')
param systemTopicName string

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource storageTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output systemTopicName string = storageTopic.name

@description('Replaces the EventBridge bus \'order-bus\'')
resource topicOrderBus 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: 'evgt-order-bus-${resourceToken}'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

output topicOrderBusId string = topicOrderBus.id

output topicOrderBusEndpoint string = topicOrderBus.properties.endpoint

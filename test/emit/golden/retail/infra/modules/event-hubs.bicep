// Event Hubs: the hubs and consumer groups that replace Kinesis streams and receive IoT messages and log subscriptions.

@description('Azure region of the resources')
param location string

@description('Tags for every resource (carries \'azd-env-name\')')
param tags object

@description('Event Hubs namespace name')
param namespaceName string

resource eventHubs 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
    capacity: 1
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

@description('Replaces the Kinesis stream \'clickstream\' (used by media)')
resource hubClickstream 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: eventHubs
  name: 'clickstream'
  properties: {
    partitionCount: 4
    messageRetentionInDays: 1
  }
}

resource hubClickstreamGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: hubClickstream
  name: 'media-analytics'
}

output name string = eventHubs.name

output id string = eventHubs.id

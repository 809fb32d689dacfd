// Event Grid topics. Event subscriptions to functions are created after code deploy by infra/hooks/postdeploy.sh.

@description('Azure region of the resources')
param location string

@description('Tags for every resource (carries \'azd-env-name\')')
param tags object

@description('Suffix that makes topic names unique')
param resourceToken string

@description('Replaces the SNS topic \'billing-events\'')
resource topicBillingEvents 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: 'evgt-billing-events-${resourceToken}'
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

output topicBillingEventsId string = topicBillingEvents.id

output topicBillingEventsEndpoint string = topicBillingEvents.properties.endpoint

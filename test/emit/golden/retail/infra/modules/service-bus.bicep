// Service Bus: the queues and topics that replace SQS FIFO/SNS fan-out, with the Lambda retry budget as maxDeliveryCount.

@description('Azure region of the resources')
param location string

@description('Tags for every resource (carries \'azd-env-name\')')
param tags object

@description('Service Bus namespace name')
param namespaceName string

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

@description('Used by orders-api; messages dead-letter after 3 deliveries')
resource queuePaymentsFifo 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: serviceBus
  name: 'payments.fifo'
  properties: {
    maxDeliveryCount: 3
    requiresSession: true
    lockDuration: 'PT1M'
    defaultMessageTimeToLive: 'P4D'
    deadLetteringOnMessageExpiration: true
  }
}

@description('Used by orders-api')
resource topicOrderNotifications 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: serviceBus
  name: 'order-notifications'
}

resource topicOrderNotificationsSubEmail 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topicOrderNotifications
  name: 'email'
  properties: {
    maxDeliveryCount: 10
    deadLetteringOnFilterEvaluationExceptions: true
  }
}

@description('The SNS filter policy, as a Service Bus SQL filter')
resource topicOrderNotificationsSubEmailFilter 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: topicOrderNotificationsSubEmail
  name: 'migrated-filter'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: {
      sqlExpression: 'eventType = \'OrderPlaced\' AND total > 100'
    }
  }
}

resource topicOrderNotificationsSubAudit 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topicOrderNotifications
  name: 'audit'
  properties: {
    maxDeliveryCount: 10
    deadLetteringOnFilterEvaluationExceptions: true
  }
}

output name string = serviceBus.name

output id string = serviceBus.id

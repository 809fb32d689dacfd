// One function app: identity, hosting plan, site and role assignments. main.bicep calls it once per app with the app's values.
// Flex Consumption (planType FlexConsumption) gets functionAppConfig and none of the site properties Flex rejects.

@description('Azure region of the resources')
param location string

@description('Tags for every resource (carries \'azd-env-name\')')
param tags object

@description('azd service name of the app (azure.yaml)')
param serviceName string

@description('Function app name')
param name string

@description('Hosting plan name')
param planName string

@allowed([
  'FlexConsumption'
  'Premium'
  'Dedicated'
])
@description('Hosting plan type')
param planType string

@description('Hosting plan SKU: FC1/FlexConsumption, EP1-3/ElasticPremium or a Dedicated SKU')
param planSku object

@description('Hosting plan kind: functionapp (Flex), elastic (Premium) or linux (Dedicated)')
param planKind string

@description('User-assigned managed identity name')
param identityName string

@description('Estate storage account (host storage and deployment package)')
param storageAccountName string

@description('Application Insights component')
param appInsightsName string

@description('Worker runtime: node, python, java, dotnet-isolated, powershell')
param runtimeName string

@description('Worker runtime version')
param runtimeVersion string

@description('Flex: blob container holding the deployment package')
param deploymentContainerName string = ''

@description('Flex: instance memory (512, 2048 or 4096)')
param instanceMemoryMB int = 2048

@description('Flex: maximum instances; Premium: maximum elastic workers')
param maximumInstanceCount int = 100

@description('Flex: always-ready instances, [{name, instanceCount}]')
param alwaysReady array = []

@description('Flex: HTTP executions per instance (0: the platform default)')
param httpPerInstanceConcurrency int = 0

@description('Premium/Dedicated: the Linux runtime stack, e.g. NODE|22')
param linuxFxVersion string = ''

@description('Premium: warm instances')
param minimumElasticInstanceCount int = 1

@description('Delegated subnet for VNet integration (\'\' for none)')
param subnetId string = ''

@description('App settings with values known to main.bicep, [{name, value}]')
param appSettings array = []

@description('Names of the settings that carry the identity client id (identity-based connections)')
param clientIdSettings array = []

@description('Settings that carry an endpoint of the estate storage account, [{name, service: blob|queue|table}]')
param storageEndpointSettings array = []

@description('Role assignments on the estate storage account, {roleDefinitionId, description}')
param storageRoles array = []

@description('Role assignments on Application Insights, {roleDefinitionId, description}')
param appInsightsRoles array = []

@description('Role assignments on the resource group, {roleDefinitionId, description}')
param resourceGroupRoles array = []

var isFlex = (planType == 'FlexConsumption')

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

@description('The app identity: replaces the Lambda execution role(s)')
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = if (isFlex) {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

@description('FC1 by default; EP or Dedicated when a plan rule forces it')
resource hostingPlan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: planKind
  sku: planSku
  properties: {
    reserved: true
    maximumElasticWorkerCount: ((planType == 'Premium') ? maximumInstanceCount : null)
  }
}

var clientIdSettingValues = [for n in clientIdSettings: {
  name: n
  value: identity.properties.clientId
}]

var storageEndpointSettingValues = [for s in storageEndpointSettings: {
  name: s.name
  value: storage.properties.primaryEndpoints[s.service]
}]

var settings = concat([
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identity.properties.clientId
  }
  {
    name: 'AzureWebJobsStorage__blobServiceUri'
    value: storage.properties.primaryEndpoints.blob
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
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  }
  {
    name: 'AzureFunctionsWebHost__hostid'
    value: '${take(toLower(replace(name, '-', '')), 19)}${uniqueString(name)}'
  }
], appSettings, clientIdSettingValues, storageEndpointSettingValues)

var nonFlexSettings = [
  {
    name: 'FUNCTIONS_EXTENSION_VERSION'
    value: '~4'
  }
  {
    name: 'FUNCTIONS_WORKER_RUNTIME'
    value: runtimeName
  }
  {
    name: 'WEBSITE_RUN_FROM_PACKAGE'
    value: '1'
  }
]

var remoteBuildSettings = ((runtimeName == 'python') ? [
  {
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'true'
  }
  {
    name: 'ENABLE_ORYX_BUILD'
    value: 'true'
  }
] : [])

var scaleTriggers = ((httpPerInstanceConcurrency == 0) ? null : {
  http: {
    perInstanceConcurrency: httpPerInstanceConcurrency
  }
})

@description('The function app: azd deploys to it through the azd-service-name tag')
resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': serviceName
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
    virtualNetworkSubnetId: (empty(subnetId) ? null : subnetId)
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
      remoteDebuggingEnabled: false
      cors: {
        allowedOrigins: [
          'https://portal.azure.com'
        ]
      }
      linuxFxVersion: (isFlex ? null : linuxFxVersion)
      ftpsState: (isFlex ? null : 'Disabled')
      alwaysOn: (isFlex ? null : (planType == 'Dedicated'))
      functionAppScaleLimit: (isFlex ? null : ((planType == 'Premium') ? maximumInstanceCount : null))
      minimumElasticInstanceCount: (isFlex ? null : ((planType == 'Premium') ? minimumElasticInstanceCount : null))
      vnetRouteAllEnabled: (isFlex ? null : (subnetId != ''))
      appSettings: (isFlex ? settings : concat(settings, nonFlexSettings, remoteBuildSettings))
    }
    functionAppConfig: (isFlex ? {
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
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReady
        triggers: scaleTriggers
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    } : null)
  }
  dependsOn: [
    deploymentContainer
  ]
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for r in storageRoles: {
  scope: storage
  name: guid(storage.id, identity.id, r.roleDefinitionId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', r.roleDefinitionId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: r.description
  }
}]

resource appInsightsRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for r in appInsightsRoles: {
  scope: appInsights
  name: guid(appInsights.id, identity.id, r.roleDefinitionId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', r.roleDefinitionId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: r.description
  }
}]

resource resourceGroupRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for r in resourceGroupRoles: {
  name: guid(resourceGroup().id, identity.id, r.roleDefinitionId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', r.roleDefinitionId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: r.description
  }
}]

output name string = site.name

output id string = site.id

output defaultHostName string = site.properties.defaultHostName

output identityClientId string = identity.properties.clientId

output identityPrincipalId string = identity.properties.principalId

// Key Vault for the 4 secret(s) the apps reference: cdn-signing-key, kafka-password, payment-api-key, stripe-webhook-secret.
// The vault is created empty; populate each secret by name (MIGRATION.md), never from this template.

@description('Azure region of the resources')
param location string

@description('Tags for every resource (carries \'azd-env-name\')')
param tags object

@description('Key Vault name (3-24 characters)')
param keyVaultName string

@description('Object id of the deploying user or pipeline, granted Key Vault Secrets Officer to populate secrets; empty to skip')
param principalId string

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource deployerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if ((principalId != '')) {
  scope: keyVault
  name: guid(keyVault.id, principalId, 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
    principalId: principalId
    description: 'Lets the deployer populate the migrated secrets'
  }
}

output name string = keyVault.name

output uri string = keyVault.properties.vaultUri

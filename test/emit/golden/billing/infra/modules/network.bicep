// Networking: VNets with one delegated subnet per VNet-integrated function app.

@description('Azure region of the resources')
param location string

@description('Tags for every resource (carries \'azd-env-name\')')
param tags object

@description('Replaces the Lambda VPC attachment: the apps reach private resources through these subnets')
resource vnetVnetBilling 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-billing'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.8.0.0/16'
      ]
    }
    subnets: [
      {
        name: 'snet-ledger'
        properties: {
          addressPrefix: '10.8.2.0/24'
          delegations: [
            {
              name: 'delegation'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
          serviceEndpoints: [
            {
              service: 'Microsoft.Storage'
            }
          ]
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

output ledgerSubnetId string = '${vnetVnetBilling.id}/subnets/snet-ledger'

// VNet integration for apps whose Lambdas ran in a VPC: one subnet per app, delegated to
// Microsoft.App/environments (Flex) or Microsoft.Web/serverFarms (Premium/Dedicated).

import type { BicepFile, Decl } from '../bicep/ast.js';
import { arr, obj, str, sym } from '../bicep/expr.js';
import { API } from './api-versions.js';
import { locationAndTags, resource } from './common.js';
import type { Estate } from './estate.js';
import { camel, SymbolTable } from './names.js';

export const NETWORK_MODULE = 'infra/modules/network.bicep';

export const subnetName = (app: string): string => `snet-${app}`;
/** Output name carrying the subnet id for one app. */
export const subnetOutput = (app: string): string => `${camel(app, 'app')}SubnetId`;

export function buildNetworkModule(estate: Estate): BicepFile {
  const symbols = new SymbolTable(['location', 'tags']);
  const decls: Decl[] = [...locationAndTags];
  for (const v of estate.vnets) {
    const vnet = symbols.take(`vnet${camel(v.name, 'v').replace(/^./, (c) => c.toUpperCase())}`);
    decls.push(
      resource(
        vnet,
        ['Microsoft.Network/virtualNetworks', API.network],
        {
          name: str(v.name),
          location: sym('location'),
          tags: sym('tags'),
          properties: obj({
            addressSpace: obj({ addressPrefixes: arr(str(v.addressPrefix)) }),
            subnets: arr(
              ...v.subnets.map((s) =>
                obj({
                  name: str(subnetName(s.app)),
                  properties: obj({
                    addressPrefix: str(s.prefix),
                    delegations: arr(obj({ name: str('delegation'), properties: obj({ serviceName: str(s.delegation) }) })),
                    serviceEndpoints: arr(obj({ service: str('Microsoft.Storage') })),
                    privateEndpointNetworkPolicies: str('Disabled'),
                  }),
                }),
              ),
            ),
          }),
        },
        { description: 'Replaces the Lambda VPC attachment: the apps reach private resources through these subnets' },
      ),
    );
    for (const s of v.subnets) {
      decls.push({
        kind: 'output',
        name: subnetOutput(s.app),
        type: 'string',
        value: { k: 'interp', parts: [sym(vnet, 'id'), `/subnets/${subnetName(s.app)}`] },
      });
    }
  }
  return { path: NETWORK_MODULE, header: ['Networking: VNets with one delegated subnet per VNet-integrated function app.'], decls };
}

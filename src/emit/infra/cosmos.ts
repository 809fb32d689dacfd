// Access to an existing Cosmos DB account (the DynamoDB table's destination, migrated by the team):
// a data-plane role assignment for the app identity, deployed into the account's own resource group.

import type { BicepFile } from '../bicep/ast.js';
import { call, interp, obj, sym } from '../bicep/expr.js';
import { API } from './api-versions.js';
import { param, resource } from './common.js';

export const COSMOS_MODULE = 'infra/modules/cosmos-access.bicep';

export function buildCosmosAccessModule(): BicepFile {
  return {
    path: COSMOS_MODULE,
    header: ['Grants an app identity a Cosmos DB data-plane role on an existing account (no keys, no connection strings).'],
    decls: [
      param('accountName', 'string', 'Existing Cosmos DB account name'),
      param('principalId', 'string', 'Principal id of the function app identity'),
      param('roleDefinitionGuid', 'string', 'Cosmos DB built-in data-plane role: ...0001 reader, ...0002 contributor'),
      resource('account', ['Microsoft.DocumentDB/databaseAccounts', API.cosmos], { name: sym('accountName') }, { existing: true }),
      resource(
        'dataRole',
        ['Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments', API.cosmos],
        {
          name: call('guid', sym('account', 'id'), sym('principalId'), sym('roleDefinitionGuid')),
          properties: obj({
            roleDefinitionId: interp`${sym('account', 'id')}/sqlRoleDefinitions/${sym('roleDefinitionGuid')}`,
            principalId: sym('principalId'),
            scope: sym('account', 'id'),
          }),
        },
        { parent: 'account' },
      ),
      { kind: 'output', name: 'endpoint', type: 'string', value: sym('account', 'properties', 'documentEndpoint') },
    ],
  };
}

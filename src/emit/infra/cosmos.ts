// Cosmos DB for NoSQL: the account the migration creates for moved DynamoDB tables (serverless, Entra-only: local
// auth off), its database and one container per table with the partition key from the table's HASH key; and the
// data-plane role assignments of every app identity on an account, written one at a time (@batchSize(1)): Cosmos
// DB locks the account for each sqlRoleAssignments write, so parallel writes fail with 409/412.

import type { BicepFile, Decl } from '../bicep/ast.js';
import { arr, bool, call, decorator, interp, num, obj, str, sym } from '../bicep/expr.js';
import { COSMOS_DATABASE } from '../../plan/data-plane/decide.js';
import { API } from './api-versions.js';
import { locationAndTags, param, resource } from './common.js';
import type { Estate } from './estate.js';
import { pascal, SymbolTable } from './names.js';

const COSMOS_ACCOUNT_MODULE = 'infra/modules/cosmos.bicep';
export const COSMOS_ROLES_MODULE = 'infra/modules/cosmos-roles.bicep';

export function buildCosmosAccountModule(estate: Estate): BicepFile {
  const symbols = new SymbolTable(['location', 'tags', 'accountName', 'account', 'database']);
  const leases = estate.apps.some((a) => a.resources.some((r) => r.kind === 'cosmos-db-existing' && r.name === 'cosmos'));
  const containers = [...estate.cosmosContainers];
  for (const acc of estate.cosmosAccounts.filter((c) => c.name === 'cosmos')) {
    // Change-feed triggers name their container; one the data plane did not list is created with the default key.
    for (const c of acc.containers) if (!containers.some((x) => x.name === c.container)) containers.push({ name: c.container, partitionKey: '/id', table: c.container });
  }
  const decls: Decl[] = [
    ...locationAndTags,
    param('accountName', 'string', 'Cosmos DB account name (globally unique, 3-44 lowercase characters)'),
    resource('account', ['Microsoft.DocumentDB/databaseAccounts', API.cosmos], {
      name: sym('accountName'),
      location: sym('location'),
      tags: sym('tags'),
      kind: str('GlobalDocumentDB'),
      properties: obj({
        databaseAccountOfferType: str('Standard'),
        locations: arr(obj({ locationName: sym('location'), failoverPriority: num(0), isZoneRedundant: bool(false) })),
        consistencyPolicy: obj({ defaultConsistencyLevel: str('Session') }),
        capabilities: arr(obj({ name: str('EnableServerless') })),
        disableLocalAuth: bool(true),
        disableKeyBasedMetadataWriteAccess: bool(true),
        minimalTlsVersion: str('Tls12'),
        publicNetworkAccess: str('Enabled'),
      }),
    }),
    resource(
      'database',
      ['Microsoft.DocumentDB/databaseAccounts/sqlDatabases', API.cosmos],
      { name: str(COSMOS_DATABASE), properties: obj({ resource: obj({ id: str(COSMOS_DATABASE) }) }) },
      { parent: 'account' },
    ),
  ];
  for (const c of containers) {
    decls.push(
      resource(
        symbols.take(`container${pascal(c.name)}`),
        ['Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers', API.cosmos],
        { name: str(c.name), properties: obj({ resource: obj({ id: str(c.name), partitionKey: obj({ paths: arr(str(c.partitionKey)), kind: str('Hash') }) }) }) },
        { parent: 'database', description: `Replaces the DynamoDB table '${c.table}' (partition key ${c.partitionKey})` },
      ),
    );
  }
  if (leases && !containers.some((c) => c.name === 'leases')) {
    decls.push(
      resource(
        symbols.take('containerLeases'),
        ['Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers', API.cosmos],
        { name: str('leases'), properties: obj({ resource: obj({ id: str('leases'), partitionKey: obj({ paths: arr(str('/id')), kind: str('Hash') }) }) }) },
        { parent: 'database', description: 'Lease container of the change-feed triggers' },
      ),
    );
  }
  decls.push(
    { kind: 'output', name: 'name', type: 'string', value: sym('account', 'name') },
    { kind: 'output', name: 'endpoint', type: 'string', value: sym('account', 'properties', 'documentEndpoint') },
  );
  return {
    path: COSMOS_ACCOUNT_MODULE,
    header: [
      `Cosmos DB for NoSQL (serverless, Entra ID only) for the ${containers.length} container(s) replacing DynamoDB tables.`,
      'Data is imported by the team (MIGRATION.md); this template never holds keys or items.',
    ],
    decls,
  };
}

export function buildCosmosRolesModule(): BicepFile {
  return {
    path: COSMOS_ROLES_MODULE,
    header: [
      'Cosmos DB data-plane role assignments of the app identities on one account, one write at a time:',
      'the account accepts one sqlRoleAssignments write at a time (parallel writes fail with 409/412).',
    ],
    decls: [
      param('accountName', 'string', 'Cosmos DB account name'),
      param('assignments', 'array', 'Role assignments, [{principalId, roleDefinitionGuid, description}]: ...0001 reader, ...0002 contributor'),
      resource('account', ['Microsoft.DocumentDB/databaseAccounts', API.cosmos], { name: sym('accountName') }, { existing: true }),
      resource(
          'dataRoles',
          ['Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments', API.cosmos],
          {
            name: call('guid', sym('account', 'id'), sym('a', 'principalId'), sym('a', 'roleDefinitionGuid')),
            properties: obj({
              roleDefinitionId: interp`${sym('account', 'id')}/sqlRoleDefinitions/${sym('a', 'roleDefinitionGuid')}`,
              principalId: sym('a', 'principalId'),
              scope: sym('account', 'id'),
            }),
          },
          { parent: 'account', loop: { item: 'a', source: sym('assignments') }, decorators: [decorator('batchSize', num(1))], description: 'Serialised: Cosmos DB locks the account per role-assignment write' },
        ),
      { kind: 'output', name: 'endpoint', type: 'string', value: sym('account', 'properties', 'documentEndpoint') },
    ],
  };
}

// Key Vault in RBAC mode with soft delete and purge protection. Secrets are NOT created here:
// values never pass through this tool; the Day-0 manual has the team set each named secret.

import type { BicepFile } from '../bicep/ast.js';
import { bool, call, member, num, obj, roleDefinition, str, sym } from '../bicep/expr.js';
import { API } from './api-versions.js';
import { locationAndTags, param, resource } from './common.js';
import type { Estate } from './estate.js';
import { ROLE } from './roles.js';

export const KEY_VAULT_MODULE = 'infra/modules/key-vault.bicep';

export function buildKeyVaultModule(estate: Estate): BicepFile {
  return {
    path: KEY_VAULT_MODULE,
    header: [
      `Key Vault for the ${estate.secrets.length} secret(s) the apps reference: ${estate.secrets.join(', ')}.`,
      'The vault is created empty; populate each secret by name (MIGRATION.md), never from this template.',
    ],
    decls: [
      ...locationAndTags,
      param('keyVaultName', 'string', 'Key Vault name (3-24 characters)'),
      param('principalId', 'string', 'Object id of the deploying user or pipeline, granted Key Vault Secrets Officer to populate secrets; empty to skip'),
      resource('keyVault', ['Microsoft.KeyVault/vaults', API.vaults], {
        name: sym('keyVaultName'),
        location: sym('location'),
        tags: sym('tags'),
        properties: obj({
          tenantId: member(call('subscription'), 'tenantId'),
          sku: obj({ family: str('A'), name: str('standard') }),
          enableRbacAuthorization: bool(true),
          enableSoftDelete: bool(true),
          softDeleteRetentionInDays: num(90),
          enablePurgeProtection: bool(true),
          publicNetworkAccess: str('Enabled'),
          networkAcls: obj({ bypass: str('AzureServices'), defaultAction: str('Allow') }),
        }),
      }),
      resource(
        'deployerSecretsOfficer',
        ['Microsoft.Authorization/roleAssignments', API.roleAssignments],
        {
          name: call('guid', sym('keyVault', 'id'), sym('principalId'), str(ROLE.keyVaultSecretsOfficer)),
          properties: obj({
            roleDefinitionId: roleDefinition(ROLE.keyVaultSecretsOfficer),
            principalId: sym('principalId'),
            description: str('Lets the deployer populate the migrated secrets'),
          }),
        },
        { scope: sym('keyVault'), condition: { k: 'binary', op: '!=', left: sym('principalId'), right: str('') } },
      ),
      { kind: 'output', name: 'name', type: 'string', value: sym('keyVault', 'name') },
      { kind: 'output', name: 'uri', type: 'string', value: sym('keyVault', 'properties', 'vaultUri') },
    ],
  };
}

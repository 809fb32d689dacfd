// The estate storage account: host storage for every app (identity only, shared keys off),
// the blob containers and storage queues that replace S3 buckets and SQS queues.

import type { BicepFile, Decl } from '../bicep/ast.js';
import { arr, bool, num, obj, str, sym } from '../bicep/expr.js';
import { API } from './api-versions.js';
import { locationAndTags, param, resource } from './common.js';
import type { Estate } from './estate.js';
import { pascal, SymbolTable } from './names.js';
import { replacesDescription } from './replaces.js';

export const STORAGE_MODULE = 'infra/modules/storage.bicep';

export function buildStorageModule(estate: Estate): BicepFile {
  const symbols = new SymbolTable(['location', 'tags', 'storageAccountName', 'storage', 'blobService', 'queueService', 'tableService']);
  const decls: Decl[] = [
    ...locationAndTags,
    param('storageAccountName', 'string', 'Globally unique storage account name'),
    resource('storage', ['Microsoft.Storage/storageAccounts', API.storageAccounts], {
      name: sym('storageAccountName'),
      location: sym('location'),
      tags: sym('tags'),
      kind: str('StorageV2'),
      sku: obj({ name: str('Standard_LRS') }),
      properties: obj({
        accessTier: str('Hot'),
        allowBlobPublicAccess: bool(false),
        allowCrossTenantReplication: bool(false),
        allowSharedKeyAccess: bool(false),
        defaultToOAuthAuthentication: bool(true),
        minimumTlsVersion: str('TLS1_2'),
        supportsHttpsTrafficOnly: bool(true),
        publicNetworkAccess: str('Enabled'),
        networkAcls: obj({ bypass: str('AzureServices'), defaultAction: str('Allow') }),
      }),
    }),
    resource(
      'blobService',
      ['Microsoft.Storage/storageAccounts/blobServices', API.storageAccounts],
      {
        name: str('default'),
        properties: obj({
          deleteRetentionPolicy: obj({ enabled: bool(true), days: num(7) }),
          containerDeleteRetentionPolicy: obj({ enabled: bool(true), days: num(7) }),
        }),
      },
      { parent: 'storage' },
    ),
  ];
  for (const c of estate.blobContainers) {
    decls.push(
      resource(
        symbols.take(`container${pascal(c)}`),
        ['Microsoft.Storage/storageAccounts/blobServices/containers', API.storageAccounts],
        { name: str(c), properties: obj({ publicAccess: str('None') }) },
        { parent: 'blobService', description: replacesDescription(estate.apps, (e) => e.trigger.type === 'storageBlob' && e.trigger.path.split('/')[0] === c, c, `Replaces the S3 bucket '${c}'`) },
      ),
    );
  }
  if (estate.storageQueues.length > 0) {
    decls.push(resource('queueService', ['Microsoft.Storage/storageAccounts/queueServices', API.storageAccounts], { name: str('default') }, { parent: 'storage' }));
    for (const q of estate.storageQueues) {
      decls.push(
        resource(
          symbols.take(`queue${pascal(q.name)}`),
          ['Microsoft.Storage/storageAccounts/queueServices/queues', API.storageAccounts],
          { name: str(q.name) },
          { parent: 'queueService', description: `Used by ${q.apps.join(', ')}; maxDequeueCount/visibilityTimeout live in host.json` },
        ),
      );
    }
  }
  decls.push(
    { kind: 'output', name: 'name', type: 'string', value: sym('storage', 'name') },
    { kind: 'output', name: 'id', type: 'string', value: sym('storage', 'id') },
    { kind: 'output', name: 'blobEndpoint', type: 'string', value: sym('storage', 'properties', 'primaryEndpoints', 'blob') },
    { kind: 'output', name: 'queueEndpoint', type: 'string', value: sym('storage', 'properties', 'primaryEndpoints', 'queue') },
    { kind: 'output', name: 'tableEndpoint', type: 'string', value: sym('storage', 'properties', 'primaryEndpoints', 'table') },
    { kind: 'output', name: 'blobContainers', type: 'array', value: arr(...estate.blobContainers.map(str)) },
  );
  return {
    path: STORAGE_MODULE,
    header: ['Estate storage: host storage for every function app (identity-based, shared keys disabled),', 'plus the blob containers and queues the plan maps from S3 and SQS.'],
    decls,
  };
}

// DynamoDB calls on tables the plan moves → Cosmos DB for NoSQL through migrate-runtime/cosmos, for both the
// low-level client (marshalled attribute values) and lib-dynamodb's DocumentClient. The module's client names each
// table's key schema (HASH key = partition key, RANGE key folded into the item id), keyed by its app setting.

import { moveClients, quote, resourceEnv, type ServiceMove } from '../move-clients.js';
import type { Transform } from '../types.js';

const keyAttr = (path: string | undefined) => path?.replace(/^\//, '');

function tablesFactory(marshalled: boolean): ServiceMove['factory'] {
  return (_client, calls) => {
    const schemas = new Map<string, string>();
    for (const c of calls) {
      const env = resourceEnv(c);
      const pk = keyAttr(c.resource?.azure?.partitionKey);
      if (!env || !pk || c.resource?.azure?.kind !== 'cosmos-container') return undefined;
      const sk = keyAttr(c.resource.azure.sortKey);
      schemas.set(env, `{ partitionKey: ${quote(pk)}${sk ? `, sortKey: ${quote(sk)}` : ''} }`);
    }
    const entries = [...schemas].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([env, s]) => `${/^[A-Za-z_$][\w$]*$/.test(env) ? env : quote(env)}: ${s}`);
    return { text: `cosmosTables({ ${entries.join(', ')} }${marshalled ? ', { marshalled: true }' : ''})`, names: ['cosmosTables'] };
  };
}

const DYNAMODB_MOVE: ServiceMove = {
  module: 'cosmos',
  helpers: { GetItem: 'getItem', PutItem: 'putItem', DeleteItem: 'deleteItem', UpdateItem: 'updateItem', Query: 'query', BatchWriteItem: 'batchWriteItem' },
  factory: tablesFactory(true),
};

const DOCUMENT_MOVE: ServiceMove = {
  module: 'cosmos',
  helpers: { Get: 'getItem', Put: 'putItem', Delete: 'deleteItem', Update: 'updateItem', Query: 'query', BatchWrite: 'batchWriteItem' },
  factory: tablesFactory(false),
};

const DYNAMO_MODULES = (m: string) => m === '@aws-sdk/client-dynamodb' || m === '@aws-sdk/lib-dynamodb';

export const dynamodbToCosmos: Transform = {
  name: 'dynamodb-to-cosmos',
  description: 'DynamoDB calls (client and lib-dynamodb shapes) on moved tables become @azure/cosmos calls (migrate-runtime/cosmos helpers).',
  mentions: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  apply: (input) => ({ edits: moveClients(input, { dynamodb: DYNAMODB_MOVE, 'dynamodb-doc': DOCUMENT_MOVE }, DYNAMO_MODULES) }),
};

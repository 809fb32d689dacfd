// DynamoDB table calls → Cosmos DB for NoSQL (@azure/cosmos). The table name the code passes is the container name
// on Azure (the same environment variable now holds it); each table's key schema is given where the client is made.
// `marshalled: true` is the low-level client's shape ({ S: 'x' } attribute values), otherwise lib-dynamodb's.

import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import { azureCredential, need, setting, statusOf } from './azure-clients.js';
import {
  applyPatch,
  cosmosId,
  dynamoError,
  marshall,
  NotMechanicalError,
  partitionValue,
  queryToSql,
  toDocument,
  toItem,
  unmarshall,
  updateToPatch,
  writeCondition,
  type KeySchema,
} from './dynamo-mapping.js';

export interface Tables {
  marshalled: boolean;
  container(table: string | undefined): Promise<{ container: Container; schema: KeySchema }>;
}

/**
 * One client per module. `schemas` maps the environment variable that names each table to its key schema;
 * the database is AZURE_COSMOS_DATABASE at AZURE_COSMOS_ENDPOINT (AZURE_COSMOS_KEY only for emulators).
 */
export function cosmosTables(schemas: Record<string, KeySchema>, opts: { marshalled?: boolean } = {}): Tables {
  let database: Promise<Database> | undefined;
  const open = async () => {
    const endpoint = setting('AZURE_COSMOS_ENDPOINT');
    const key = process.env.AZURE_COSMOS_KEY;
    const client = key
      ? new CosmosClient({ endpoint, key, connectionPolicy: { enableEndpointDiscovery: false } })
      : new CosmosClient({ endpoint, aadCredentials: await azureCredential() });
    return client.database(setting('AZURE_COSMOS_DATABASE'));
  };
  return {
    marshalled: opts.marshalled ?? false,
    async container(name) {
      const table = need(name, 'TableName');
      const entry = Object.entries(schemas).find(([env]) => process.env[env] === table);
      if (!entry) throw dynamoError('ResourceNotFoundException', `table ${table} is not one of ${Object.keys(schemas).join(', ')} (their app settings name the containers)`);
      return { container: (await (database ??= open())).container(table), schema: entry[1] };
    },
  };
}

// Items are as loosely typed as the AWS SDK's (Record<string, AttributeValue> / Record<string, any>).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

interface Expressions {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

const plain = (t: Tables, v: Record<string, unknown> | undefined) => (v && t.marshalled ? unmarshall(v as never) : v);
const shaped = (t: Tables, item: Record<string, unknown> | undefined): Item | undefined => (item && t.marshalled ? marshall(item) : item);
const exprInput = (t: Tables, p: Expressions) => ({ names: p.ExpressionAttributeNames, values: plain(t, p.ExpressionAttributeValues) });

export async function getItem(t: Tables, p: { TableName?: string; Key?: Record<string, unknown>; ProjectionExpression?: string }) {
  if (p.ProjectionExpression) throw new NotMechanicalError('GetItem with ProjectionExpression');
  const { container, schema } = await t.container(p.TableName);
  const key = plain(t, p.Key ?? {})!;
  const { resource } = await container.item(cosmosId(key, schema), partitionValue(key, schema)).read<Record<string, unknown>>();
  const item = toItem(resource, schema);
  return (item ? { Item: shaped(t, item) } : {}) as { Item?: Item };
}

/** PutItem: upsert; `attribute_not_exists(<key>)` → create (409 → ConditionalCheckFailedException). */
export async function putItem(t: Tables, p: Expressions & { TableName?: string; Item?: Record<string, unknown>; ConditionExpression?: string }) {
  const { container, schema } = await t.container(p.TableName);
  const item = plain(t, p.Item ?? {})!;
  const condition = writeCondition(p.ConditionExpression, exprInput(t, p), schema);
  const doc = toDocument(item, schema);
  try {
    if (condition === 'must-not-exist') await container.items.create(doc);
    else if (condition === 'must-exist') await container.item(doc.id as string, partitionValue(item, schema)).replace(doc);
    else await container.items.upsert(doc);
  } catch (e) {
    if (statusOf(e) === 409 || statusOf(e) === 404) throw dynamoError('ConditionalCheckFailedException', 'The conditional request failed');
    throw e;
  }
  return {};
}

export async function deleteItem(t: Tables, p: Expressions & { TableName?: string; Key?: Record<string, unknown>; ConditionExpression?: string }) {
  const { container, schema } = await t.container(p.TableName);
  const key = plain(t, p.Key ?? {})!;
  const condition = writeCondition(p.ConditionExpression, exprInput(t, p), schema);
  try {
    await container.item(cosmosId(key, schema), partitionValue(key, schema)).delete();
  } catch (e) {
    if (statusOf(e) !== 404) throw e;
    if (condition === 'must-exist') throw dynamoError('ConditionalCheckFailedException', 'The conditional request failed');
  }
  return {};
}

/** UpdateItem: patch operations; a missing item is created from the key, as DynamoDB does (unless it must exist). */
export async function updateItem(
  t: Tables,
  p: Expressions & { TableName?: string; Key?: Record<string, unknown>; UpdateExpression?: string; ConditionExpression?: string; ReturnValues?: string },
) {
  const { container, schema } = await t.container(p.TableName);
  const key = plain(t, p.Key ?? {})!;
  const input = exprInput(t, p);
  const condition = writeCondition(p.ConditionExpression, input, schema);
  const ops = updateToPatch(need(p.UpdateExpression, 'UpdateExpression'), input, schema);
  const id = cosmosId(key, schema);
  let doc: Record<string, unknown> | undefined;
  try {
    if (condition === 'must-not-exist') throw Object.assign(new Error('create'), { code: 404 });
    doc = (await container.item(id, partitionValue(key, schema)).patch<Record<string, unknown>>(ops)).resource;
  } catch (e) {
    if (statusOf(e) !== 404) throw e;
    if (condition === 'must-exist') throw dynamoError('ConditionalCheckFailedException', 'The conditional request failed');
    try {
      doc = (await container.items.create(toDocument(applyPatch(key, ops), schema))).resource;
    } catch (c) {
      if (statusOf(c) === 409) throw dynamoError('ConditionalCheckFailedException', 'The conditional request failed');
      throw c;
    }
  }
  const item = toItem(doc, schema)!;
  if (p.ReturnValues === 'ALL_NEW') return { Attributes: shaped(t, item) };
  if (p.ReturnValues === 'UPDATED_NEW') {
    const updated = new Set(ops.filter((o) => o.op !== 'remove').map((o) => o.path.slice(1).split('/')[0]!));
    return { Attributes: shaped(t, Object.fromEntries(Object.entries(item).filter(([k]) => updated.has(k)))) };
  }
  if (p.ReturnValues !== undefined && p.ReturnValues !== 'NONE') throw new NotMechanicalError(`UpdateItem ReturnValues ${p.ReturnValues}`);
  return {} as { Attributes?: Item };
}

/** Query: the key condition becomes a parameterised query inside one partition, ordered by the sort key. */
export async function query(
  t: Tables,
  p: Expressions & { TableName?: string; IndexName?: string; KeyConditionExpression?: string; FilterExpression?: string; ScanIndexForward?: boolean; Limit?: number; ExclusiveStartKey?: unknown },
) {
  if (p.IndexName) throw new NotMechanicalError('Query on a secondary index');
  if (p.ExclusiveStartKey) throw new NotMechanicalError('Query paging with ExclusiveStartKey');
  const { container, schema } = await t.container(p.TableName);
  const spec = queryToSql(p, exprInput(t, p), schema);
  const { resources } = await container.items.query<Record<string, unknown>>(spec as never).fetchAll();
  const items = resources.map((r) => shaped(t, toItem(r, schema))!);
  return { Items: items, Count: items.length, ScannedCount: items.length };
}

/** BatchWriteItem: per table one bulk request of Upsert/Delete operations; nothing is left unprocessed. */
export async function batchWriteItem(t: Tables, p: { RequestItems?: Record<string, { PutRequest?: { Item: Record<string, unknown> }; DeleteRequest?: { Key: Record<string, unknown> } }[]> }) {
  for (const [table, requests] of Object.entries(p.RequestItems ?? {})) {
    const { container, schema } = await t.container(table);
    const operations = requests.map((r) => {
      if (r.PutRequest) {
        const item = plain(t, r.PutRequest.Item)!;
        return { operationType: 'Upsert' as const, partitionKey: partitionValue(item, schema), resourceBody: toDocument(item, schema) as never };
      }
      const key = plain(t, r.DeleteRequest!.Key)!;
      return { operationType: 'Delete' as const, partitionKey: partitionValue(key, schema), id: cosmosId(key, schema) };
    });
    const results = await container.items.executeBulkOperations(operations);
    for (const r of results) {
      const status = r.response?.statusCode ?? statusOf(r.error) ?? 500;
      if (status >= 400 && status !== 404) throw new Error(`BatchWriteItem on ${table}: a bulk operation failed with status ${status}`);
    }
  }
  return { UnprocessedItems: {} };
}

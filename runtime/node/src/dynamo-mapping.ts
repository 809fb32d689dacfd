// DynamoDB → Cosmos DB for NoSQL, the pure part: the item id encoding and attribute-value (un)marshalling (the
// expressions are in dynamo-expressions.ts). No SDK here, so the mapping is testable alone and readable in the
// output repository.

/** Where a table's keys live: the HASH key is the Cosmos partition key, the RANGE key an ordinary property. */
export interface KeySchema {
  partitionKey: string;
  sortKey?: string;
}

/** The rule id of everything that is not mechanical; errors and TODOs name it so the manual explains it. */
export const NOT_MECHANICAL = 'DPN-W002';

export class NotMechanicalError extends Error {
  constructor(what: string) {
    super(`${what} has no mechanical Cosmos DB equivalent (rule ${NOT_MECHANICAL}); rewrite this call by hand`);
    this.name = 'NotMechanicalError';
  }
}

/** A DynamoDB-shaped error, so handler code that checks `err.name` keeps working. */
export function dynamoError(name: 'ConditionalCheckFailedException' | 'ResourceNotFoundException', message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

// Cosmos ids may not contain / \ ? #; `|` separates the two key parts and `%` escapes. Each is written %XX.
const ID_RESERVED = /[%|/\\?#]/g;

function keyText(v: unknown, attr: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  throw new Error(`key attribute ${attr} is missing or not a string, number or binary`);
}

const escapeId = (s: string) => s.replace(ID_RESERVED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/**
 * The Cosmos item id of a DynamoDB key: the HASH value alone when the table has no RANGE key, else
 * `<hash>|<range>`; numbers in their shortest decimal form, binary as base64, and % | / \ ? # escaped as %XX.
 */
export function cosmosId(key: Record<string, unknown>, schema: KeySchema): string {
  const hash = escapeId(keyText(key[schema.partitionKey], schema.partitionKey));
  return schema.sortKey === undefined ? hash : `${hash}|${escapeId(keyText(key[schema.sortKey], schema.sortKey))}`;
}

/** The Cosmos partition key value of an item or key. */
export function partitionValue(key: Record<string, unknown>, schema: KeySchema): string | number {
  const v = key[schema.partitionKey];
  if (typeof v === 'string' || typeof v === 'number') return v;
  return keyText(v, schema.partitionKey);
}

const SYSTEM = ['_rid', '_self', '_etag', '_attachments', '_ts'];

/** A stored Cosmos document → the DynamoDB item (without `id` and the system properties). */
export function toItem(doc: Record<string, unknown> | undefined, schema: KeySchema): Record<string, unknown> | undefined {
  if (!doc) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (SYSTEM.includes(k)) continue;
    if (k === 'id' && schema.partitionKey !== 'id' && schema.sortKey !== 'id') continue;
    out[k] = v;
  }
  return out;
}

/** A DynamoDB item → the Cosmos document to store. */
export function toDocument(item: Record<string, unknown>, schema: KeySchema): Record<string, unknown> {
  return { ...item, id: cosmosId(item, schema) };
}

// --- attribute values (the low-level client's shape) ---

export type AttributeValue = Record<string, unknown>;

export function unmarshallValue(av: AttributeValue): unknown {
  const [type, v] = Object.entries(av)[0] ?? [];
  switch (type) {
    case 'S':
    case 'B':
    case 'BOOL':
      return v;
    case 'N':
      return Number(v);
    case 'NULL':
      return null;
    case 'SS':
    case 'BS':
      return [...(v as unknown[])];
    case 'NS':
      return (v as string[]).map(Number);
    case 'L':
      return (v as AttributeValue[]).map(unmarshallValue);
    case 'M':
      return unmarshall(v as Record<string, AttributeValue>);
    default:
      throw new Error(`unknown DynamoDB attribute value type ${String(type)}`);
  }
}

export function unmarshall(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, unmarshallValue(v)]));
}

export function marshallValue(v: unknown): AttributeValue {
  if (v === null || v === undefined) return { NULL: true };
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number' || typeof v === 'bigint') return { N: String(v) };
  if (typeof v === 'boolean') return { BOOL: v };
  if (v instanceof Uint8Array) return { B: v };
  if (Array.isArray(v)) return { L: v.map(marshallValue) };
  return { M: marshall(v as Record<string, unknown>) };
}

export function marshall(item: Record<string, unknown>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, marshallValue(v)]));
}

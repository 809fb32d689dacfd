// DynamoDB → Cosmos DB for NoSQL, the pure part: the item id encoding, attribute-value (un)marshalling and the
// translation of DynamoDB expressions (key conditions, filters, update expressions) into Cosmos SQL and patch
// operations. No SDK here, so the mapping is testable alone and readable in the output repository.

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

// --- expressions ---

export interface ExpressionInput {
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

type Token = { kind: 'name' | 'value' | 'word' | 'op' | 'num'; text: string };

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(#[A-Za-z0-9_]+)|(:[A-Za-z0-9_]+)|(<>|<=|>=|[=<>(),.+\-[\]])|([A-Za-z_][A-Za-z0-9_]*)|([0-9]+))/y;
  let at = 0;
  while (at < expr.length) {
    if (/^\s*$/.test(expr.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(expr);
    if (!m) throw new NotMechanicalError(`expression text "${expr.slice(at, at + 20)}"`);
    at = re.lastIndex;
    if (m[1]) tokens.push({ kind: 'name', text: m[1] });
    else if (m[2]) tokens.push({ kind: 'value', text: m[2] });
    else if (m[3]) tokens.push({ kind: 'op', text: m[3] });
    else if (m[4]) tokens.push({ kind: 'word', text: m[4] });
    else tokens.push({ kind: 'num', text: m[5]! });
  }
  return tokens;
}

class Reader {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly input: ExpressionInput,
  ) {}
  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new NotMechanicalError('an incomplete expression');
    return t;
  }
  isWord(w: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.text.toUpperCase() === w;
  }
  expect(text: string): void {
    const t = this.next();
    if (t.text !== text) throw new NotMechanicalError(`expression token "${t.text}" (expected "${text}")`);
  }
  back(): void {
    this.i--;
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
  /** An attribute path: name or #name, with .member and [index] parts. */
  path(): string[] {
    const parts = [this.segment()];
    for (;;) {
      const t = this.peek();
      if (t?.text === '.') {
        this.next();
        parts.push(this.segment());
      } else if (t?.text === '[') {
        this.next();
        const n = this.next();
        if (n.kind !== 'num') throw new NotMechanicalError('a computed list index');
        this.expect(']');
        parts.push(n.text);
      } else return parts;
    }
  }
  private segment(): string {
    const t = this.next();
    if (t.kind === 'name') {
      const n = this.input.names?.[t.text];
      if (n === undefined) throw new Error(`ExpressionAttributeNames has no ${t.text}`);
      return n;
    }
    if (t.kind === 'word') return t.text;
    throw new NotMechanicalError(`expression token "${t.text}" where an attribute was expected`);
  }
  value(t: Token): unknown {
    if (!this.input.values || !(t.text in this.input.values)) throw new Error(`ExpressionAttributeValues has no ${t.text}`);
    return this.input.values[t.text];
  }
}

/** A Cosmos SQL query with its parameters, built from DynamoDB expressions. */
export interface SqlQuery {
  query: string;
  parameters: { name: string; value: unknown }[];
}

class SqlBuilder {
  readonly parameters: { name: string; value: unknown }[] = [];
  param(v: unknown): string {
    const name = `@p${this.parameters.length}`;
    this.parameters.push({ name, value: v });
    return name;
  }
}

const sqlPath = (parts: string[]) => `c${parts.map((p) => (/^[0-9]+$/.test(p) ? `[${p}]` : `[${JSON.stringify(p)}]`)).join('')}`;

const COMPARATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);

function operand(r: Reader, sql: SqlBuilder): string {
  const t = r.peek();
  if (t?.kind === 'value') return sql.param(r.value(r.next()));
  if (t?.kind === 'word' && t.text === 'size') {
    r.next();
    r.expect('(');
    const p = sqlPath(r.path());
    r.expect(')');
    return `(IS_STRING(${p}) ? LENGTH(${p}) : ARRAY_LENGTH(${p}))`;
  }
  return sqlPath(r.path());
}

function primary(r: Reader, sql: SqlBuilder): string {
  if (r.isWord('NOT')) {
    r.next();
    return `NOT (${primary(r, sql)})`;
  }
  const t = r.peek();
  if (t?.text === '(') {
    r.next();
    const inner = orExpr(r, sql);
    r.expect(')');
    return `(${inner})`;
  }
  if (t?.kind === 'word' && ['attribute_exists', 'attribute_not_exists', 'begins_with', 'contains'].includes(t.text)) {
    r.next();
    r.expect('(');
    const p = sqlPath(r.path());
    let out: string;
    if (t.text === 'attribute_exists') out = `IS_DEFINED(${p})`;
    else if (t.text === 'attribute_not_exists') out = `NOT IS_DEFINED(${p})`;
    else {
      r.expect(',');
      const v = operand(r, sql);
      out = t.text === 'begins_with' ? `STARTSWITH(${p}, ${v})` : `CONTAINS(${p}, ${v})`;
    }
    r.expect(')');
    return out;
  }
  const left = operand(r, sql);
  if (r.isWord('BETWEEN')) {
    r.next();
    const lo = operand(r, sql);
    if (!r.isWord('AND')) throw new NotMechanicalError('BETWEEN without AND');
    r.next();
    return `(${left} >= ${lo} AND ${left} <= ${operand(r, sql)})`;
  }
  if (r.isWord('IN')) throw new NotMechanicalError('the IN comparator');
  const op = r.next();
  if (!COMPARATORS.has(op.text)) throw new NotMechanicalError(`the operator "${op.text}"`);
  return `${left} ${op.text === '<>' ? '!=' : op.text} ${operand(r, sql)}`;
}

/** `next (WORD next)*`, for the AND and OR levels of a condition. */
function joined(r: Reader, sql: SqlBuilder, word: 'AND' | 'OR', next: (r: Reader, sql: SqlBuilder) => string): string {
  const parts = [next(r, sql)];
  while (r.isWord(word)) {
    r.next();
    parts.push(next(r, sql));
  }
  return parts.join(` ${word} `);
}

const andExpr = (r: Reader, sql: SqlBuilder): string => joined(r, sql, 'AND', primary);

function orExpr(r: Reader, sql: SqlBuilder): string {
  return joined(r, sql, 'OR', andExpr);
}

function condition(expr: string, input: ExpressionInput, sql: SqlBuilder): string {
  const r = new Reader(tokenize(expr), input);
  const out = orExpr(r, sql);
  if (!r.done()) throw new NotMechanicalError(`expression "${expr}"`);
  return out;
}

/** A Query's key condition (and filter) → a parameterised Cosmos SQL query, sorted by the sort key. */
export function queryToSql(
  p: { KeyConditionExpression?: string; FilterExpression?: string; ScanIndexForward?: boolean; Limit?: number },
  input: ExpressionInput,
  schema: KeySchema,
): SqlQuery {
  if (!p.KeyConditionExpression) throw new NotMechanicalError('a Query without KeyConditionExpression');
  const sql = new SqlBuilder();
  const where = [condition(p.KeyConditionExpression, input, sql)];
  if (p.FilterExpression) {
    if (p.Limit !== undefined) throw new NotMechanicalError('Limit with FilterExpression (DynamoDB limits before filtering)');
    where.push(`(${condition(p.FilterExpression, input, sql)})`);
  }
  const top = p.Limit !== undefined ? `TOP ${Math.max(0, Math.floor(p.Limit))} ` : '';
  const order = schema.sortKey === undefined ? '' : ` ORDER BY ${sqlPath([schema.sortKey])} ${p.ScanIndexForward === false ? 'DESC' : 'ASC'}`;
  return { query: `SELECT ${top}* FROM c WHERE ${where.join(' AND ')}${order}`, parameters: sql.parameters };
}

/** Which condition a write carries, reduced to what Cosmos does natively: create-only, replace-only, or none. */
export function writeCondition(expr: string | undefined, input: ExpressionInput, schema: KeySchema): 'none' | 'must-not-exist' | 'must-exist' {
  if (expr === undefined) return 'none';
  const r = new Reader(tokenize(expr), input);
  const fn = r.next();
  if (fn.kind === 'word' && (fn.text === 'attribute_not_exists' || fn.text === 'attribute_exists')) {
    r.expect('(');
    const [attr, ...rest] = r.path();
    r.expect(')');
    if (r.done() && rest.length === 0 && (attr === schema.partitionKey || attr === schema.sortKey)) {
      return fn.text === 'attribute_not_exists' ? 'must-not-exist' : 'must-exist';
    }
  }
  throw new NotMechanicalError(`ConditionExpression "${expr}"`);
}

export type PatchOp =
  | { op: 'set'; path: string; value: unknown }
  | { op: 'incr'; path: string; value: number }
  | { op: 'remove'; path: string };

const patchPath = (parts: string[]) => `/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/** An UpdateExpression (SET a = :v, SET a = a + :n, REMOVE a, ADD n :v for numbers) → Cosmos patch operations. */
export function updateToPatch(expr: string, input: ExpressionInput, schema: KeySchema): PatchOp[] {
  const r = new Reader(tokenize(expr), input);
  const ops: PatchOp[] = [];
  while (!r.done()) {
    const clause = r.next();
    const kind = clause.text.toUpperCase();
    if (clause.kind !== 'word' || !['SET', 'REMOVE', 'ADD', 'DELETE'].includes(kind)) throw new NotMechanicalError(`UpdateExpression "${expr}"`);
    if (kind === 'DELETE') throw new NotMechanicalError('UpdateExpression DELETE (set elements)');
    for (;;) {
      const target = r.path();
      if (target[0] === schema.partitionKey || target[0] === schema.sortKey) throw new NotMechanicalError('an update of a key attribute');
      const path = patchPath(target);
      if (kind === 'REMOVE') ops.push({ op: 'remove', path });
      else if (kind === 'ADD') {
        const v = r.value(r.next());
        if (typeof v !== 'number') throw new NotMechanicalError('ADD of a non-number (sets)');
        ops.push({ op: 'incr', path, value: v });
      } else {
        r.expect('=');
        const t = r.next();
        if (t.kind === 'value') {
          const v = r.value(t);
          const next = r.peek();
          if (next?.text === '+' || next?.text === '-') throw new NotMechanicalError('arithmetic on two values');
          ops.push({ op: 'set', path, value: v });
        } else if (t.kind === 'name' || t.kind === 'word') {
          if (['if_not_exists', 'list_append'].includes(t.text)) throw new NotMechanicalError(`${t.text}()`);
          // SET a = a + :n / a - :n: the same attribute on the right is an increment.
          r.back();
          const source = patchPath(r.path());
          const sign = r.next();
          const v = r.value(r.next());
          if (source !== path || (sign.text !== '+' && sign.text !== '-') || typeof v !== 'number') throw new NotMechanicalError(`SET ${path} from another attribute`);
          ops.push({ op: 'incr', path, value: sign.text === '-' ? -v : v });
        } else throw new NotMechanicalError(`UpdateExpression "${expr}"`);
      }
      if (r.peek()?.text === ',') r.next();
      else break;
    }
  }
  return ops;
}

/** Apply patch operations to a plain item (for UpdateItem on a missing item, which DynamoDB creates). */
export function applyPatch(item: Record<string, unknown>, ops: PatchOp[]): Record<string, unknown> {
  const out = structuredClone(item);
  for (const op of ops) {
    const parts = op.path.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let target: Record<string, unknown> = out;
    for (const p of parts.slice(0, -1)) target = (target[p] ??= {}) as Record<string, unknown>;
    const last = parts[parts.length - 1]!;
    if (op.op === 'remove') delete target[last];
    else if (op.op === 'set') target[last] = op.value;
    else target[last] = (typeof target[last] === 'number' ? (target[last]) : 0) + op.value;
  }
  return out;
}

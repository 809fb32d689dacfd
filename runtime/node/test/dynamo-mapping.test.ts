// The DynamoDB → Cosmos DB mapping: item ids, attribute values, and the expressions that translate (or refuse to).

import { describe, expect, it } from 'vitest';
import { applyPatch, cosmosId, marshall, NotMechanicalError, queryToSql, toItem, unmarshall, updateToPatch, writeCondition } from '../src/dynamo-mapping.js';

const hash = { partitionKey: 'orderId' };
const range = { partitionKey: 'pk', sortKey: 'sk' };

describe('item id encoding', () => {
  it('is the HASH value alone, or <hash>|<range>, with reserved characters escaped as %XX', () => {
    expect(cosmosId({ orderId: 'o-1' }, hash)).toBe('o-1');
    expect(cosmosId({ orderId: 42 }, hash)).toBe('42');
    expect(cosmosId({ pk: 'a|b', sk: '2024/01#x?%' }, range)).toBe('a%7Cb|2024%2F01%23x%3F%25');
    expect(cosmosId({ pk: 'u', sk: 7 }, range)).toBe('u|7');
  });
  it('is injective where the separator could collide', () => {
    expect(cosmosId({ pk: 'a|b', sk: 'c' }, range)).not.toBe(cosmosId({ pk: 'a', sk: 'b|c' }, range));
  });
  it('rejects a key without its attributes', () => {
    expect(() => cosmosId({ pk: 'a' }, range)).toThrow(/sk/);
  });
  it('a stored document reads back as the item, without id and system properties', () => {
    expect(toItem({ id: 'o-1', orderId: 'o-1', n: 1, _etag: 'x', _ts: 1 }, hash)).toEqual({ orderId: 'o-1', n: 1 });
  });
});

describe('attribute values', () => {
  it('round-trip through marshall/unmarshall (sets become lists)', () => {
    const item = { s: 'x', n: 1.5, b: true, z: null, l: [1, 'a'], m: { k: 'v' } };
    expect(unmarshall(marshall(item) as never)).toEqual(item);
    expect(unmarshall({ ss: { SS: ['a', 'b'] }, ns: { NS: ['1', '2'] } })).toEqual({ ss: ['a', 'b'], ns: [1, 2] });
  });
});

describe('expressions', () => {
  const input = { names: { '#s': 'status', '#t': 'total' }, values: { ':s': 'paid', ':n': 2, ':pk': 'p', ':a': 'a', ':b': 'b' } };
  it('SET / arithmetic / REMOVE / ADD become patch operations', () => {
    expect(updateToPatch('SET #s = :s, #t = #t + :n REMOVE note ADD revisions :n', input, hash)).toEqual([
      { op: 'set', path: '/status', value: 'paid' },
      { op: 'incr', path: '/total', value: 2 },
      { op: 'remove', path: '/note' },
      { op: 'incr', path: '/revisions', value: 2 },
    ]);
    expect(applyPatch({ total: 1, note: 'x' }, updateToPatch('SET #t = #t - :n REMOVE note', input, hash))).toEqual({ total: -1 });
  });
  it('what has no mechanical equivalent names the rule', () => {
    for (const expr of ['SET a = if_not_exists(a, :n)', 'SET l = list_append(l, :s)', 'DELETE tags :s', 'SET orderId = :s']) {
      expect(() => updateToPatch(expr, input, hash), expr).toThrow(NotMechanicalError);
    }
    expect(() => updateToPatch('SET a = b + :n', input, hash)).toThrow(/DPN-W002/);
  });
  it('key conditions and filters become a parameterised query ordered by the sort key', () => {
    expect(queryToSql({ KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b', FilterExpression: 'attribute_exists(#s)', ScanIndexForward: false }, input, range)).toEqual({
      query: 'SELECT * FROM c WHERE c["pk"] = @p0 AND (c["sk"] >= @p1 AND c["sk"] <= @p2) AND (IS_DEFINED(c["status"])) ORDER BY c["sk"] DESC',
      parameters: [
        { name: '@p0', value: 'p' },
        { name: '@p1', value: 'a' },
        { name: '@p2', value: 'b' },
      ],
    });
    expect(queryToSql({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)', Limit: 5 }, input, range).query).toBe(
      'SELECT TOP 5 * FROM c WHERE c["pk"] = @p0 AND STARTSWITH(c["sk"], @p1) ORDER BY c["sk"] ASC',
    );
    expect(() => queryToSql({ KeyConditionExpression: 'pk = :pk', FilterExpression: 'a = :a', Limit: 1 }, input, range)).toThrow(NotMechanicalError);
  });
  it('write conditions reduce to create-only / replace-only on a key attribute, nothing else', () => {
    expect(writeCondition('attribute_not_exists(orderId)', input, hash)).toBe('must-not-exist');
    expect(writeCondition('attribute_exists(#s)', { names: { '#s': 'orderId' } }, hash)).toBe('must-exist');
    expect(writeCondition(undefined, input, hash)).toBe('none');
    expect(() => writeCondition('#t > :n', input, hash)).toThrow(NotMechanicalError);
  });
});

// stableChunks writes exactly the bytes of stableStringify, one top-level member or array item at a time.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inKeyOrder, layoutChunks } from '../../src/util/json-layout.js';
import { stableChunks, stableStringify } from '../../src/util/json.js';

describe('stableChunks', () => {
  it('joins to stableStringify for every golden inventory and plan', () => {
    let compared = 0;
    for (const d of readdirSync('fixtures/golden')) {
      for (const f of ['inventory.json', 'plan.json']) {
        let v: unknown;
        try {
          v = JSON.parse(readFileSync(`fixtures/golden/${d}/${f}`, 'utf8'));
        } catch {
          continue;
        }
        expect([...stableChunks(v)].join('')).toBe(stableStringify(v));
        compared++;
      }
    }
    // Every golden estate has an inventory.json: a renamed or missing golden tree must not pass with nothing checked.
    expect(compared).toBeGreaterThanOrEqual(readdirSync('fixtures/golden').filter((d) => !d.includes('.')).length);
  });
  it('joins to stableStringify for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect([...stableChunks(v)].join('')).toBe(stableStringify(v));
    }), { numRuns: 300 });
  });
});

/** JSON on one line, object keys in sorted order (integer-like keys too, which JSON.stringify would put first). */
function sortedOneLine(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => sortedOneLine(x) ?? 'null').join(',')}]`;
  const o = v as Record<string, unknown>;
  const members = Object.keys(o).sort().flatMap((k) => (sortedOneLine(o[k]) === undefined ? [] : [`${JSON.stringify(k)}:${sortedOneLine(o[k])}`]));
  return `{${members.join(',')}}`;
}

/** The layout spelled out plainly: a value holding no array of objects is its sorted JSON on one line. */
function layoutReference(v: unknown, indent = '', prefix = '', suffix = '\n'): string {
  const holdsArrayOfObjects = (x: unknown): boolean =>
    Array.isArray(x) ? x.some((i) => (i !== null && typeof i === 'object' && !Array.isArray(i)) || holdsArrayOfObjects(i)) : x !== null && typeof x === 'object' && Object.values(x).some(holdsArrayOfObjects);
  if (!holdsArrayOfObjects(v)) return `${indent}${prefix}${sortedOneLine(v) ?? 'null'}${suffix}`;
  const inner = `${indent}  `;
  if (Array.isArray(v)) return `${indent}${prefix}[\n${v.map((x, i) => layoutReference(x, inner, '', i < v.length - 1 ? ',\n' : '\n')).join('')}${indent}]${suffix}`;
  const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
  return `${indent}${prefix}{\n${keys.map((k, i) => layoutReference((v as Record<string, unknown>)[k], inner, `${JSON.stringify(k)}: `, i < keys.length - 1 ? ',\n' : '\n')).join('')}${indent}}${suffix}`;
}

describe('layoutChunks', () => {
  it('writes the bytes of the plain layout for any JSON value, whatever its key order, in pieces of whole lines', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const pieces = [...layoutChunks(v)];
      expect(pieces.join('')).toBe(layoutReference(v));
      for (const p of pieces) expect(p.endsWith('\n')).toBe(true);
    }), { numRuns: 500 });
    // Many lines: more than one piece, each of whole lines.
    const big = { items: Array.from({ length: 20_000 }, (_, i) => ({ z: i, a: { y: [i, 'x'], b: `n${i}` } })), meta: { b: 1, a: [1, 2] } };
    const pieces = [...layoutChunks(big)];
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(layoutReference(big));
    for (const p of pieces) expect(p.endsWith('\n')).toBe(true);
  });
  it('writes toJSON values and class instances as JSON does, with sorted keys', () => {
    class Point {
      constructor(
        readonly y: number,
        readonly x: number,
      ) {}
    }
    const v = { when: { toJSON: () => ({ b: 1, a: [{ c: 2 }] }) }, p: new Point(2, 1), big: [{ n: 1 }], f: () => 1, u: [undefined, () => 1] };
    expect([...layoutChunks(v)].join('')).toBe(layoutReference(JSON.parse(JSON.stringify(v))));
  });
  it('inKeyOrder returns an object whose keys are in order as it is, others as a sorted copy', () => {
    const sorted = { a: 1, b: { d: 1, c: 2 } };
    expect(inKeyOrder(sorted)).toBe(sorted);
    const copy = inKeyOrder({ b: 1, a: 2 });
    expect(Object.keys(copy)).toEqual(['a', 'b']);
    expect(copy).toEqual({ a: 2, b: 1 });
  });
  it('writes the same value with sorted keys, one line per object or array that holds no array of objects', () => {
    const v = { b: [{ y: [1, 2], x: { q: 'a' } }, { x: 2 }], a: { c: [{ d: 1 }], e: 'x', u: undefined }, s: [], o: {}, m: [[1, 2], [3]] };
    expect([...layoutChunks(v)].join('')).toBe(
      ['{', '  "a": {', '    "c": [', '      {"d":1}', '    ],', '    "e": "x"', '  },', '  "b": [', '    {"x":{"q":"a"},"y":[1,2]},', '    {"x":2}', '  ],', '  "m": [[1,2],[3]],', '  "o": {},', '  "s": []', '}', ''].join('\n'),
    );
  });
  it('parses back to the value for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(JSON.parse([...layoutChunks(v)].join(''))).toEqual(JSON.parse(JSON.stringify(v)));
    }), { numRuns: 300 });
  });
});

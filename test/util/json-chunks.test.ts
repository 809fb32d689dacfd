// stableChunks writes exactly the bytes of stableStringify, one top-level member or array item at a time.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutChunks, stableChunks, stableStringify } from '../../src/util/json.js';

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

describe('layoutChunks', () => {
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

// stableChunks writes exactly the bytes of stableStringify, one top-level member or array item at a time.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableChunks, stableStringify } from '../../src/util/json.js';

describe('stableChunks', () => {
  it('joins to stableStringify for every golden inventory and plan', () => {
    for (const d of readdirSync('fixtures/golden')) {
      for (const f of ['inventory.json', 'plan.json']) {
        let v: unknown;
        try {
          v = JSON.parse(readFileSync(`fixtures/golden/${d}/${f}`, 'utf8'));
        } catch {
          continue;
        }
        expect([...stableChunks(v)].join('')).toBe(stableStringify(v));
      }
    }
  });
  it('joins to stableStringify for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect([...stableChunks(v)].join('')).toBe(stableStringify(v));
    }), { numRuns: 300 });
  });
});

import { describe, expect, it } from 'vitest';
import { compareStrings, sortBy, stableStringify } from '../../src/util/json.js';

describe('stableStringify', () => {
  it('sorts keys at every depth, drops undefined and ends with a newline', () => {
    expect(stableStringify({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{\n  "a": {\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });
  it('orders by code unit, not locale', () => {
    expect(['b', 'B', 'a', 'é'].sort(compareStrings)).toEqual(['B', 'a', 'b', 'é']);
    expect(sortBy([{ k: 'x' }, { k: 'a' }], (o) => o.k).map((o) => o.k)).toEqual(['a', 'x']);
  });
});

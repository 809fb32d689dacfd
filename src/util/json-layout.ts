// plan.json's layout (and SARIF's): deterministic JSON with sorted keys and two-space indent, except that a value
// holding no array of objects is written on one line, produced in pieces of whole lines without a sorted copy.

/** `"key"` and a suffix, cached per key: documents repeat a small set of keys many times. */
function keyText(suffix: string): (k: string) => string {
  const cache = new Map<string, string>();
  return (k) => {
    let q = cache.get(k);
    if (q === undefined) {
      q = `${JSON.stringify(k)}${suffix}`;
      if (cache.size < 4096) cache.set(k, q);
    }
    return q;
  };
}
/** `"key":`, inside a one-line value. */
const quotedKey = keyText(':');
/** `"key": `, the start of a member on its own line. */
const memberKey = keyText(': ');

function inOrder(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

function sortedKeysOf(o: object): string[] {
  const keys = Object.keys(o);
  return inOrder(keys) ? keys : keys.sort();
}

/**
 * `o` itself when its keys are in sorted order, else a shallow copy with them in that order: built that way, an
 * object is written by JSON.stringify as it is (layoutChunks' fast path).
 */
export function inKeyOrder<T extends object>(o: T): T {
  const keys = Object.keys(o);
  if (inOrder(keys)) return o;
  const out: Record<string, unknown> = {};
  for (const k of keys.sort()) out[k] = (o as Record<string, unknown>)[k];
  return out as T;
}

/** What `shapeOf` found: JSON.stringify writes the value as it is; it needs its keys sorted; it holds an array of objects. */
const enum Shape {
  Ready = 0,
  Unsorted = 1,
  Multiline = 2,
}

/**
 * Whether a value goes on one line (no array in it holds an object) and, if so, whether JSON.stringify already writes
 * it with sorted keys: plain objects and arrays whose keys are in order, no toJSON, no BigInt. Reads keys, builds nothing.
 */
function shapeOf(v: unknown): Shape {
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? Shape.Unsorted : Shape.Ready;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    const inner = shapeOf((v as { toJSON: () => unknown }).toJSON());
    return inner === Shape.Multiline ? inner : Shape.Unsorted;
  }
  let shape = Shape.Ready;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) return Shape.Multiline;
      const s = shapeOf(item);
      if (s > shape) {
        if (s === Shape.Multiline) return s;
        shape = s;
      }
    }
    return shape;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) shape = Shape.Unsorted; // boxed primitives, class instances: as oneLine writes them
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && keys[i - 1]! > keys[i]!) shape = Shape.Unsorted;
    const s = shapeOf(o[keys[i]!]);
    if (s > shape) {
      if (s === Shape.Multiline) return s;
      shape = s;
    }
  }
  return shape;
}

/** A value's JSON on one line with object keys sorted, built directly (no sorted copy); undefined where JSON omits the value. */
function oneLine(v: unknown): string | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  const o = v as Record<string, unknown> & { toJSON?: () => unknown };
  if (typeof o.toJSON === 'function') return oneLine(o.toJSON());
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      const t = oneLine(v[i]);
      out += i === 0 ? (t ?? 'null') : `,${t ?? 'null'}`;
    }
    return `${out}]`;
  }
  let out = '{';
  for (const k of sortedKeysOf(o)) {
    const t = oneLine(o[k]);
    if (t !== undefined) out += out.length === 1 ? quotedKey(k) + t : `,${quotedKey(k)}${t}`;
  }
  return `${out}}`;
}

/** The one-line JSON of a value of shape Ready or Unsorted ('null' where JSON omits it, as in an array). */
function flatText(v: unknown, shape: Shape): string {
  return (shape === Shape.Ready ? JSON.stringify(v) : oneLine(v)) ?? 'null';
}

/**
 * Lines gathered into pieces of about CHUNK characters: few enough pieces to cost nothing to pass on, each small
 * enough to be an ordinary young-generation string (1 MB pieces, large objects, measured 25% slower in total).
 */
const CHUNK = 1 << 15;

class Pieces {
  private parts: string[] = [];
  private size = 0;

  add(indent: string, prefix: string, text: string, suffix: string): void {
    const line = indent + prefix + text + suffix;
    this.parts.push(line);
    this.size += line.length;
  }

  get full(): boolean {
    return this.size >= CHUNK;
  }

  take(): string {
    const out = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return out;
  }
}

/**
 * Deterministic JSON for large documents (plan.json): keys sorted, two-space indent, except that an object or array
 * holding no array of objects is written on one line. A finding, a planned trigger or a cost line is then one line:
 * a third of the bytes of fully indented JSON, and a diff shows one line per changed item. Yields pieces of whole
 * lines (about 32 KB each); a one-line value whose keys are already in order is written by JSON.stringify.
 */
export function* layoutChunks(value: unknown): Generator<string> {
  yield* layoutLines(value, '', '', '\n');
}

/** `v` laid out at `indent`, after `prefix` (a member's key) and before `suffix` (a comma and newline), in pieces. */
export function* layoutLines(v: unknown, indent: string, prefix: string, suffix: string): Generator<string> {
  const out = new Pieces();
  yield* layout(v, shapeOf(v), indent, prefix, suffix, out);
  const rest = out.take();
  if (rest !== '') yield rest;
}

function* layout(v: unknown, shape: Shape, indent: string, prefix: string, suffix: string, out: Pieces): Generator<string> {
  if (shape !== Shape.Multiline) {
    out.add(indent, prefix, flatText(v, shape), suffix);
    if (out.full) yield out.take();
    return;
  }
  const o = v as Record<string, unknown> & { toJSON?: () => unknown };
  if (typeof o.toJSON === 'function') {
    const inner = o.toJSON();
    yield* layout(inner, shapeOf(inner), indent, prefix, suffix, out);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    out.add(indent, prefix, '[', '\n');
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i] === undefined ? null : v[i];
      const s = shapeOf(item);
      const end = i < v.length - 1 ? ',\n' : '\n';
      if (s === Shape.Multiline) yield* layout(item, s, inner, '', end, out);
      else {
        out.add(inner, '', flatText(item, s), end);
        if (out.full) yield out.take();
      }
    }
    out.add(indent, ']', '', suffix);
    return;
  }
  const keys = sortedKeysOf(o).filter((k) => o[k] !== undefined && typeof o[k] !== 'function' && typeof o[k] !== 'symbol');
  out.add(indent, prefix, '{', '\n');
  for (let i = 0; i < keys.length; i++) {
    const item = o[keys[i]!];
    const s = shapeOf(item);
    const key = memberKey(keys[i]!);
    const end = i < keys.length - 1 ? ',\n' : '\n';
    if (s === Shape.Multiline) yield* layout(item, s, inner, key, end, out);
    else {
      out.add(inner, key, flatText(item, s), end);
      if (out.full) yield out.take();
    }
  }
  out.add(indent, '}', '', suffix);
}

// Deterministic JSON: object keys sorted, two-space indent, trailing newline. Every artifact goes through here.

import { MigrateError } from './errors.js';

export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeysDeep(v);
    }
    return out;
  }
  return value;
}

/**
 * `o` itself when its keys are in sorted order, else a shallow copy with them in that order: built that way, an
 * object is written by JSON.stringify as it is (layoutChunks' fast path).
 */
export function inKeyOrder<T extends object>(o: T): T {
  const keys = Object.keys(o);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      const out: Record<string, unknown> = {};
      for (const k of keys.sort()) out[k] = (o as Record<string, unknown>)[k];
      return out as T;
    }
  }
  return o;
}

/** Re-keys each object in sorted order as JSON.stringify reaches it (no sorted copy of the whole value). */
const sortedKeys = (_key: string, v: unknown): unknown => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const obj = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj).sort()) out[k] = obj[k];
  return out;
};

export function stableStringify(value: unknown): string {
  return `${JSON.stringify(value, sortedKeys, 2)}\n`;
}

/**
 * The same bytes as stableStringify, in pieces: the top-level object's members and the items of its arrays are
 * stringified one at a time, so a large inventory never exists as one string.
 */
export function* stableChunks(value: unknown): Generator<string> {
  const top = sortedKeys('', value);
  if (top === null || typeof top !== 'object' || Array.isArray(top)) {
    yield stableStringify(value);
    return;
  }
  const entries = Object.entries(top as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) {
    yield '{}\n';
    return;
  }
  const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i]!;
    const comma = i < entries.length - 1 ? ',' : '';
    const plain = v !== null && typeof v === 'object' && 'toJSON' in v ? (JSON.parse(JSON.stringify(v)) as unknown) : v;
    if (Array.isArray(plain) && plain.length > 0) {
      yield `  ${JSON.stringify(k)}: [\n`;
      for (let j = 0; j < plain.length; j++) {
        const item = JSON.stringify(plain[j], sortedKeys, 2) ?? 'null';
        yield `    ${indent(item, '    ')}${j < plain.length - 1 ? ',' : ''}\n`;
      }
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(k)}: ${indent(JSON.stringify(plain, sortedKeys, 2), '  ')}${comma}\n`;
    }
  }
  yield '}\n';
}

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

function sortedKeysOf(o: object): string[] {
  const keys = Object.keys(o);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) return keys.sort();
  }
  return keys;
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

/** Compare strings by UTF-16 code units, independent of locale (`localeCompare` is not deterministic across ICU builds). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareStrings(key(a), key(b)));
}

/** Line and column (1-based) of offset `at` in `text`. */
export function lineColumn(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

class JsonScanError extends Error {
  constructor(
    readonly at: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Where and why `text` is not JSON: a small scanner run only after JSON.parse failed, because V8's messages
 * carry no position for some errors (an unexpected first token, an empty file).
 */
function jsonErrorAt(text: string): { at: number; reason: string } | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (reason: string): never => {
    throw new JsonScanError(Math.min(i, text.length), reason);
  };
  const describe = () => (i >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[i])}`);
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(describe());
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('control character in a string');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('invalid \\u escape');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('invalid escape');
      }
      i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('nested too deeply');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe().replace('unexpected ', '')}`);
        string();
        ws();
        if (text[i] !== ':') fail("expected ':' after a property name");
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(i >= text.length && text.trim() === '' ? 'the file is empty' : describe());
    i += m![0].length;
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) fail('byte-order mark before the JSON');
    value(0);
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
    return undefined;
  } catch (e) {
    if (e instanceof JsonScanError) return { at: e.at, reason: e.reason };
    throw e;
  }
}

/** Reason, line and column (1-based) of a JSON.parse error in `text`. */
function jsonErrorPosition(error: unknown, text: string): { reason: string; line?: number; column?: number } {
  const found = jsonErrorAt(text);
  if (found) return { reason: found.reason, ...lineColumn(text, found.at) };
  return { reason: ((error as Error).message ?? String(error)).replace(/ in JSON at position \d+.*$/s, '') };
}

/** JSON.parse, except that a leading byte-order mark is ignored and errors are input.parse with line:column. */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    const { reason, line, column } = jsonErrorPosition(e, body);
    const yamlish = /^\s*[A-Za-z_][\w-]*\s*:/.test(body) || /^\s*(---|#)/.test(body) ? ' (this looks like YAML; a .json file must be JSON)' : '';
    throw new MigrateError('input.parse', `invalid JSON: ${reason}${yamlish}`, { file, line: line ?? 1, column: column ?? 1 });
  }
}

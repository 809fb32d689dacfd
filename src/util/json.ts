// Deterministic JSON: object keys sorted, two-space indent, trailing newline (plan.json's compact layout is in
// json-layout.ts); string order independent of locale; JSON parse errors with line:column.

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

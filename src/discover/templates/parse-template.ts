// Parses a YAML or JSON template into plain data with long-form intrinsics, remembering where every
// mapping, sequence and key came from so functions, triggers and warnings can point at file:line:column.

import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Tags } from 'yaml';
import { MigrateError } from '../../util/errors.js';
import { lineColumn, parseJsonText } from '../../util/json.js';
import { aliasBombError } from '../../util/yaml-bounded.js';
import { indentFlowCollections, isFlowIndentError } from './flow-indent.js';
import { LARGE_TEMPLATE_BYTES, parseLargeTemplate } from './parse-large-template.js';

export interface Position {
  line: number;
  column: number;
}

/** Positions are stored packed in one number (line * 2^20 + column): a large template has millions of them. */
const pack = (p: Position): number => p.line * 1048576 + p.column;
const unpack = (n: number | undefined): Position | undefined => (n === undefined ? undefined : { line: Math.floor(n / 1048576), column: n % 1048576 });

/** Positions of parsed objects and of their keys, looked up by object identity. */
export class Positions {
  private readonly nodes = new WeakMap<object, number>();
  private readonly keys = new WeakMap<object, Map<string, number>>();

  setNode(obj: object, pos: Position): void {
    this.nodes.set(obj, pack(pos));
  }
  setKey(obj: object, key: string, pos: Position): void {
    let m = this.keys.get(obj);
    if (!m) this.keys.set(obj, (m = new Map<string, number>()));
    m.set(key, pack(pos));
  }
  /** Give `to` the key positions recorded for `from` (pieces merged into one mapping). */
  copyKeys(from: object, to: object): void {
    const m = this.keys.get(from);
    if (!m) return;
    let t = this.keys.get(to);
    if (!t) this.keys.set(to, (t = new Map<string, number>()));
    for (const [k, p] of m) t.set(k, p);
  }
  /** Position of `obj` itself. */
  of(obj: unknown): Position | undefined {
    return obj !== null && typeof obj === 'object' ? unpack(this.nodes.get(obj)) : undefined;
  }
  /** Position of `key` inside mapping `obj` (falls back to the mapping's own position). */
  key(obj: unknown, key: string): Position | undefined {
    if (obj === null || typeof obj !== 'object') return undefined;
    return unpack(this.keys.get(obj)?.get(key) ?? this.nodes.get(obj));
  }
}

export interface ParsedFile {
  body: unknown;
  positions: Positions;
  /** Unknown `!Tags` met while parsing, with where they were. */
  unknownTags: { tag: string; pos: Position }[];
}

/** The CloudFormation short forms. `!GetAtt A.B` and `!Ref`/`!Condition` have their own long forms. */
const FN_TAGS = [
  'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'If', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
  'Transform', 'And', 'Equals', 'Not', 'Or', 'ToJsonString', 'Length', 'Contains', 'EachMemberEquals', 'EachMemberIn',
  'RefAll', 'ValueOf', 'ValueOfAll', 'ForEach',
];
const KNOWN_TAGS = new Set(['!Ref', '!Condition', ...FN_TAGS.map((t) => `!${t}`)]);

/** Tags are kept on the nodes (resolve is the identity); the walk below turns them into long form. */
const CUSTOM_TAGS: Tags = [...KNOWN_TAGS].flatMap((tag) => [
  { tag, resolve: (v: string) => v },
  { tag, collection: 'seq' as const, resolve: (v: unknown) => v },
  { tag, collection: 'map' as const, resolve: (v: unknown) => v },
]);

function longForm(tag: string, value: unknown): unknown {
  const name = tag.slice(1);
  if (name === 'Ref') return { Ref: value };
  if (name === 'Condition') return { Condition: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

/** What alias expansion may add to one template: far above any real template's anchors, far below a bomb's. */
const MAX_ALIAS_NODES = 200_000;
const MAX_ALIAS_BYTES = 16 * 1024 * 1024;

/** A cookiecutter (Jinja) placeholder: `{{cookiecutter.name}}`, `{%- if cookiecutter.x %}`. */
const COOKIECUTTER = /\{\{-?\s*cookiecutter\.[\w.]*|\{%-?\s*(?:if|for|raw)\b[^%]*cookiecutter\./;

/** Throw input.parse at the first cookiecutter placeholder: such a template must be rendered before discovery. */
function refuseUnrendered(text: string, file: string): void {
  const m = COOKIECUTTER.exec(text);
  if (!m) return;
  throw new MigrateError('input.parse', `unrendered cookiecutter template (${m[0].trim()}…): render it first (cookiecutter <template-dir>) and discover the generated project`, { file, ...lineColumn(text, m.index) });
}

export function parseTemplateText(text: string, file: string): ParsedFile {
  refuseUnrendered(text, file);
  // Large templates are parsed in pieces (a whole-document YAML AST costs ~40 bytes per byte of text).
  if (text.length > LARGE_TEMPLATE_BYTES) {
    const large = parseLargeTemplate(text, file);
    if (large) return large;
  }
  const positions = new Positions();
  const unknownTags: ParsedFile['unknownTags'] = [];
  return { body: parsePiece(text, file, 0, positions, unknownTags), positions, unknownTags };
}

/**
 * Parse `text` (lines `lineOffset + 1`... of `file`) into plain data, recording positions and unknown tags.
 * Throws input.parse with the file's own line:column.
 */
export function parsePiece(text: string, file: string, lineOffset: number, positions: Positions, unknownTags: ParsedFile['unknownTags']): unknown {
  let lineCounter = new LineCounter();
  const parse = (source: string, lc: LineCounter): Document => {
    try {
      return parseDocument(source, { lineCounter: lc, customTags: CUSTOM_TAGS, merge: true, prettyErrors: false, strict: false });
    } catch (e) {
      throw new MigrateError('input.parse', `cannot parse: ${(e as Error).message}`, { file });
    }
  };
  let doc = parse(text, lineCounter);
  // A flow collection closed at (or written left of) its parent's indentation: PyYAML accepts it, so do we.
  if (doc.errors[0] && isFlowIndentError(doc.errors[0])) {
    const lc = new LineCounter();
    const again = parse(indentFlowCollections(text), lc);
    // Same lines either way: an error that remains is reported where it really is.
    [doc, lineCounter] = [again, lc];
  }
  const err = doc.errors[0];
  if (err) {
    const at = lineCounter.linePos(err.pos[0]);
    const message = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new MigrateError('input.parse', `malformed ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${message}`, { file, line: at.line + lineOffset, column: at.col });
  }
  // YAML accepts what JSON does not (trailing commas, comments, single quotes): CloudFormation would reject those.
  if (/\.json$/i.test(file)) strictJson(text, file);
  const posOf = (node: { range?: [number, number, number] | null }): Position | undefined => {
    if (!node.range) return undefined;
    const p = lineCounter.linePos(node.range[0]);
    return { line: p.line + lineOffset, column: p.col };
  };
  const seen = new Set<Node>();
  // Aliases are expanded here (not by the yaml library), so the budget is kept here: nodes and scalar bytes
  // produced by alias expansion. Plain data is never counted, so a large template without aliases parses.
  let outermostAlias: Node | undefined;
  let aliasNodes = 0;
  let aliasBytes = 0;
  const walk = (node: unknown): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target) throw new MigrateError('input.parse', `alias *${node.source} has no anchor`, { file, ...(posOf(node) ?? {}) });
      if (seen.has(target)) return null; // recursive alias: not a template anyone deploys
      seen.add(target);
      const outer = outermostAlias === undefined;
      if (outer) outermostAlias = node;
      try {
        return walk(target);
      } finally {
        seen.delete(target);
        if (outer) outermostAlias = undefined;
      }
    }
    if (outermostAlias !== undefined) {
      aliasNodes++;
      if (isScalar(node) && typeof node.value === 'string') aliasBytes += node.value.length;
      if (aliasNodes > MAX_ALIAS_NODES || aliasBytes > MAX_ALIAS_BYTES) {
        throw aliasBombError('input.parse', file, posOf(outermostAlias) ?? { line: 1, column: 1 });
      }
    }
    let value: unknown;
    if (isScalar(node)) {
      value = node.value;
    } else if (isSeq(node)) {
      const arr: unknown[] = node.items.map((item) => walk(item));
      const p = posOf(node);
      if (p) positions.setNode(arr, p);
      value = arr;
    } else if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      const p = posOf(node);
      if (p) positions.setNode(obj, p);
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const keyValue = isScalar(keyNode) ? keyNode.value : walk(keyNode);
        const key =
          typeof keyValue === 'symbol' || (isScalar(keyNode) && keyNode.source === '<<') ? '<<' : typeof keyValue === 'string' ? keyValue : JSON.stringify(keyValue ?? null);
        if (key === '<<') {
          const merged = walk(pair.value);
          for (const src of Array.isArray(merged) ? merged : [merged]) {
            if (src && typeof src === 'object' && !Array.isArray(src)) {
              for (const [k, v] of Object.entries(src as Record<string, unknown>)) if (!(k in obj)) obj[k] = v;
            }
          }
          continue;
        }
        Object.defineProperty(obj, key, { value: walk(pair.value), enumerable: true, writable: true, configurable: true });
        const kp = keyNode ? posOf(keyNode) : undefined;
        if (kp) positions.setKey(obj, key, kp);
      }
      value = obj;
    } else {
      return null;
    }
    const tag = (node as { tag?: string }).tag;
    if (tag && tag.startsWith('!')) {
      if (!KNOWN_TAGS.has(tag)) {
        unknownTags.push({ tag, pos: posOf(node) ?? { line: 1, column: 1 } });
        return value;
      }
      const lf = longForm(tag, value) as object;
      const p = posOf(node);
      if (p) positions.setNode(lf, p);
      return lf;
    }
    return value;
  };
  return walk(doc.contents);
}

/** Throw input.parse with line:column when `text` is not strict JSON. */
function strictJson(text: string, file: string): void {
  try {
    parseJsonText(text, file);
  } catch (e) {
    const m = e as MigrateError;
    throw new MigrateError('input.parse', m.message.replace(/^invalid JSON/, 'malformed JSON'), { file, line: m.line, column: m.column });
  }
}

// Large YAML templates (tens of MB, tens of thousands of functions) are parsed section by section, and a large
// section child by child, so the YAML library's AST never holds more than one piece. Pieces are exact line
// ranges of the file, so positions stay the file's own. Anything the line split cannot be sure about (anchors
// and aliases, several documents, a piece that does not parse, a key repeated across pieces) falls back to the
// whole-document parse, which then reports the exact error.

import { parseJsonText } from '../../util/json.js';
import { type ParsedFile, parsePiece, Positions } from './parse-template.js';

export const LARGE_TEMPLATE_BYTES = 4 * 1024 * 1024;
/** A section larger than this is split into its children. */
const SPLIT_SECTION_BYTES = 256 * 1024;

/** Anchors, aliases, extra documents or directives: the pieces could not be parsed on their own. */
const NEEDS_WHOLE_DOCUMENT = /(^|[\s[{,])[&*][^\s\]},]|^(---|\.\.\.|%)/m;

interface Piece {
  /** First line (0-based) and the lines after the last. */
  start: number;
  end: number;
}

const indentOf = (line: string) => line.length - line.trimStart().length;
const isContent = (line: string) => line.trim() !== '' && !line.trimStart().startsWith('#');

/** The lines of a text as offsets into it (no copy of the text per line). */
class Lines {
  private readonly starts: Int32Array;
  readonly length: number;
  constructor(private readonly text: string) {
    let n = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    this.starts = new Int32Array(n + 1);
    let k = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts[k++] = i + 1;
    this.starts[n] = text.length + 1;
    this.length = n;
  }
  at(i: number): string {
    return this.text.slice(this.starts[i], this.starts[i + 1]! - 1);
  }
  /** Lines [start, end) as one string. */
  slice(start: number, end: number): string {
    return this.text.slice(this.starts[start], Math.max(this.starts[start]!, this.starts[end]! - 1));
  }
  bytes(start: number, end: number): number {
    return this.starts[end]! - this.starts[start]!;
  }
  firstContent(start: number, end: number): number {
    for (let i = start; i < end; i++) if (isContent(this.at(i))) return i;
    return -1;
  }
}

/** Split lines [start, end) at the lines that start a key at `indent`. */
function split(lines: Lines, start: number, end: number, indent: number): Piece[] {
  const pieces: Piece[] = [];
  for (let i = start; i < end; i++) {
    const l = lines.at(i);
    if (isContent(l) && indentOf(l) === indent && !l.trimStart().startsWith('-')) {
      if (pieces.length > 0) pieces[pieces.length - 1]!.end = i;
      pieces.push({ start: i, end });
    } else if (pieces.length === 0 && isContent(l)) return []; // content before the first key: not splittable
  }
  return pieces;
}

function merge(into: Record<string, unknown>, from: unknown, positions: Positions): boolean {
  if (from === null || typeof from !== 'object' || Array.isArray(from)) return false;
  for (const [k, v] of Object.entries(from)) {
    if (Object.prototype.hasOwnProperty.call(into, k)) return false;
    Object.defineProperty(into, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  positions.copyKeys(from, into);
  return true;
}

/** The parsed template, or undefined when only a whole-document parse can be trusted with it. */
export function parseLargeTemplate(text: string, file: string): ParsedFile | undefined {
  if (/\.json$/i.test(file)) {
    // JSON.parse is compact and exact; positions are given up for files this large.
    return { body: parseJsonText(text, file), positions: new Positions(), unknownTags: [] };
  }
  if (NEEDS_WHOLE_DOCUMENT.test(text.replace(/^(\s*#.*\n|\s*\n)*---[ \t]*\n/, ''))) return undefined;
  const lines = new Lines(text);
  let first = lines.firstContent(0, lines.length);
  if (first >= 0 && lines.at(first).trim() === '---') first++;
  const positions = new Positions();
  const unknownTags: ParsedFile['unknownTags'] = [];
  const body: Record<string, unknown> = {};
  positions.setNode(body, { line: Math.max(first, 0) + 1, column: 1 });
  const piece = (p: Piece) => parsePiece(lines.slice(p.start, p.end), file, p.start, positions, unknownTags);
  try {
    for (const section of split(lines, Math.max(first, 0), lines.length, 0)) {
      const header = lines.at(section.start);
      const bytes = lines.bytes(section.start, section.end);
      const firstChild = lines.firstContent(section.start + 1, section.end);
      const childIndent = firstChild < 0 ? 0 : indentOf(lines.at(firstChild));
      const children = bytes > SPLIT_SECTION_BYTES && childIndent > 0 && /^[A-Za-z0-9_]+:\s*(#.*)?$/.test(header) ? split(lines, section.start + 1, section.end, childIndent) : [];
      if (children.length === 0) {
        if (!merge(body, piece(section), positions)) return undefined;
        continue;
      }
      const key = header.slice(0, header.indexOf(':'));
      if (Object.prototype.hasOwnProperty.call(body, key)) return undefined;
      const value: Record<string, unknown> = {};
      positions.setNode(value, { line: children[0]!.start + 1, column: childIndent + 1 });
      positions.setKey(body, key, { line: section.start + 1, column: 1 });
      for (const child of children) if (!merge(value, piece(child), positions)) return undefined;
      Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
    }
  } catch {
    return undefined; // the whole-document parse gives the exact error
  }
  return { body, positions, unknownTags };
}

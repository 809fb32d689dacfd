// Small text helpers shared by the codemods: they keep the user's indentation and line endings.

import type { TextEdit } from './types.js';

export function lineStartOf(text: string, pos: number): number {
  const i = text.lastIndexOf('\n', pos - 1);
  return i + 1;
}

export function indentationAt(text: string, pos: number): string {
  const start = lineStartOf(text, pos);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

export function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Insert `// TODO(migrate:<rule>): message` on its own line above the line holding `pos`, same indentation. */
export function todoAbove(text: string, pos: number, ruleId: string, message: string): TextEdit {
  const start = lineStartOf(text, pos);
  return { start, end: start, text: `${indentationAt(text, pos)}// TODO(migrate:${ruleId}): ${message}${newlineOf(text)}`, todo: { ruleId, message } };
}

/** Remove the whole line(s) from `start` to `end` when nothing else is on them; else just the range. */
export function removeStatement(text: string, start: number, end: number): TextEdit {
  const ls = lineStartOf(text, start);
  const before = text.slice(ls, start);
  let le = text.indexOf('\n', end);
  if (le === -1) le = text.length;
  const after = text.slice(end, le).replace(/\r$/, '');
  if (before.trim() === '' && after.trim() === '') return { start: ls, end: Math.min(text.length, le + 1), text: '' };
  return { start, end, text: '' };
}

/**
 * Whether a node's source range [pos, end) holds `name` as written: a walk looking for an identifier spelled `name`
 * skips the subtrees where this is false. Always true when the text has a `\u` escape (an identifier's text may
 * then be spelled differently in the source).
 */
export function mentionsWithin(text: string, name: string): (node: { pos: number; end: number }) => boolean {
  if (text.includes('\\u')) return () => true;
  const at: number[] = [];
  for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) at.push(i);
  return ({ pos, end }) => {
    // The first occurrence at or after pos, by binary search.
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo < at.length && at[lo]! + name.length <= end;
  };
}

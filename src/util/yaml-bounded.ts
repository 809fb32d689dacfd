// YAML documents to plain data with alias expansion bounded: a "billion laughs" document is bad input
// (exit 2 at the alias that blew the budget), not a hang or an out-of-memory crash.

import { type Document, type LineCounter, visit } from 'yaml';
import { type ErrorCode, MigrateError } from './errors.js';

/** Alias expansions the yaml library may perform while converting one document (its own default is 100). */
const MAX_ALIAS_COUNT = 1000;

/** Position of the first alias in `doc`, 1:1 when there is none. */
function firstAliasPosition(doc: Document, lc: LineCounter): { line: number; column: number } {
  let at: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      at = node.range?.[0];
      return visit.BREAK;
    },
  });
  const p = at === undefined ? undefined : lc.linePos(at);
  return { line: p?.line ?? 1, column: p?.col ?? 1 };
}

export function aliasBombError(code: ErrorCode, file: string, where: { line: number; column: number }): MigrateError {
  return new MigrateError(code, 'YAML aliases expand beyond the limit (an alias bomb?)', { file, ...where, hint: 'write the repeated data out instead of nesting aliases' });
}

/** doc.toJS(), with alias expansion bounded; a document that exceeds it is a MigrateError of `code`. */
export function boundedToJs(doc: Document, lc: LineCounter, file: string, code: ErrorCode): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) throw aliasBombError(code, file, firstAliasPosition(doc, lc));
    throw e;
  }
}

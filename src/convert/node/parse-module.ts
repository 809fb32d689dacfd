// One parse per module for every step that reads it: the export check (analyze-handler) and the rewrite share it.

import ts from './ts-compiler.js';

/** Parses kept for modules that more than one step reads (the export check, then the rewrite), by path. */
export type ParseCache = Map<string, { kind: ts.ScriptKind; sf: ts.SourceFile }>;

/** `text` parsed as `kind`; with a cache, a parse of the same path, kind and text is reused. */
export function parseModule(path: string, text: string, kind: ts.ScriptKind, cache?: ParseCache): ts.SourceFile {
  const hit = cache?.get(path);
  if (hit && hit.kind === kind && hit.sf.text === text) return hit.sf;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  cache?.set(path, { kind, sf });
  return sf;
}

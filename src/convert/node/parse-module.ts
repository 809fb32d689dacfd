// One parse per module for every step that reads it: the export check (analyze-handler) and the rewrite share it.

import ts from './ts-compiler.js';

/** Parses kept for modules that more than one step reads (the export check, then the rewrite), by path. */
export type ParseCache = Map<string, { kind: ts.ScriptKind; sf: ts.SourceFile }>;

/** `text` parsed as `kind`; with a cache, a parse of the same path, kind and text is reused. */
export function parseModule(path: string, text: string, kind: ts.ScriptKind, cache?: ParseCache): ts.SourceFile {
  const hit = cache?.get(path);
  if (hit && hit.kind === kind && hit.sf.text === text) return hit.sf;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kind);
  setParents(sf);
  cache?.set(path, { kind, sf });
  return sf;
}

/**
 * Every node's `parent` (the codemods walk up from a match), set in one recursive walk: what createSourceFile's
 * setParentNodes does, without its general-purpose work queue (about a fifth of a cold parse).
 */
function setParents(node: ts.Node): void {
  ts.forEachChild(node, (child) => {
    (child as { parent: ts.Node }).parent = node;
    setParents(child);
  });
}

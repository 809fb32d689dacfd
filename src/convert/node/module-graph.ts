// Which of the user's files an app needs: the modules its handlers reach through relative imports.
// An app of one function should not carry the other functions' handlers (or their AWS SDK TODOs).
// Conservative: a non-literal require()/import() in a reached module keeps every file of the code directory.

import path from 'node:path';

const SPECIFIER = /(?:\bfrom\s+|\bimport\s+|\brequire\(\s*|\bimport\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g;
const DYNAMIC = /\b(?:require|import)\(\s*[^'"\s)]/;
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'];

/** The relative specifiers a module imports, requires or re-exports. */
export function relativeSpecifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => m[1]!);
}

/** Candidate files for `spec` imported from `from`, in resolution order (TS allows `./x.js` for `./x.ts`). */
function candidates(from: string, spec: string): string[] {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  const out = [target];
  const swapped: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
  const ext = path.posix.extname(target);
  for (const alt of swapped[ext] ?? []) out.push(target.slice(0, -ext.length) + alt);
  for (const e of EXTENSIONS) out.push(target + e, `${target}/index${e}`);
  return out;
}

/** Declaration files that type a JavaScript module for TypeScript importers (`x.mjs` → `x.d.mts`). */
function declarationsOf(file: string): string[] {
  const m = /^(.*)\.(m|c)?js$/.exec(file);
  return m ? [`${m[1]}.d.${m[2] ?? ''}ts`] : [];
}

/**
 * The files reachable from `entries` within `files` (code texts by path), plus every non-code file (data such as
 * JSON may be read at run time). Returns all of `files` when a reached module loads something dynamically.
 */
export function reachableFiles(entries: string[], files: ReadonlyMap<string, string>, isCode: (f: string) => boolean): Set<string> {
  const reached = new Set<string>();
  const queue = entries.filter((e) => files.has(e));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    const text = files.get(file)!;
    if (isCode(file) && DYNAMIC.test(text)) return new Set(files.keys());
    for (const decl of declarationsOf(file)) if (files.has(decl)) queue.push(decl);
    if (!isCode(file)) continue;
    for (const spec of relativeSpecifiers(text)) {
      const hit = candidates(file, spec).find((c) => files.has(c));
      if (hit) queue.push(hit);
    }
  }
  for (const f of files.keys()) if (!isCode(f)) reached.add(f);
  return reached;
}

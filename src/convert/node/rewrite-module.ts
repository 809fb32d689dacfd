// The single driver: parse a module once, let every applicable transform analyze it, then splice all edits into
// the text in one pass from the end. It parses with the TypeScript compiler bundled in ts-morph directly: no
// Project, no file system, no lib files, no type checker. Wrapping each file in a ts-morph Project costs about as
// much again as the parse itself (profiled on bench/convert.mjs), and the transforms only need compiler nodes.

import ts from './ts-compiler.js';
import { analyzeHandler, type HandlerAnalysis } from './analyze-handler.js';
import { parseModule, type ParseCache } from './parse-module.js';
import { TRANSFORMS } from './transforms/index.js';
import type { WrittenTodo } from '../generated-lines.js';
import type { TextEdit, Transform } from './transforms/types.js';
import type { DataResource } from '../../model/plan.js';

export interface RewriteResult {
  text: string;
  /** The TODO(migrate:…) comments the codemods inserted, at their line in `text`. */
  todos: WrittenTodo[];
  /** Transforms that produced at least one edit. */
  applied: string[];
  analysis?: HandlerAnalysis;
}

export function isTypeScriptPath(p: string): boolean {
  return /\.(ts|tsx|mts|cts)$/.test(p) && !p.endsWith('.d.ts');
}

/**
 * Where each TODO edit's comment line lands in the edited text. Edits land in the order (start, end, index)
 * (applyEdits inserts equal-start edits so that the earlier one ends up first); each shifts the ones after it.
 */
function todoLines(text: string, edits: TextEdit[], out: string): WrittenTodo[] {
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  const todos: WrittenTodo[] = [];
  let shift = 0;
  for (const e of ordered) {
    if (e.todo) {
      const at = e.start + shift;
      todos.push({ ...e.todo, line: out.slice(0, at).split('\n').length });
    }
    shift += e.text.length - (e.end - e.start);
  }
  return todos;
}

/** Apply edits (non-overlapping) to `text`, last first so earlier offsets stay valid. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const ordered = edits
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  let out = text;
  let limit = Infinity;
  for (const e of ordered) {
    if (e.end > limit) throw new Error(`internal: overlapping codemod edits at offset ${e.start}`);
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start === e.end ? e.start + 0.5 : e.start;
  }
  return out;
}

/**
 * Rewrite one module. `handlerExports` names the handlers the module exports (a Serverless `handler.js` often
 * exports several): each handler's shape is analyzed and every transform runs once per handler, identical edits
 * (the handler-independent ones) counted once. Other modules get only the handler-independent transforms.
 * `analysis` is the first failed analysis, or the first handler's when all succeed. `parses` may hold this
 * module's parse already (missingExport made it).
 */
export function rewriteModule(
  path: string,
  text: string,
  handlerExports?: string | readonly string[],
  transforms: readonly Transform[] = TRANSFORMS,
  dataPlane?: readonly DataResource[],
  parses?: ParseCache,
): RewriteResult {
  const exportsList = handlerExports === undefined ? [] : typeof handlerExports === 'string' ? [handlerExports] : [...handlerExports];
  const relevant = transforms.filter((t) => t.mentions.some((m) => text.includes(m)));
  if (relevant.length === 0 && exportsList.length === 0) return { text, applied: [], todos: [] };
  const isTypeScript = isTypeScriptPath(path);
  const sf = parseModule(path, text, isTypeScript ? ts.ScriptKind.TS : ts.ScriptKind.JS, parses);
  const analyses = exportsList.map((e) => analyzeHandler(sf, e));
  const analysis = analyses.find((a) => !a.ok) ?? analyses[0];
  const shapes = analysis === undefined ? [undefined] : analysis.ok ? analyses.map((a) => (a.ok ? a.shape : undefined)) : [undefined];
  const edits: TextEdit[] = [];
  const seen = new Set<string>();
  const applied = new Set<string>();
  for (const t of relevant) {
    for (const handler of shapes) {
      for (const e of t.apply({ sf, text, handler, isTypeScript, ...(dataPlane?.length ? { dataPlane } : {}) }).edits) {
        const key = `${e.start}:${e.end}:${e.text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        applied.add(t.name);
        edits.push(e);
      }
    }
  }
  const names = relevant.map((t) => t.name).filter((n) => applied.has(n));
  if (edits.length === 0) return { text, applied: names, ...(analysis ? { analysis } : {}), todos: [] };
  const out = applyEdits(text, edits);
  return { text: out, applied: names, ...(analysis ? { analysis } : {}), todos: todoLines(text, edits, out) };
}

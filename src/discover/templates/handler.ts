// Resolves a handler string to a source file and export name on disk, relative to the code directory.
// Node: `dir/file.export` → file.{js,mjs,cjs,ts,mts,cts}; compiled output (dist/, build/, .aws-sam, esbuild) is
// traced back to its TypeScript source. Python: `pkg/module.func` or `pkg.module.func` → pkg/module.py.
// Java `Class::method` and .NET `Assembly::Type::Method` keep the raw form; Go/custom look for main.go.

import { statSync } from 'node:fs';
import path from 'node:path';
import { checkSourceFile, tryReadSourceFile } from '../../util/contain.js';
import type { HandlerInfo, Language } from '../../model/inventory.js';

const NODE_EXTS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];
const TS_EXTS = ['.ts', '.mts', '.cts', '.tsx'];
/** Directories whose files are build output rather than source. */
const OUTPUT_DIRS = ['dist', 'build', 'out', 'lib', '.build', '.esbuild'];

const existsCache = new Map<string, boolean>();
export function fileExists(abs: string): boolean {
  let v = existsCache.get(abs);
  if (v === undefined) {
    // Most candidates (one per extension tried) do not exist: no exception for those.
    try {
      v = statSync(abs, { throwIfNoEntry: false })?.isFile() ?? false;
    } catch {
      v = false;
    }
    existsCache.set(abs, v);
  }
  return v;
}

export function dirExists(abs: string): boolean {
  try {
    return statSync(abs, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** Forget cached lookups (tests write files between runs). */
export function clearHandlerCache(): void {
  existsCache.clear();
}

export interface HandlerLookup {
  raw: string;
  language: Language;
  /** Absolute code directory (CodeUri, or the Serverless service directory). */
  codeDir: string;
  /** Absolute discovery root: files are reported relative to it. */
  root: string;
  /** SAM esbuild `Metadata.BuildProperties.EntryPoints`, relative to the code directory. */
  entryPoints?: string[];
}

export interface HandlerResolution {
  handler: HandlerInfo;
  /** True when the runtime's language expects a source file and none was found. */
  missing: boolean;
  /** Why a file that was found is not used (its real path leaves the discovery root, it is not a regular file). */
  refused?: string;
  /** Node handlers that complete through a callback or `context.succeed/fail/done` (gone in Node.js 24). */
  legacyStyle?: 'callback' | 'context-methods';
}

/**
 * A cheap text check, not a parse: a three-parameter function whose third parameter is called, or the
 * deprecated context methods. The converter does the exact analysis; this only warns early.
 */
export function nodeLegacyStyle(abs: string, root: string): 'callback' | 'context-methods' | undefined {
  const text = tryReadSourceFile(root, abs);
  if (text === undefined) return undefined;
  const cb = /\(\s*\w+\s*(?::[^,()]+)?,\s*\w+\s*(?::[^,()]+)?,\s*(\w+)\s*(?::[^,()]+)?\)\s*(?:=>|\{)/.exec(text);
  if (cb && new RegExp(`\\b${cb[1]}\\s*\\(`).test(text.slice(cb.index + cb[0].length))) return 'callback';
  if (/\bcontext\.(succeed|fail|done)\s*\(/.test(text)) return 'context-methods';
  return undefined;
}

const rel = (root: string, abs: string) => path.relative(root, abs).split(path.sep).join('/') || '.';

function firstExisting(candidates: string[]): string | undefined {
  return candidates.find((c) => fileExists(c));
}

function resolveNode(l: HandlerLookup): { file?: string; exportName: string } {
  const dot = l.raw.lastIndexOf('.');
  const base = dot > 0 ? l.raw.slice(0, dot) : l.raw;
  const exportName = dot > 0 ? l.raw.slice(dot + 1) : 'handler';
  const stem = path.resolve(l.codeDir, base);
  // 1. esbuild entry points name the real source (SAM compiles app.ts to app.js with the same stem).
  for (const entry of l.entryPoints ?? []) {
    const abs = path.resolve(l.codeDir, entry);
    if (path.basename(abs).replace(/\.[^.]+$/, '') === path.basename(stem) && fileExists(abs)) return { file: abs, exportName };
  }
  // 2. A TypeScript source next to where the compiled file would be wins over the compiled file.
  const ts = firstExisting(TS_EXTS.map((e) => stem + e));
  if (ts) return { file: ts, exportName };
  // 3. Compiled output directory: dist/x/app → src/x/app.ts, x/app.ts.
  const parts = base.split('/');
  if (parts.length > 1 && OUTPUT_DIRS.includes(parts[0]!)) {
    const tail = parts.slice(1).join('/');
    const found = firstExisting(['src', '.'].flatMap((d) => TS_EXTS.map((e) => path.resolve(l.codeDir, d, tail) + e)));
    if (found) return { file: found, exportName };
  }
  // 4. The JavaScript file itself.
  const js = firstExisting(NODE_EXTS.map((e) => stem + e));
  return { file: js, exportName };
}

function resolvePython(l: HandlerLookup): { file?: string; exportName: string; expected: string } {
  const dot = l.raw.lastIndexOf('.');
  const mod = dot > 0 ? l.raw.slice(0, dot) : l.raw;
  const exportName = dot > 0 ? l.raw.slice(dot + 1) : 'handler';
  const modPath = mod.includes('/') ? mod : mod.split('.').join('/');
  const stem = path.resolve(l.codeDir, modPath);
  return { file: firstExisting([`${stem}.py`, path.join(stem, '__init__.py')]), exportName, expected: `${stem}.py` };
}

function resolveJava(l: HandlerLookup): { file?: string; exportName: string } {
  const [cls = l.raw, method] = l.raw.split('::');
  const classPath = cls.split('.').join('/');
  const file = firstExisting(
    ['src/main/java', 'src/main/kotlin', 'src', '.'].flatMap((d) => ['.java', '.kt'].map((e) => path.resolve(l.codeDir, d, classPath) + e)),
  );
  return { file, exportName: method ? `${cls}::${method}` : cls };
}

function resolveDotnet(l: HandlerLookup): { file?: string; exportName: string } {
  const parts = l.raw.split('::');
  const type = parts[1] ?? parts[0] ?? l.raw;
  const method = parts[2];
  const cls = type.split('.').pop() ?? type;
  const file = firstExisting([path.resolve(l.codeDir, `${cls}.cs`), path.resolve(l.codeDir, 'src', `${cls}.cs`)]);
  return { file, exportName: method ? `${type}::${method}` : type };
}

function resolveRuby(l: HandlerLookup): { file?: string; exportName: string } {
  const dot = l.raw.lastIndexOf('.');
  const base = dot > 0 ? l.raw.slice(0, dot) : l.raw;
  return { file: firstExisting([path.resolve(l.codeDir, `${base}.rb`)]), exportName: dot > 0 ? l.raw.slice(dot + 1) : 'handler' };
}

function resolveGo(l: HandlerLookup): { file?: string; exportName: string } {
  const file = firstExisting([path.resolve(l.codeDir, 'main.go'), path.resolve(l.codeDir, 'cmd', l.raw, 'main.go')]);
  return { file, exportName: 'main' };
}

/** The language of a container image from its Dockerfile's AWS base image (`public.ecr.aws/lambda/python:3.12`). */
export function imageLanguageFromDockerfile(dir: string, root: string): { language: Language; version?: string } | undefined {
  const text = tryReadSourceFile(root, path.join(dir, 'Dockerfile'));
  if (text === undefined) return undefined;
  const m = /^\s*FROM\s+\S*lambda\/(nodejs|python|java|dotnet|ruby|provided)(?::([0-9.]+))?/im.exec(text);
  if (!m) return undefined;
  const language = (m[1] === 'provided' ? 'custom' : m[1]) as Language;
  return m[2] ? { language, version: m[2] } : { language };
}

/** Whether a custom-runtime code directory holds a Go module (Go on provided.al2/al2023). */
export function isGoCodeDir(codeDir: string): boolean {
  return fileExists(path.join(codeDir, 'go.mod')) || fileExists(path.join(codeDir, 'main.go'));
}

export function resolveHandler(l: HandlerLookup): HandlerResolution {
  let r: { file?: string; exportName: string };
  let expectsFile = true;
  switch (l.language) {
    case 'nodejs':
      r = resolveNode(l);
      break;
    case 'python':
      r = resolvePython(l);
      break;
    case 'java':
      r = resolveJava(l);
      expectsFile = false; // CodeUri is often a built jar; a missing .java is not an error
      break;
    case 'dotnet':
      r = resolveDotnet(l);
      expectsFile = false;
      break;
    case 'ruby':
      r = resolveRuby(l);
      break;
    case 'go':
    case 'custom':
      r = resolveGo(l);
      expectsFile = false; // a custom runtime's handler names a binary, not a source file
      break;
    default:
      return { handler: { raw: l.raw }, missing: false };
  }
  // A handler that is a symbolic link out of the root (to /etc/passwd, say) is treated as absent, never read.
  let refused: string | undefined;
  if (r.file) {
    const check = checkSourceFile(l.root, r.file);
    if (!check.ok) {
      refused = `${rel(l.root, r.file)} ${check.reason}`;
      r = { exportName: r.exportName };
    }
  }
  const handler: HandlerInfo = { raw: l.raw, export: r.exportName, exists: r.file !== undefined };
  if (r.file) handler.file = rel(l.root, r.file);
  const result: HandlerResolution = { handler, missing: (expectsFile || refused !== undefined) && r.file === undefined, ...(refused ? { refused } : {}) };
  if (l.language === 'nodejs' && r.file) {
    const style = nodeLegacyStyle(r.file, l.root);
    if (style) result.legacyStyle = style;
  }
  return result;
}

export { rel as relativePosix };

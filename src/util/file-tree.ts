// A FileTree is what `convert` (and every emitter) returns: relative posix path → content.
// One writer puts it on disk, which makes --dry-run and --check a comparison rather than a code path.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MigrateError } from './errors.js';
import { compareStrings, stableStringify } from './json.js';

export type FileTree = Map<string, string>;

export const MANIFEST_PATH = '.migrate/manifest.json';

/** Reject any path that could escape the output directory or is not a clean relative posix path. */
export function safeRelativePath(p: string): string {
  const normalized = path.posix.normalize(p.replace(/\\/g, '/'));
  if (
    normalized === '' ||
    normalized === '.' ||
    normalized.startsWith('../') ||
    normalized === '..' ||
    path.posix.isAbsolute(normalized) ||
    /^[a-zA-Z]:/.test(normalized) ||
    normalized.split('/').some((seg) => seg === '..' || seg === '' || seg.includes('\0'))
  ) {
    throw new MigrateError('output.unsafe-path', `refusing to write outside the output directory: ${JSON.stringify(p)}`);
  }
  return normalized;
}

export function addFile(tree: FileTree, p: string, content: string): void {
  const key = safeRelativePath(p);
  if (tree.has(key) && tree.get(key) !== content) {
    throw new Error(`internal: two generators wrote different content to ${key}`);
  }
  tree.set(key, content);
}

export function mergeTrees(...trees: FileTree[]): FileTree {
  const out: FileTree = new Map();
  for (const t of trees) for (const [p, c] of t) addFile(out, p, c);
  return out;
}

export function sha256(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

export type FileChange = 'create' | 'update' | 'unchanged' | 'conflict' | 'delete';

export interface WritePlanEntry {
  path: string;
  change: FileChange;
  /** Lines added / removed (a cheap line-multiset diff for the summary). */
  added: number;
  removed: number;
}

export interface WriteResult {
  entries: WritePlanEntry[];
  conflicts: string[];
  /** True when the disk differs from the tree (for --check). */
  drift: boolean;
  written: boolean;
}

interface Manifest {
  files: Record<string, string>;
}

async function readOptional(p: string): Promise<string | undefined> {
  try {
    return await readFile(p, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function lineDelta(before: string | undefined, after: string | undefined): { added: number; removed: number } {
  const count = (s: string | undefined) => {
    const m = new Map<string, number>();
    if (s === undefined) return m;
    for (const l of s.split('\n')) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const a = count(before);
  const b = count(after);
  let added = 0;
  let removed = 0;
  for (const [l, n] of b) added += Math.max(0, n - (a.get(l) ?? 0));
  for (const [l, n] of a) removed += Math.max(0, n - (b.get(l) ?? 0));
  return { added, removed };
}

/**
 * Compare a tree with `outDir` and, unless `dryRun` or `check`, write it.
 * A file whose disk content no longer matches the manifest hash was edited by the user:
 * it is a conflict and is left alone unless `force`.
 */
export async function writeFileTree(
  tree: FileTree,
  outDir: string,
  opts: { dryRun?: boolean; check?: boolean; force?: boolean } = {},
): Promise<WriteResult> {
  const manifestText = await readOptional(path.join(outDir, MANIFEST_PATH));
  let manifest: Manifest = { files: {} };
  if (manifestText !== undefined) {
    try {
      manifest = JSON.parse(manifestText) as Manifest;
    } catch {
      throw new MigrateError('input.parse', 'the generated-file manifest is not valid JSON', {
        file: path.join(outDir, MANIFEST_PATH),
        hint: 'delete it to regenerate every file',
      });
    }
  }
  const entries: WritePlanEntry[] = [];
  const conflicts: string[] = [];
  const paths = [...tree.keys()].sort(compareStrings);
  const toWrite: [string, string][] = [];
  for (const rel of paths) {
    const content = tree.get(rel)!;
    const onDisk = await readOptional(path.join(outDir, rel));
    const known = manifest.files[rel];
    let change: FileChange;
    if (onDisk === undefined) change = 'create';
    else if (onDisk === content) change = 'unchanged';
    else if (known !== undefined && sha256(onDisk) !== known && !opts.force) change = 'conflict';
    else if (known === undefined && !opts.force) change = 'conflict';
    else change = 'update';
    if (change === 'conflict') conflicts.push(rel);
    if (change === 'create' || change === 'update') toWrite.push([rel, content]);
    entries.push({ path: rel, change, ...lineDelta(onDisk, content) });
  }
  const toDelete: string[] = [];
  for (const rel of Object.keys(manifest.files).sort(compareStrings)) {
    if (tree.has(rel)) continue;
    const onDisk = await readOptional(path.join(outDir, safeRelativePath(rel)));
    if (onDisk === undefined) continue;
    if (sha256(onDisk) === manifest.files[rel] || opts.force) {
      toDelete.push(rel);
      entries.push({ path: rel, change: 'delete', ...lineDelta(onDisk, undefined) });
    }
  }
  const drift = entries.some((e) => e.change !== 'unchanged');
  if (opts.dryRun || opts.check || conflicts.length > 0) {
    return { entries, conflicts, drift, written: false };
  }
  for (const [rel, content] of toWrite) await writeFileAtomic(path.join(outDir, rel), content);
  for (const rel of toDelete) await rm(path.join(outDir, rel));
  const files: Record<string, string> = {};
  for (const rel of paths) files[rel] = sha256(tree.get(rel)!);
  await writeFileAtomic(path.join(outDir, MANIFEST_PATH), stableStringify({ files }));
  return { entries, conflicts, drift, written: true };
}

/** Write through a temporary file and a rename, so a reader never sees a partial file. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}

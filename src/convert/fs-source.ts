// The SourceReader the CLI uses: reads under plan.source.root only, refusing any path whose real path leaves it.

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { checkSourceFile, readCheckedFile, refusalError, sourceRootReal } from '../util/contain.js';
import { MigrateError } from '../util/errors.js';
import { compareStrings } from '../util/json.js';
import type { PlannedFunction } from '../model/plan.js';
import type { SourceReader } from './index.js';

const SKIP_DIRS = new Set(['node_modules', '.git', '.aws-sam', '.serverless', 'dist', 'coverage', '.migrate']);

export function fsSourceReader(root: string): SourceReader {
  const absRoot = path.resolve(root);
  // Resolved once per reader: every file is judged against the root's real path as it was when the read began.
  const rootReal = sourceRootReal(absRoot);
  const check = (abs: string) => checkSourceFile(absRoot, abs, undefined, rootReal);
  const resolveInside = (rel: string): string => {
    const abs = path.resolve(absRoot, rel);
    if (abs !== absRoot && !abs.startsWith(absRoot + path.sep)) {
      throw new MigrateError('plan.invalid', `source path ${JSON.stringify(rel)} is outside plan.source.root`, { hint: 'handler files and code directories must stay inside the source root' });
    }
    return abs;
  };
  return {
    // A missing file is the caller's business; one that leaves the root (through a symbolic link), is not a
    // regular file or is too large stops the run (exit 2) rather than being copied.
    readSource(rel) {
      try {
        const checked = check(resolveInside(rel));
        if (!checked.ok) {
          if (checked.refusal === 'missing' || checked.reason === 'is a directory') return Promise.resolve(undefined);
          throw refusalError(checked, rel);
        }
        return Promise.resolve(readCheckedFile(checked, rel, checked.size + 1));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
    async listSource(dir) {
      const out: string[] = [];
      const walk = async (relDir: string, depth: number): Promise<void> => {
        if (depth > 20) return;
        let entries;
        try {
          entries = await readdir(resolveInside(relDir || '.'), { withFileTypes: true });
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') return;
          // A code "directory" that is one file (CodeUri naming the handler file) lists as that file.
          if (code === 'ENOTDIR' && depth === 0 && check(resolveInside(relDir)).ok) {
            out.push(relDir);
            return;
          }
          throw e;
        }
        for (const ent of entries) {
          const rel = relDir ? `${relDir}/${ent.name}` : ent.name;
          if (ent.isDirectory()) {
            if (!SKIP_DIRS.has(ent.name)) await walk(rel, depth + 1);
          } else if (ent.isFile()) out.push(rel);
          else if (ent.isSymbolicLink() && check(path.join(absRoot, rel)).ok) out.push(rel); // links out of the root are not listed
        }
      };
      await walk(dir, 0);
      return out.sort(compareStrings);
    },
  };
}

/**
 * `source` plus the handler files written inside the template (SAM InlineCode, CloudFormation ZipFile): the plan
 * carries their text under the path discovery gave them, and they are served before anything on disk.
 */
export function withInlineCode(source: SourceReader, functions: readonly PlannedFunction[]): SourceReader {
  const inline = new Map<string, string>();
  for (const fn of functions) if (fn.handler && fn.inlineCode !== undefined) inline.set(fn.handler.file, fn.inlineCode);
  if (inline.size === 0) return source;
  return {
    readSource: (rel) => (inline.has(rel) ? Promise.resolve(inline.get(rel)) : source.readSource(rel)),
    listSource: async (dir) => {
      const prefix = dir === '' ? '' : `${dir}/`;
      const onDisk = await source.listSource(dir);
      return [...new Set([...onDisk, ...[...inline.keys()].filter((f) => f.startsWith(prefix))])].sort(compareStrings);
    },
  };
}

// The SourceReader the CLI uses: reads under plan.source.root only, refusing any path that resolves outside it.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { MigrateError } from '../util/errors.js';
import { compareStrings } from '../util/json.js';
import type { SourceReader } from './index.js';

const SKIP_DIRS = new Set(['node_modules', '.git', '.aws-sam', '.serverless', 'dist', 'coverage', '.migrate']);

export function fsSourceReader(root: string): SourceReader {
  const absRoot = path.resolve(root);
  const resolveInside = (rel: string): string => {
    const abs = path.resolve(absRoot, rel);
    if (abs !== absRoot && !abs.startsWith(absRoot + path.sep)) {
      throw new MigrateError('plan.invalid', `source path ${JSON.stringify(rel)} is outside plan.source.root`, { hint: 'handler files and code directories must stay inside the source root' });
    }
    return abs;
  };
  return {
    async readSource(rel) {
      try {
        return await readFile(resolveInside(rel), 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
        throw e;
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
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw e;
        }
        for (const ent of entries) {
          const rel = relDir ? `${relDir}/${ent.name}` : ent.name;
          if (ent.isDirectory()) {
            if (!SKIP_DIRS.has(ent.name)) await walk(rel, depth + 1);
          } else if (ent.isFile()) out.push(rel);
        }
      };
      await walk(dir, 0);
      return out.sort(compareStrings);
    },
  };
}

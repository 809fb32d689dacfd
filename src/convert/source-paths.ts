// Where an app's carried-over code lives: the deepest directory its functions' code directories share.

import path from 'node:path';
import type { PlannedFunction } from '../model/plan.js';

/** The longest common directory prefix of posix paths ('' when they share none). */
export function commonDir(dirs: string[]): string {
  if (dirs.length === 0) return '';
  let parts = dirs[0]!.split('/').filter(Boolean);
  for (const d of dirs.slice(1)) {
    const q = d.split('/').filter(Boolean);
    let i = 0;
    while (i < parts.length && i < q.length && parts[i] === q[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/');
}

/** `p` relative to `base`, where `base` is a directory prefix of `p` (from commonDir). */
export function relativeToBase(base: string, p: string): string {
  return base === '' ? p : p.slice(base.length + 1);
}

/**
 * The directory a planned function's code lives in (posix, relative to the source root; '' for the root): its code
 * directory, or the handler's directory when there is none or when CodeUri names the handler file itself.
 */
export function functionCodeDir(fn: PlannedFunction, check: (what: string, p: string) => string): string | undefined {
  const handler = fn.handler ? check(`function ${fn.lambdaName} handler`, fn.handler.file) : undefined;
  const codeDir = fn.codeDir !== undefined ? check(`function ${fn.lambdaName} codeDir`, fn.codeDir) : undefined;
  if (codeDir !== undefined && codeDir !== handler) return codeDir;
  return handler === undefined ? undefined : path.posix.dirname(handler).replace(/^\.$/, '');
}

// The Node.js runtime the generated apps share: `packages/migrate-runtime/` once per output repository, read from
// this CLI's own files (runtime/node/package.json and bin/, and dist/runtime-node/ that `npm run build` compiles
// from runtime/node/src). Every Node app depends on it with `file:../../packages/migrate-runtime`.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareStrings } from '../../util/json.js';

/** Where the package lands in the output tree, and how an app (apps/<app>/) refers to it. */
export const RUNTIME_PACKAGE_DIR = 'packages/migrate-runtime';
export const RUNTIME_PACKAGE_NAME = 'migrate-runtime';
export const RUNTIME_PACKAGE_DEPENDENCY = `file:../../${RUNTIME_PACKAGE_DIR}`;

// This file is src/convert/node/ (tests) or dist/convert/node/ (the CLI): the package root is three levels up.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let cached: Map<string, string> | undefined;

function readDir(dir: string, prefix: string, out: Map<string, string>, keep: (name: string) => boolean): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort(compareStrings);
  } catch {
    throw new Error(`internal: the Node runtime package is not built (${dir} is missing); run npm run build`);
  }
  for (const name of names) if (keep(name)) out.set(`${prefix}/${name}`, readFileSync(path.join(dir, name), 'utf8'));
}

/** The package's files, keyed by path inside the output repository. */
export function runtimePackageFiles(): Map<string, string> {
  if (cached) return cached;
  const files = new Map<string, string>();
  files.set(`${RUNTIME_PACKAGE_DIR}/package.json`, readFileSync(path.join(ROOT, 'runtime/node/package.json'), 'utf8'));
  readDir(path.join(ROOT, 'runtime/node/bin'), `${RUNTIME_PACKAGE_DIR}/bin`, files, (n) => n.endsWith('.mjs'));
  readDir(path.join(ROOT, 'dist/runtime-node'), `${RUNTIME_PACKAGE_DIR}/dist`, files, (n) => n.endsWith('.js') || n.endsWith('.d.ts'));
  cached = files;
  return files;
}

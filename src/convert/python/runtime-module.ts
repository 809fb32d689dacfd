// The Python runtime every Python app gets as its own copy of runtime/python/migrate_runtime.py (tested with pytest
// against the real azure-functions). A copy per app, not a shared package: Oryx builds each app folder remotely and
// sees nothing outside it (docs/convert.md).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// This file is src/convert/python/ (tests) or dist/convert/python/ (the CLI): the package root is three levels up.
const MODULE = fileURLToPath(new URL('../../../runtime/python/migrate_runtime.py', import.meta.url));

let cached: string | undefined;

export function pythonRuntimeModule(): string {
  cached ??= readFileSync(MODULE, 'utf8');
  return cached;
}

// The Python runtime every Python app gets as its own copy of runtime/python/migrate_runtime.py (tested with pytest
// against the real azure-functions), and the equivalence-test harness its tests/ get (runtime/python/migrate_harness.py
// and migrate_world.py).
// A copy per app, not a shared package: Oryx builds each app folder remotely and sees nothing outside it
// (docs/convert.md).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cached = new Map<string, string>();

// This file is src/convert/python/ (tests) or dist/convert/python/ (the CLI): the package root is three levels up.
function runtimeFile(name: 'migrate_runtime.py' | 'migrate_harness.py' | 'migrate_world.py'): string {
  let text = cached.get(name);
  if (text === undefined) {
    text = readFileSync(fileURLToPath(new URL(`../../../runtime/python/${name}`, import.meta.url)), 'utf8');
    cached.set(name, text);
  }
  return text;
}

export const pythonRuntimeModule = () => runtimeFile('migrate_runtime.py');
/** The test harness an app's tests/ get: migrate_harness.py and the frozen world it runs in. */
export const pythonHarnessModules = () => ({ 'migrate_harness.py': runtimeFile('migrate_harness.py'), 'migrate_world.py': runtimeFile('migrate_world.py') });

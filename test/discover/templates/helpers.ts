// Writes a small repository into a temp directory and runs template discovery over it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Inventory, LambdaFunction } from '../../../src/model/inventory.js';
import { discoverTemplates } from '../../../src/discover/templates/index.js';
import { clearHandlerCache } from '../../../src/discover/templates/handler.js';

export interface Repo {
  dir: string;
  discover: (inputs?: string[], opts?: { includeValues?: boolean }) => Promise<Inventory>;
  cleanup: () => Promise<void>;
}

export async function makeRepo(files: Record<string, string>): Promise<Repo> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tpl-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  clearHandlerCache();
  return {
    dir,
    discover: (inputs = ['.'], opts = {}) => discoverTemplates(inputs, { cwd: dir, outDir: dir, includeValues: opts.includeValues ?? false }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function discoverOne(files: Record<string, string>, opts: { includeValues?: boolean } = {}): Promise<Inventory> {
  const repo = await makeRepo(files);
  try {
    return await repo.discover(['.'], opts);
  } finally {
    await repo.cleanup();
  }
}

export function fn(inv: Inventory, name: string): LambdaFunction {
  const f = inv.functions.find((x) => x.name === name || x.id.endsWith(`#${name}`));
  if (!f) throw new Error(`no function ${name} in ${inv.functions.map((x) => x.id).join(', ')}`);
  return f;
}

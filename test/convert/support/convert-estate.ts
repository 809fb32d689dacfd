// Shared by the convert tests: convert a golden fixture estate (inventory → test plan → tree) from the real sources.

import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { convertPlan, type ConvertMode } from '../../../src/convert/index.js';
import { fsSourceReader } from '../../../src/convert/fs-source.js';
import { validateContract } from '../../../src/model/io.js';
import type { Inventory } from '../../../src/model/inventory.js';
import type { Plan } from '../../../src/model/plan.js';
import { planFromInventory } from './plan-from-inventory.js';

export const REPO = path.resolve(import.meta.dirname, '../../..');
/** Every fixture estate with at least one Node.js function whose handler file exists. */
export const NODE_ESTATES: string[] = readdirSync(path.join(REPO, 'fixtures/golden'))
  .filter((e) => existsSync(path.join(REPO, 'fixtures/golden', e, 'inventory.json')))
  .filter((e) => readInventoryJson(path.join(REPO, 'fixtures/golden', e)).functions.some((f) => f.runtime.language === 'nodejs' && f.handler?.exists))
  .sort();

/** The plan for an estate's golden inventory, as if plan.json lived in fixtures/golden/<estate>/. */
export async function estatePlan(estate: string): Promise<{ plan: Plan; planDir: string }> {
  const planDir = path.join(REPO, 'fixtures/golden', estate);
  const plan = (await plannerPlan(planDir)) ?? planFromInventory(readInventoryJson(planDir), estate);
  await validateContract('plan', plan, path.join(planDir, 'plan.json'));
  return { plan, planDir };
}

export async function convertEstate(estate: string, mode: ConvertMode = 'auto') {
  const { plan, planDir } = await estatePlan(estate);
  return convertPlan(plan, fsSourceReader(path.resolve(planDir, plan.source.root ?? '.')), { mode, emit: false });
}

function readInventoryJson(planDir: string): Inventory {
  return JSON.parse(readFileSync(path.join(planDir, 'inventory.json'), 'utf8')) as Inventory;
}

/** The real planner (src/plan), when present; `USE_TEST_PLAN=1` forces the test-side stand-in. */
async function plannerPlan(planDir: string): Promise<Plan | undefined> {
  if (process.env.USE_TEST_PLAN) return undefined;
  const inv = readInventoryJson(planDir);
  const { buildPlan } = await import('../../../src/plan/build-plan.js');
  const { loadRules } = await import('../../../src/plan/rules/load-rules.js');
  const { scanHandlerCode } = await import('../../../src/plan/sdk-scan.js');
  const root = path.resolve(planDir, inv.source.root ?? '.');
  return buildPlan(inv, await loadRules([], REPO), { code: scanHandlerCode(inv, root), sourceRoot: inv.source.root ?? '.' });
}

/** A `node` of the given major version: this process's, else the first on PATH (the system Node 20 outside node_modules). */
export function nodeOfMajor(major: number): string | undefined {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const bin = path.join(dir, 'node');
    try {
      accessSync(bin, constants.X_OK);
    } catch {
      continue;
    }
    const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
    if (Number(/^v(\d+)\./.exec(version)?.[1]) === major) return bin;
  }
  return undefined;
}

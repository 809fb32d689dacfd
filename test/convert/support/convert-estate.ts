// Shared by the convert tests: convert a golden fixture estate (inventory → test plan → tree) from the real sources.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { convertPlan, type ConvertMode } from '../../../src/convert/index.js';
import { fsSourceReader } from '../../../src/convert/fs-source.js';
import { validateContract } from '../../../src/model/io.js';
import type { Plan } from '../../../src/model/plan.js';
import { planFromInventory } from './plan-from-inventory.js';

export const REPO = path.resolve(import.meta.dirname, '../../..');
export const NODE_ESTATES = ['handler-shapes', 'retail-sam', 'orders-cfn', 'notifications-serverless'] as const;

/** The plan for an estate, written as if plan.json lived in fixtures/golden/<estate>/. */
export async function estatePlan(estate: string): Promise<{ plan: Plan; planDir: string }> {
  const planDir = path.join(REPO, 'fixtures/golden', estate);
  const goldenPlan = path.join(planDir, 'plan.json');
  let plan: Plan;
  try {
    plan = JSON.parse(readFileSync(goldenPlan, 'utf8')) as Plan;
  } catch {
    plan = planFromInventory(JSON.parse(readFileSync(path.join(planDir, 'inventory.json'), 'utf8')), estate);
  }
  await validateContract('plan', plan, goldenPlan);
  return { plan, planDir };
}

export async function convertEstate(estate: string, mode: ConvertMode = 'auto') {
  const { plan, planDir } = await estatePlan(estate);
  return convertPlan(plan, fsSourceReader(path.resolve(planDir, plan.source.root ?? '.')), { mode, emit: false });
}

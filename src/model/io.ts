// Reading and writing the two contracts, validated against their JSON Schemas both ways.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { MigrateError } from '../util/errors.js';
import { writeFileAtomic } from '../util/file-tree.js';
import { readInputFile } from '../util/contain.js';
import { layoutChunks } from '../util/json-layout.js';
import { parseJsonText, stableChunks } from '../util/json.js';
import type { Inventory } from './inventory.js';
import { PLAN_SCHEMA_VERSION, type Finding, type Plan } from './plan.js';
import { upgradePlan } from './plan-upgrade.js';

/** The validators, precompiled from docs/schemas at build time (scripts/gen-validators.mjs): no schema compiles at run time. */
async function validatorFor(kind: 'inventory' | 'plan'): Promise<ValidateFunction> {
  const validators = await import('./generated/validators.js');
  return validators[kind];
}

function describe(errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return 'does not match the schema';
  const where = e.instancePath || '/';
  const extra = e.keyword === 'additionalProperties' ? ` '${String((e.params as { additionalProperty?: string }).additionalProperty)}'` : '';
  return `${where} ${e.message ?? 'is invalid'}${extra}`;
}

/** Validate a value; `file` names it in the error. Throws input.schema for input, an internal error for output. */
export async function validateContract(kind: 'inventory' | 'plan', value: unknown, file: string, producing = false): Promise<void> {
  const validate = await validatorFor(kind);
  if (!validate(value)) {
    const msg = `${kind} does not match ${kind}.schema.json: ${describe(validate.errors)}`;
    if (producing) throw new Error(`internal: produced an invalid ${msg}`);
    throw new MigrateError('input.schema', msg, { file, hint: `was it written by another version of migrate?` });
  }
}

async function readJson(file: string): Promise<unknown> {
  return parseJsonText(await readInputFile(file, file), file);
}

export async function readInventory(file: string): Promise<Inventory> {
  const value = await readJson(file);
  await validateContract('inventory', value, file);
  return value as Inventory;
}

/** Reads a plan.json; a version-1 plan (findings with their rule text inline) is upgraded in memory first. */
export async function readPlan(file: string): Promise<Plan> {
  const value = upgradePlan(await readJson(file), file);
  await validateContract('plan', value, file);
  const plan = value as Plan;
  const hint = 'rules, subjects and findings must come from the same plan run; re-run migrate plan';
  const check = (f: Finding, where: string) => {
    if (plan.rules[f.ruleIndex]?.id !== f.ruleId) throw new MigrateError('input.schema', `plan: ${where} has ruleIndex ${f.ruleIndex}, which is not rule ${f.ruleId} in /rules`, { file, hint });
    if (!plan.subjects[f.subjectIndex]) throw new MigrateError('input.schema', `plan: ${where} has subjectIndex ${f.subjectIndex}, past the end of /subjects`, { file, hint });
  };
  plan.findings.forEach((f, i) => check(f, `/findings/${i}`));
  plan.baseline?.absent.forEach((a, i) => check(a.finding, `/baseline/absent/${i}/finding`));
  return plan;
}

export async function writeInventory(file: string, inv: Inventory): Promise<void> {
  await validateContract('inventory', inv, file, true);
  await writeFileAtomic(file, stableChunks(inv));
}

let selfCheck = process.env.MIGRATE_SELF_CHECK === '1';

/**
 * Validate the plans this process writes against the schema (an internal error when one does not match): on with
 * `--debug` and under the tests (MIGRATE_SELF_CHECK=1). The schema is generated from the same TypeScript types the
 * planner is compiled against, and every reader of a plan.json validates it as input, so an ordinary run skips the
 * check (a quarter of a second for 10,000 functions). See docs/performance.md.
 */
export function enableSelfCheck(): void {
  selfCheck = true;
}

export async function writePlanJson(file: string, plan: Plan): Promise<void> {
  if (plan.schemaVersion !== PLAN_SCHEMA_VERSION) throw new Error(`internal: writing a plan of schema version ${String(plan.schemaVersion)}`);
  if (selfCheck) await validateContract('plan', plan, file, true);
  await writeFileAtomic(file, layoutChunks(plan));
}

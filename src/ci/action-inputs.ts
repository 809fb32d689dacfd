// action.yml's inputs → the `migrate ci` argument list. The composite action hands its inputs over as environment
// variables (never spliced into a shell line), and scripts/ci-action.mjs calls this, so every value arrives as one
// argument, whatever quotes or spaces it holds. Lists (templates, rules) are one entry per line.

import { MigrateError } from '../util/errors.js';

const lines = (v: string | undefined) => (v ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const one = (v: string | undefined) => (v ?? '').trim() || undefined;

export function argvFromActionInputs(env: NodeJS.ProcessEnv): string[] {
  const templates = lines(env.MIGRATE_TEMPLATES);
  const inventory = one(env.MIGRATE_INVENTORY);
  const argv = ['ci'];
  if (inventory) argv.push('--inventory', inventory);
  else if (templates.length === 0) throw new MigrateError('usage', "the action needs 'templates' (one per line) or 'inventory'");
  for (const t of inventory ? [] : templates) argv.push('--template', t);
  const optional: [string, string | undefined][] = [
    ['--baseline', one(env.MIGRATE_BASELINE)],
    ['--fail-on', one(env.MIGRATE_FAIL_ON)],
    ['--config', one(env.MIGRATE_CONFIG)],
    ['--output', one(env.MIGRATE_OUTPUT)],
    ['--out-dir', one(env.MIGRATE_OUT_DIR)],
    ['--summary', one(env.GITHUB_STEP_SUMMARY)],
    ['--outputs', one(env.GITHUB_OUTPUT)],
  ];
  for (const r of lines(env.MIGRATE_RULES)) argv.push('--rules', r);
  for (const [flag, value] of optional) if (value) argv.push(flag, value);
  return argv;
}

// The reports of one fixture estate as a user gets them: discover → plan → convert in-process into a temporary
// directory (the goldens keep only hashes of most estates' reports). Each test file generates them once.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface SampleReports {
  dir: string;
  planMd: string;
  manual?: string;
}

/** plan.md (and, with `convert`, MIGRATION.md) of fixtures/estates/<estate>; throws with the CLI's stderr on failure. */
export async function sampleReports(estate: string, opts: { convert?: boolean } = {}): Promise<SampleReports> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `reports-${estate}-`));
  const steps = [
    ['discover', '--template', path.join(ROOT, 'fixtures/estates', estate), '--out', path.join(dir, 'inventory.json')],
    ['plan', '--inventory', path.join(dir, 'inventory.json'), '--out-dir', dir, '--fail-on', 'never', '--format', 'md,json'],
    ...(opts.convert ? [['convert', '--plan', path.join(dir, 'plan.json'), '--out-dir', path.join(dir, 'azure')]] : []),
  ];
  for (const argv of steps) {
    const r = await runCli(argv, { cwd: ROOT });
    if (r.code > 1) throw new Error(`migrate ${argv[0]} failed: ${r.stderr}`);
  }
  return { dir, planMd: path.join(dir, 'plan.md'), ...(opts.convert ? { manual: path.join(dir, 'azure', 'MIGRATION.md') } : {}) };
}

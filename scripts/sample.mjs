// The README's first command: the whole pipeline on the bundled sample estate, into out/sample/.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const estate = process.env.SAMPLE_ESTATE ?? 'fixtures/estates/retail-sam';
const out = 'out/sample';
rmSync(out, { recursive: true, force: true });
const steps = [
  ['discover', '--template', estate, '--out', `${out}/inventory.json`],
  ['plan', '--inventory', `${out}/inventory.json`, '--out-dir', out, '--fail-on', 'never'],
  ['convert', '--plan', `${out}/plan.json`, '--out-dir', `${out}/azure`],
];
for (const args of steps) {
  process.stderr.write(`\n$ migrate ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 3);
}
process.stderr.write(`\nDone. Read ${out}/plan.md, then ${out}/azure/MIGRATION.md.\n`);

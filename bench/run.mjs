// Runs every benchmark in bench/ (each prints one JSON line) and prints their lines, in name order.
// `npm run bench` builds first; `node bench/run.mjs discover` runs only benchmarks whose name contains "discover".
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const filter = process.argv[2] ?? '';
const benches = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && f.includes(filter))
  .sort();
let failed = 0;
for (const f of benches) {
  const r = spawnSync(process.execPath, [new URL(f, import.meta.url).pathname], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  process.stdout.write(`${line}\n`);
  try {
    if (r.status !== 0 || JSON.parse(line).pass === false) failed++;
  } catch {
    failed++;
  }
}
process.exitCode = failed ? 1 : 0;

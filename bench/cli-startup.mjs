// `migrate --help` must stay instant: heavy modules (AWS SDK, ts-morph, jsonata, tree-sitter, TypeScript) load lazily.
// Reports the median wall time of 5 runs of `node dist/cli/main.js --help` and the packages that run imported.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const tracer = fileURLToPath(new URL('./lib/trace-imports.mjs', import.meta.url));
const times = [];
for (let i = 0; i < 5; i++) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [main, '--help'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
const traced = spawnSync(process.execPath, ['--import', tracer, main, '--help'], { encoding: 'utf8' });
const packages = [...new Set(traced.stderr.split('\n').filter((l) => l.startsWith('import:')).map((l) => l.slice(7)))].sort();
const heavy = packages.filter((p) => /^(@aws-sdk|@smithy|ts-morph|jsonata|web-tree-sitter|typescript|ajv)/.test(p));
const medianMs = Math.round(times[2]);
process.stdout.write(
  `${JSON.stringify({ benchmark: 'cli-startup', medianMs, runsMs: times.map((t) => Math.round(t)), packagesLoaded: packages, heavyLoaded: heavy, targets: { medianMs: 300, heavyLoaded: 0 }, pass: medianMs <= 300 && heavy.length === 0 })}\n`,
);

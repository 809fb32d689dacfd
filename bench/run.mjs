// Runs every benchmark in bench/ (each prints one JSON line) in name order and prints their lines on stdout; then
// judges issue 15's goals against those lines and prints them as a table on stderr and as one last JSON line
// (`"benchmark":"goals"`): measured value, goal and pass/fail for each. Exit 1 when a benchmark or a goal fails.
// `npm run bench` builds first; `node bench/run.mjs discover` runs only benchmarks whose name contains "discover".
// The test-suite benchmark takes 10-15 minutes (a clone, npm ci, npm test twice); BENCH_SKIP_TEST_SUITE=1 skips it.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';

/** Issue 15's table: which benchmark line and field measures each goal. */
const GOALS = [
  { bench: 'discover-templates', goal: 'discover --template, 2,000 functions in 200 templates: CPU (ms)', field: ['cpuMs'], max: 2500 },
  { bench: 'plan', goal: 'plan 10,000 functions: CPU (ms)', field: ['cpuMs'], max: 3000 },
  { bench: 'plan', goal: 'plan 10,000 functions: peak RSS (MB)', field: ['peakRssMb'], max: 700 },
  { bench: 'plan', goal: 'plan 10,000 functions: plan.json (MB)', field: ['sizesMb', 'plan.json'], max: 30 },
  { bench: 'convert', goal: 'convert 1,000 Node handlers to disk: handlers per CPU second', field: ['handlersPerCpuSecond'], min: 300 },
  { bench: 'discover-aws', goal: 'discover --aws: Lambda API calls per function', field: ['callsPerFunction'], max: 2.5 },
  { bench: 'discover-aws', goal: 'discover --aws: wall time / quota floor', field: ['floorRatio'], max: 1.2 },
  { bench: 'discover-aws', goal: 'discover --aws: wall time / quota floor, 20% throttled', field: ['throttledFloorRatio'], max: 1.5 },
  { bench: 'scaling', goal: 'plan 1k/5k/10k/20k: CPU linear in functions (R²)', field: ['plan', 'r2'], min: 0.98 },
  { bench: 'scaling', goal: 'convert 250/500/1k/2k: CPU linear in handlers (R²)', field: ['convert', 'r2'], min: 0.98 },
  { bench: 'test-suite', goal: 'npm test on a clean clone (clone, npm ci, npm test): wall (min)', field: ['cleanMinutes'], max: 8 },
  { bench: 'test-suite', goal: 'npm test warm: wall (min)', field: ['warmMinutes'], max: 4 },
];

const filter = process.argv[2] ?? '';
const benches = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && f.includes(filter))
  .sort();
const lines = new Map();
let failed = 0;
for (const f of benches) {
  const r = spawnSync(process.execPath, [new URL(f, import.meta.url).pathname], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  process.stdout.write(`${line}\n`);
  try {
    const parsed = JSON.parse(line);
    lines.set(parsed.benchmark ?? f.replace(/\.mjs$/, ''), parsed);
    if (r.status !== 0 || parsed.pass === false) failed++;
  } catch {
    failed++;
  }
}

const judged = GOALS.filter((g) => benches.some((f) => f === `${g.bench}.mjs`)).map((g) => {
  const line = lines.get(g.bench);
  const measured = g.field.reduce((v, k) => (v === undefined || v === null ? undefined : v[k]), line);
  const target = g.max !== undefined ? `<= ${g.max}` : `>= ${g.min}`;
  // A benchmark skipped on request (the test suite's) has no value: neither pass nor fail.
  // A time is no pass when the run it timed failed (the test suite's tests).
  const pass = line?.skipped ? null : line?.testsPassed !== false && typeof measured === 'number' && (g.max !== undefined ? measured <= g.max : measured >= g.min);
  return { benchmark: g.bench, goal: g.goal, measured: measured ?? null, target, pass };
});
if (judged.length > 0) {
  const width = Math.max(...judged.map((j) => j.goal.length));
  process.stderr.write(`\nIssue 15 goals (load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${os.cpus().length} CPUs):\n`);
  for (const j of judged) process.stderr.write(`  ${j.pass === null ? 'SKIP' : j.pass ? 'PASS' : 'FAIL'}  ${j.goal.padEnd(width)}  ${String(j.measured ?? '-').padStart(8)}  (goal ${j.target})\n`);
  process.stdout.write(`${JSON.stringify({ benchmark: 'goals', loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100, goals: judged, pass: judged.every((j) => j.pass === true) })}\n`);
  failed += judged.filter((j) => j.pass === false).length;
}
process.exitCode = failed ? 1 : 0;

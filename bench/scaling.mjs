// Scaling lines: `migrate plan` at 1k/5k/10k/20k functions (bench/plan.mjs at each size) and `migrate convert` at
// 250/500/1k/2k handlers written to disk (bench/convert.mjs's measurement), each a child process measured by its own
// CPU time, each point the median of BENCH_SCALING_REPEAT (default 3) runs. A least-squares line through the points
// gives the cost per function and the fixed cost; R² near 1 says the cost is linear (the goal: R² >= 0.98). Prints
// one JSON line. Usage: npm run build && node bench/scaling.mjs
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureConvert } from './convert.mjs';

const PLAN_SIZES = (process.env.BENCH_PLAN_SIZES ?? '1000,5000,10000,20000').split(',').map(Number);
const CONVERT_SIZES = (process.env.BENCH_CONVERT_SIZES ?? '250,500,1000,2000').split(',').map(Number);
const log = (s) => process.stderr.write(`[scaling] ${s}\n`);

/** Least squares y = a + b·x, and R². */
function fit(points) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const b = sxy / sxx;
  const a = my - b * mx;
  const ssTot = points.reduce((s, p) => s + (p.y - my) ** 2, 0);
  const ssRes = points.reduce((s, p) => s + (p.y - (a + b * p.x)) ** 2, 0);
  return { fixedMs: Math.round(a), msPerUnit: Math.round(b * 1000) / 1000, r2: ssTot === 0 ? 1 : Math.round((1 - ssRes / ssTot) * 1000) / 1000 };
}

// Each size runs REPEAT times, the sizes interleaved round by round, and each point is the run with the median CPU
// time: one run disturbed by the machine (another process, the kernel flushing an earlier run's deleted tree) does not
// bend the line. Every run's CPU time is kept in the point.
const REPEAT = Math.max(1, Number(process.env.BENCH_SCALING_REPEAT ?? 3));
const median = (runs) => [...runs].sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(runs.length / 2)];

const planRuns = new Map(PLAN_SIZES.map((n) => [n, []]));
const convertRuns = new Map(CONVERT_SIZES.map((n) => [n, []]));
for (let round = 1; round <= REPEAT; round++) {
  for (const n of PLAN_SIZES) {
    const r = spawnSync(process.execPath, [fileURLToPath(new URL('./plan.mjs', import.meta.url)), String(n)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const line = JSON.parse(r.stdout.trim().split('\n').pop() || '{}');
    // bench/plan.mjs reports the child's CPU time: a line without it is a failed run, never wall time under cpuMs.
    if (typeof line.cpuMs !== 'number') throw new Error(`bench/plan.mjs ${n}: no cpuMs in its line (exit ${r.status})`);
    log(`round ${round}, plan ${n}: ${line.cpuMs} ms, ${line.peakRssMb} MB`);
    planRuns.get(n).push({ functions: n, cpuMs: line.cpuMs, wallMs: line.wallMs, peakRssMb: line.peakRssMb, metric: 'cpu' });
  }
  for (const n of CONVERT_SIZES) {
    const m = await measureConvert(n);
    log(`round ${round}, convert ${n}: ${m.first.cpuMs} ms, ${m.first.peakRssMb} MB`);
    convertRuns.get(n).push({ handlers: n, cpuMs: m.first.cpuMs, wallMs: m.first.wallMs, peakRssMb: m.first.peakRssMb, handlersPerCpuSecond: m.handlersPerCpuSecond, ok: m.ok });
  }
}
const planPoints = PLAN_SIZES.map((n) => ({ ...median(planRuns.get(n)), runsCpuMs: planRuns.get(n).map((r) => r.cpuMs) }));
const convertPoints = CONVERT_SIZES.map((n) => ({ ...median(convertRuns.get(n)), runsCpuMs: convertRuns.get(n).map((r) => r.cpuMs), ok: convertRuns.get(n).every((r) => r.ok) }));
const plan = { points: planPoints, ...fit(planPoints.map((p) => ({ x: p.functions, y: p.cpuMs }))) };
const convert = { points: convertPoints, ...fit(convertPoints.map((p) => ({ x: p.handlers, y: p.cpuMs }))) };
const goals = [
  { goal: 'plan CPU linear in functions (R²)', measured: plan.r2, target: '>= 0.98', pass: plan.r2 >= 0.98 },
  { goal: 'convert CPU linear in handlers (R²)', measured: convert.r2, target: '>= 0.98', pass: convert.r2 >= 0.98 && convertPoints.every((p) => p.ok) },
];
console.log(JSON.stringify({ benchmark: 'scaling', plan, convert, loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100, goals, pass: goals.every((g) => g.pass) }));

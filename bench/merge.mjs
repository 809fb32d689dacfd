// Benchmark: `migrate merge` of an organisation's shard inventories. A generated 2,000-function estate is discovered
// once, split into 8 shard inventories (every function in one shard, roles and warnings repeated in several, as live
// shards repeat them), and merged back in-process from dist/; the merge must give the unsplit inventory's bytes.
// Prints one JSON line. Build first (npx tsc -p .).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateEstate } from './lib/generate-estate.mjs';

const FUNCTIONS = Number(process.env.BENCH_FUNCTIONS ?? 2000);
const SHARDS = 8;
const targets = { wallMs: 3000 };

const { run } = await import('../dist/cli/run.js');
const dir = mkdtempSync(path.join(tmpdir(), 'bench-merge-'));
const io = { stdout: () => {}, stderr: () => {}, isTTY: false, env: { NO_COLOR: '1' }, cwd: dir };
try {
  generateEstate(path.join(dir, 'estate'), { functions: FUNCTIONS, templates: 100, seed: 7 });
  const discovered = await run(['discover', '--template', 'estate', '--out', 'whole.json'], io);
  if (discovered > 1) throw new Error(`discover exited ${discovered}`);
  const whole = JSON.parse(readFileSync(path.join(dir, 'whole.json'), 'utf8'));
  const files = [];
  for (let s = 0; s < SHARDS; s++) {
    const shard = { ...whole, source: { ...whole.source, shard: { index: s + 1, count: SHARDS } }, functions: whole.functions.filter((_, i) => i % SHARDS === s) };
    const file = `inv-${s + 1}.json`;
    writeFileSync(path.join(dir, file), JSON.stringify(shard));
    files.push(file);
  }
  const start = performance.now();
  const code = await run(['merge', ...files.reverse(), '--out', 'merged.json'], io);
  const wallMs = Math.round(performance.now() - start);
  const identical = readFileSync(path.join(dir, 'merged.json'), 'utf8') === readFileSync(path.join(dir, 'whole.json'), 'utf8');
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ benchmark: 'merge', functions: whole.functions.length, shards: SHARDS, exitCode: code, identical, wallMs, peakRssMB, targets, pass: code === 0 && identical && wallMs < targets.wallMs }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

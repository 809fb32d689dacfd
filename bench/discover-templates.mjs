// Benchmark: offline discovery over a generated estate of 2,000 functions in 200 templates (SAM, CloudFormation
// JSON, serverless.yml), run as a user would (`node dist/cli/main.js discover ...`) in a child process.
// Prints one JSON line: wall time, the child's peak RSS, and whether both are within target. Build first (npx tsc -p .).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateEstate } from './lib/generate-estate.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const FUNCTIONS = Number(process.env.BENCH_FUNCTIONS ?? 2000);
const TEMPLATES = Number(process.env.BENCH_TEMPLATES ?? 200);
const targets = { wallMs: 5000, peakRssMb: 500 };

const dir = mkdtempSync(path.join(tmpdir(), 'bench-discover-'));
try {
  const estate = path.join(dir, 'estate');
  const generated = generateEstate(estate, { functions: FUNCTIONS, templates: TEMPLATES, seed: 2026 });
  // The child reports its own peak RSS at exit (maxRSS is in KB); preloaded so main.js stays untouched.
  const rssFile = path.join(dir, 'rss.txt');
  const preload = path.join(dir, 'report-rss.mjs');
  // CPU time is reported too: on a shared machine wall time also measures the neighbours.
writeFileSync(preload, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(rssFile)}, JSON.stringify({ maxRSS: u.maxRSS, cpuMicros: u.userCPUTime + u.systemCPUTime })); });\n`);
  const out = path.join(dir, 'inventory.json');
  const start = performance.now();
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', preload, path.join(ROOT, 'dist/cli/main.js'), 'discover', '--template', estate, '--out', out, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', (c) => {
      process.env.BENCH_CHILD_STDOUT = stdout;
      resolve(c);
    });
  });
  const wallMs = Math.round(performance.now() - start);
  const usage = JSON.parse(readFileSync(rssFile, 'utf8'));
  const peakRssMb = Math.round(usage.maxRSS / 1024);
  const cpuMs = Math.round(usage.cpuMicros / 1000);
  const summary = JSON.parse(process.env.BENCH_CHILD_STDOUT || '{}');
  const ok = code === 0 && summary.functions === generated.functions;
  const result = {
    benchmark: 'discover-templates',
    functions: summary.functions ?? 0,
    templates: generated.templates,
    byFormat: generated.byFormat,
    exitCode: code,
    wallMs,
    cpuMs,
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
    peakRssMb,
    targets,
    pass: ok && wallMs < targets.wallMs && peakRssMb < targets.peakRssMb,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Benchmark: offline discovery over a generated estate of 2,000 functions in 200 templates (SAM, CloudFormation
// JSON, serverless.yml), run as a user would (`node dist/cli/main.js discover ...`) in a child process.
// Prints one JSON line: the child's CPU time, wall time and peak RSS against the goals. Build first (npm run build);
// BENCH_CPU_PROF=<dir> also writes a CPU profile.
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { generateEstate } from './lib/generate-estate.mjs';
import { runCli } from './lib/run-child.mjs';

const FUNCTIONS = Number(process.env.BENCH_FUNCTIONS ?? 2000);
const TEMPLATES = Number(process.env.BENCH_TEMPLATES ?? 200);
const targets = { cpuMs: 2500, peakRssMb: 500 };

const dir = mkdtempSync(path.join(tmpdir(), 'bench-discover-'));
try {
  const estate = path.join(dir, 'estate');
  const generated = generateEstate(estate, { functions: FUNCTIONS, templates: TEMPLATES, seed: 2026 });
  // CPU time is the goal: on a shared machine wall time also measures the neighbours.
  const run = await runCli(['discover', '--template', estate, '--out', path.join(dir, 'inventory.json'), '--json']);
  const summary = JSON.parse(run.stdout || '{}');
  const ok = run.code === 0 && summary.functions === generated.functions;
  const result = {
    benchmark: 'discover-templates',
    functions: summary.functions ?? 0,
    templates: generated.templates,
    byFormat: generated.byFormat,
    exitCode: run.code,
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
    peakRssMb: run.peakRssMb,
    targets,
    pass: ok && run.cpuMs < targets.cpuMs && run.peakRssMb < targets.peakRssMb,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

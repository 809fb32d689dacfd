// Runs `node dist/cli/main.js <args>` as a child process, as a user would, and measures it: wall time, the child's
// own CPU time (user + system, which holds on a shared machine) and peak RSS, read from process.resourceUsage() at
// the child's exit by a preloaded module (main.js stays untouched). BENCH_CPU_PROF=<dir> also writes a V8 CPU profile.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const MAIN = path.resolve(import.meta.dirname, '../../dist/cli/main.js');

/** Resolves to { code, stdout, wallMs, cpuMs, peakRssMb }. */
export async function runCli(args, { cwd } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-child-'));
  try {
    const usageFile = path.join(dir, 'usage.json');
    const preload = path.join(dir, 'report-usage.mjs');
    writeFileSync(preload, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify({ maxRSS: u.maxRSS, cpuMicros: u.userCPUTime + u.systemCPUTime })); });\n`);
    const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.BENCH_CPU_PROF)] : [];
    const start = performance.now();
    const { code, stdout } = await new Promise((resolve) => {
      const child = spawn(process.execPath, [...prof, '--import', preload, MAIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('close', (c) => resolve({ code: c, stdout: out }));
    });
    const wallMs = Math.round(performance.now() - start);
    const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
    return { code, stdout, wallMs, cpuMs: Math.round(usage.cpuMicros / 1000), peakRssMb: Math.round(usage.maxRSS / 1024) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

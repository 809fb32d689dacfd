// Benchmark: `migrate convert` of 1,000 generated Node handlers (~4.5 KB, mixed triggers) written to disk with
// their plan.json, run as a child process (node dist/cli/main.js convert) into an empty output directory: codemods,
// Bicep, azd files, the manual and every write. Then the same convert again over its own output (nothing changes:
// every file costs a hash, not a write). Goal (issue 15): >= 300 handlers per CPU second, end to end.
// A second, in-process measurement keeps the codemod honest against TypeScript's own parse of the same files.
// Usage: npm run build && node bench/convert.mjs [handlerCount]   (BENCH_CPU_PROF=<dir> writes CPU profiles)
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { generateHandlers } from './lib/generate-handlers.mjs';
import { runCli } from './lib/run-child.mjs';

const COUNT = Number(process.argv[2] ?? process.env.BENCH_CONVERT_COUNT ?? 1000);
const GOALS = { handlersPerCpuSecond: 300, peakRssMb: 1536, codemodToParseRatio: 5 };

/** The generated estate on disk: plan.json beside the handler files it names. */
export function writeConvertEstate(root, count) {
  const { files, plan } = generateHandlers(count);
  for (const [rel, text] of files) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  writeFileSync(path.join(root, 'plan.json'), JSON.stringify(plan));
  return { files, plan };
}

function countFiles(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n++;
  return n;
}

/** The codemod driver against TypeScript's parse over the same texts; each warmed once, then timed. */
async function codemodRatio(files) {
  const { rewriteModule } = await import('../dist/convert/node/rewrite-module.js');
  const texts = [...files.entries()];
  const parseAll = () => {
    for (const [p, text] of texts) ts.createSourceFile(p, text, ts.ScriptTarget.Latest, true, p.endsWith('.mjs') || p.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  };
  const codemodAll = () => {
    for (const [p, text] of texts) rewriteModule(p, text, 'handler');
  };
  const timed = (f) => {
    const t = performance.now();
    f();
    return performance.now() - t;
  };
  timed(parseAll);
  timed(codemodAll);
  const parseMs = timed(parseAll);
  const codemodMs = timed(codemodAll);
  return { parseMs: Math.round(parseMs), codemodMs: Math.round(codemodMs), ratio: Math.round((codemodMs / parseMs) * 100) / 100 };
}

/** One convert of `count` handlers into an empty directory, then once more over its own output. */
export async function measureConvert(count) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bench-convert-'));
  try {
    const { files } = writeConvertEstate(root, count);
    const args = ['convert', '--plan', 'plan.json', '--out-dir', 'out', '--json'];
    const first = await runCli(args, { cwd: root });
    const summary = JSON.parse(first.stdout || '{}');
    const again = await runCli(args, { cwd: root });
    const second = JSON.parse(again.stdout || '{}');
    return {
      files,
      first,
      again,
      summary,
      ok: first.code === 0 && again.code === 0 && summary.functions?.rewrite === count && second.files?.unchanged === summary.files?.create,
      outputFiles: first.code === 0 ? countFiles(path.join(root, 'out')) : 0,
      handlersPerCpuSecond: Math.round(count / (first.cpuMs / 1000)),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const m = await measureConvert(COUNT);
  const ratio = await codemodRatio(m.files);
  const goals = [
    { goal: 'convert handlers per CPU second, written to disk', measured: m.handlersPerCpuSecond, target: `>= ${GOALS.handlersPerCpuSecond}`, pass: m.ok && m.handlersPerCpuSecond >= GOALS.handlersPerCpuSecond },
    { goal: 'convert peak RSS (MB)', measured: m.first.peakRssMb, target: `< ${GOALS.peakRssMb}`, pass: m.first.peakRssMb < GOALS.peakRssMb },
    { goal: 'codemod time / TypeScript parse time', measured: ratio.ratio, target: `<= ${GOALS.codemodToParseRatio}`, pass: ratio.ratio <= GOALS.codemodToParseRatio },
  ];
  console.log(
    JSON.stringify({
      benchmark: 'convert',
      handlers: COUNT,
      outputFiles: m.outputFiles,
      exitCodes: [m.first.code, m.again.code],
      cpuMs: m.first.cpuMs,
      wallMs: m.first.wallMs,
      peakRssMb: m.first.peakRssMb,
      handlersPerCpuSecond: m.handlersPerCpuSecond,
      unchangedRerun: { cpuMs: m.again.cpuMs, wallMs: m.again.wallMs },
      parseMs: ratio.parseMs,
      codemodMs: ratio.codemodMs,
      codemodToParseRatio: ratio.ratio,
      loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
      goals,
      pass: goals.every((g) => g.pass),
    }),
  );
}

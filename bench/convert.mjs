// Benchmark: convert 1,000 generated Node handlers (~4.5 KB, mixed triggers) from dist/ and compare the codemod
// time with TypeScript's own parse time over the same files in the same run. Prints ONE JSON line.

import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { generateHandlers } from './lib/generate-handlers.mjs';

const COUNT = Number(process.env.BENCH_CONVERT_COUNT ?? 1000);
const { files, plan } = generateHandlers(COUNT);
const { convertPlan } = await import('../dist/convert/index.js');
const { rewriteModule } = await import('../dist/convert/node/rewrite-module.js');

const source = {
  readSource: async (p) => files.get(p),
  listSource: async (dir) => [...files.keys()].filter((f) => f.startsWith(`${dir}/`)).sort(),
};

const t0 = performance.now();
const { tree, report } = await convertPlan(plan, source, { mode: 'auto', emit: false });
const wallMs = performance.now() - t0;

// Same files, same process: TypeScript's parse alone vs the codemod driver (parse + analysis + all transforms + splice).
// Each is run twice and the second (warm) pass is measured, so neither side pays the other's JIT warm-up.
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

const avgBytes = texts.reduce((n, [, s]) => n + s.length, 0) / texts.length;
const filesPerSecond = COUNT / (wallMs / 1000);
const peakRssMB = process.resourceUsage().maxRSS / 1024;
const ratio = codemodMs / parseMs;
const rewritten = report.functions.filter((f) => f.strategy === 'rewrite').length;
const targets = { filesPerSecond: 300, peakRssMB: 1536, codemodToParseRatio: 5 };
console.log(
  JSON.stringify({
    benchmark: 'convert',
    handlers: COUNT,
    avgHandlerBytes: Math.round(avgBytes),
    outputFiles: tree.size,
    rewritten,
    wallMs: Math.round(wallMs),
    filesPerSecond: Math.round(filesPerSecond),
    peakRssMB: Math.round(peakRssMB),
    parseMs: Math.round(parseMs),
    codemodMs: Math.round(codemodMs),
    codemodToParseRatio: Math.round(ratio * 100) / 100,
    targets,
    pass: filesPerSecond >= targets.filesPerSecond && peakRssMB < targets.peakRssMB && ratio <= targets.codemodToParseRatio && rewritten === COUNT,
  }),
);

// Benchmark: emitEstate (Bicep, azd, workflow, manual) for a generated 1,000-function estate.
// Builds the estate from the retail emit fixture, replicated with renamed apps; runs against dist/.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const { emitEstate } = await import('../dist/emit/index.js');
const template = JSON.parse(readFileSync(new URL('../test/emit/fixtures/retail.plan.json', import.meta.url), 'utf8'));

const COPIES = 125; // 3 apps and 8 functions per copy
const apps = [];
for (let i = 0; i < COPIES; i++) {
  for (const app of template.apps) {
    const a = structuredClone(app);
    a.name = `${app.name}-${i}`;
    a.identity.name = a.name;
    a.resources = a.resources.map((r) => (r.kind === 'vnet' ? { ...r, subnetPrefix: `10.${40 + Math.floor(i / 250)}.${i % 250}.0/24`, addressPrefix: '10.0.0.0/8' } : r));
    for (const f of a.functions) f.lambdaName = `${f.lambdaName}-${i}`;
    apps.push(a);
  }
}
const plan = { ...template, apps, summary: { ...template.summary, apps: apps.length, functions: apps.reduce((n, a) => n + a.functions.length, 0) } };
const report = { functions: [], todos: [], warnings: [] };

const t0 = performance.now();
const tree = emitEstate(plan, report);
const ms = performance.now() - t0;
let bytes = 0;
for (const c of tree.values()) bytes += Buffer.byteLength(c);
const rssMB = Math.round(process.resourceUsage().maxRSS / 1024);
const targets = { maxMs: 10000, maxRssMB: 1024 };
console.log(
  JSON.stringify({
    benchmark: 'emit-estate',
    apps: apps.length,
    functions: plan.summary.functions,
    files: tree.size,
    outputMB: Math.round((bytes / 1048576) * 10) / 10,
    ms: Math.round(ms),
    peakRssMB: rssMB,
    targets,
    pass: ms <= targets.maxMs && rssMB <= targets.maxRssMB,
  }),
);

// CPU time of each step of `migrate plan`, in one process, as the CLI runs them: reading the inventory, the rules and
// the handler scan, buildPlan, then plan.json, plan.md, plan.sarif and the summary. For comparing changes on a kept
// benchmark estate (BENCH_KEEP=1 node bench/plan.mjs), also against another build (--dist).
// Usage: node bench/lib/plan-phases.mjs <estate dir with inventory.json> [--dist <built dist>] [--out <dir>]
// Prints one JSON line of CPU milliseconds; the outputs stay in --out (default: a temporary directory, removed).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args.splice(at, 2)[1];
};
const dist = path.resolve(option('--dist') ?? 'dist');
const keep = option('--out');
const [estate] = args;
if (!estate) throw new Error('usage: node bench/lib/plan-phases.mjs <estate dir> [--dist <dir>] [--out <dir>]');
const out = keep ? path.resolve(keep) : mkdtempSync(path.join(os.tmpdir(), 'plan-phases-'));
mkdirSync(out, { recursive: true });
const load = (m) => import(pathToFileURL(path.join(dist, m)).href);

const { readInventory, writePlanJson } = await load('model/io.js');
const { loadRules } = await load('plan/rules/load-rules.js');
const { scanHandlerCode } = await load('plan/sdk-scan.js');
const { buildPlan } = await load('plan/build-plan.js');
const { renderMarkdown } = await load('plan/report-md.js');
const { renderSarifChunks } = await load('plan/report-sarif.js');
const { writeFileAtomic } = await load('util/file-tree.js');
const { resolveFindings } = await load('model/findings.js');
const { groupFindings } = await load('cli/json-output.js');
const { VERSION } = await load('cli/run.js');

const result = { loadAverage1m: os.loadavg()[0] };
let last = process.cpuUsage();
const mark = (what) => {
  const used = process.cpuUsage(last);
  result[what] = Math.round((used.user + used.system) / 1000);
  last = process.cpuUsage();
};
const inventory = await readInventory(path.join(estate, 'inventory.json'));
mark('readInventory');
const rules = await loadRules([], estate);
const code = scanHandlerCode(inventory, estate, () => {});
mark('rulesAndScan');
const plan = buildPlan(inventory, rules, { groupBy: 'default', failOn: 'never', rulesets: ['builtin'], disabled: [], code, cost: {}, sourceRoot: '.', keepInAws: [] });
mark('buildPlan');
await writePlanJson(path.join(out, 'plan.json'), plan);
mark('plan.json');
await writeFileAtomic(path.join(out, 'plan.md'), renderMarkdown(plan, inventory));
mark('plan.md');
await writeFileAtomic(path.join(out, 'plan.sarif'), renderSarifChunks(plan, VERSION));
mark('plan.sarif');
const findings = resolveFindings(plan);
groupFindings(findings);
const blocker = (f) => f.severity === 'blocker';
// As the CLI of that build does it: older builds' groupFindings takes no filter.
if (groupFindings.length >= 2) groupFindings(findings, blocker);
else groupFindings(findings.filter(blocker));
mark('summary');
result.writing = result['plan.json'] + result['plan.md'] + result['plan.sarif'] + result.summary;
console.log(JSON.stringify(result));
if (!keep) rmSync(out, { recursive: true, force: true });

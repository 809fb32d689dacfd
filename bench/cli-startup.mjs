// `migrate --help` must stay instant: heavy modules (AWS SDK, Azure SDK, ts-morph, jsonata, tree-sitter, TypeScript)
// load lazily. Reports the median wall time of 5 runs of `node dist/cli/main.js --help` and the packages that run
// imported; and checks that `discover` and `plan` on a fixture estate never load the Azure SDKs (only
// preflight/verify pay for them), nor the TypeScript compiler or ts-morph (only convert), nor the AWS SDK (only
// `discover --aws`), nor ajv's compiler (the validators are precompiled at build time).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const tracer = fileURLToPath(new URL('./lib/trace-imports.mjs', import.meta.url));
const estate = fileURLToPath(new URL('../fixtures/estates/retail-sam', import.meta.url));
const times = [];
for (let i = 0; i < 5; i++) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [main, '--help'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);

function traced(args) {
  const r = spawnSync(process.execPath, ['--import', tracer, main, ...args], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`migrate ${args[0]} exited ${r.status}: ${r.stderr}`);
  return [...new Set(r.stderr.split('\n').filter((l) => l.startsWith('import:')).map((l) => l.slice(7)))].sort();
}
const isAzure = (p) => /^@azure(-rest)?\//.test(p);
/** Heavy for an offline discover or a plan (ESM imports; the precompiled validators' CommonJS helpers are not traced). */
const isHeavyOffline = (p) => /^(@azure(-rest)?\/|@aws-sdk\/|@smithy\/|ts-morph|@ts-morph\/|typescript|ajv)/.test(p);

const packages = traced(['--help']);
const heavy = packages.filter((p) => /^(@aws-sdk|@smithy|@azure|@azure-rest|ts-morph|jsonata|web-tree-sitter|typescript|ajv)/.test(p));
const out = mkdtempSync(path.join(tmpdir(), 'cli-startup-'));
const azureByCommand = {};
const heavyByCommand = {};
try {
  const discover = traced(['discover', '--template', estate, '--out', path.join(out, 'inventory.json')]);
  const plan = traced(['plan', '--inventory', path.join(out, 'inventory.json'), '--out-dir', out]);
  azureByCommand.discover = discover.filter(isAzure);
  azureByCommand.plan = plan.filter(isAzure);
  heavyByCommand.discover = discover.filter(isHeavyOffline);
  heavyByCommand.plan = plan.filter(isHeavyOffline);
  azureByCommand['preflight --help'] = traced(['preflight', '--help']).filter(isAzure);
  azureByCommand['verify --help'] = traced(['verify', '--help']).filter(isAzure);
} finally {
  rmSync(out, { recursive: true, force: true });
}
const azureLoaded = Object.values(azureByCommand).reduce((n, l) => n + l.length, 0);
const offlineHeavyLoaded = Object.values(heavyByCommand).reduce((n, l) => n + l.length, 0);
const medianMs = Math.round(times[2]);
process.stdout.write(
  `${JSON.stringify({ benchmark: 'cli-startup', medianMs, runsMs: times.map((t) => Math.round(t)), packagesLoaded: packages, heavyLoaded: heavy, azureByCommand, heavyByCommand, targets: { medianMs: 300, heavyLoaded: 0, azureLoaded: 0, offlineHeavyLoaded: 0 }, pass: medianMs <= 300 && heavy.length === 0 && azureLoaded === 0 && offlineHeavyLoaded === 0 })}\n`,
);

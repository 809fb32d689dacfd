#!/usr/bin/env node
// `npm run corpus -- <dir> [--out <dir>] [--timeout <seconds>] [--no-tests] [--install] [--python <exe>] [--json]`
//
// Runs discover → plan → convert → the generated tests over every estate under <dir> (a directory holding a SAM,
// CloudFormation or Serverless template; directories below an estate are part of it) and prints a table: estates,
// functions, apps, tests green, not proven, failures by class. The JSON summary is written to <out>/corpus.json.
// Each estate has a time budget (--timeout, default 300 s) shared by its steps; a failing or slow estate is recorded
// and the run goes on. Everything is written under --out (default: a new directory in the system temp dir): one
// folder per estate (inventory, plan, converted repository, logs). Node apps are built and tested with this tool's
// own node_modules (linked into --out) unless --install runs `npm install` in each app (slow, needs the registry).
// Python apps run pytest with --python (default: .venv/py/bin/python when present).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '..');
const CLI = path.join(REPO, 'dist/cli/main.js');
const SKIP = new Set(['node_modules', '.git', '.aws-sam', '.serverless', 'dist', 'build', 'cdk.out', 'coverage', '.venv', '__pycache__']);
const TEMPLATE_NAMES = /^(template|serverless)\.(ya?ml|json)$|\.template\.(ya?ml|json)$/i;
const MAX_DEPTH = 8;
const MAX_ESTATES = 5000;

function usage(message) {
  process.stderr.write(`corpus: ${message}\nusage: npm run corpus -- <dir> [--out <dir>] [--timeout <seconds>] [--no-tests] [--install] [--python <exe>] [--json]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { dir: undefined, out: undefined, timeout: 300, tests: true, install: false, python: undefined, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--out') o.out = value();
    else if (a === '--timeout') o.timeout = Number(value());
    else if (a === '--no-tests') o.tests = false;
    else if (a === '--install') o.install = true;
    else if (a === '--python') o.python = value();
    else if (a === '--json') o.json = true;
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (o.dir === undefined) o.dir = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!o.dir) usage('a directory is required');
  if (!Number.isFinite(o.timeout) || o.timeout <= 0) usage('--timeout must be a positive number of seconds');
  return o;
}

/** Whether a template-looking file is one: its first 4 KB name CloudFormation, SAM or a Serverless service. */
function isTemplate(file) {
  let head;
  try {
    head = readFileSync(file, { encoding: 'utf8', flag: 'r' }).slice(0, 4096);
  } catch {
    return false;
  }
  return /AWSTemplateFormatVersion|AWS::Serverless-2016-10-31|AWS::Lambda::Function|^service\s*:|"service"\s*:/m.test(head);
}

/** Estate directories under `root`, sorted: the shallowest directory holding a template (not descended further). */
export function findEstates(root) {
  const out = [];
  const walk = (dir, depth) => {
    if (depth > MAX_DEPTH || out.length >= MAX_ESTATES) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && TEMPLATE_NAMES.test(e.name) && isTemplate(path.join(dir, e.name)))) {
      out.push(dir);
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) if (e.isDirectory() && !SKIP.has(e.name)) walk(path.join(dir, e.name), depth + 1);
  };
  walk(path.resolve(root), 0);
  return out;
}

function run(cmd, args, opts, deadline) {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return { status: null, timedOut: true, stdout: '', stderr: '' };
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: remaining, killSignal: 'SIGKILL', ...opts });
  return { status: r.status, timedOut: r.error?.code === 'ETIMEDOUT' || (r.status === null && r.signal === 'SIGKILL'), stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** TAP summary of `node --test`: pass, fail, and not proven (skipped or todo). */
function tapCounts(text) {
  const n = (k) => Number(new RegExp(`^# ${k} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { passed: n('pass'), failed: n('fail') + n('cancelled'), notProven: n('skipped') + n('todo') };
}

/** pytest's last line: `3 passed, 1 failed, 2 skipped in 0.4s`. */
function pytestCounts(text) {
  const n = (k) => Number(new RegExp(`(\\d+) ${k}`).exec(text)?.[1] ?? 0);
  return { passed: n('passed'), failed: n('failed') + n('error'), notProven: n('skipped') + n('xfailed') };
}

function estateRun(estate, name, o, outRoot) {
  const dir = path.join(outRoot, name);
  mkdirSync(dir, { recursive: true });
  const deadline = Date.now() + o.timeout * 1000;
  const result = { estate: name, path: estate, functions: 0, apps: 0, converted: 0, manual: 0, tests: { passed: 0, failed: 0, notProven: 0 }, failures: [] };
  const log = (step, r) => writeFileSync(path.join(dir, `${step}.log`), `${r.stdout}${r.stderr}`);
  const fail = (cls, detail) => result.failures.push({ class: cls, detail: detail.split('\n').find((l) => l.trim() !== '')?.slice(0, 300) ?? '' });
  const cli = (step, args) => {
    const r = run(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } }, deadline);
    log(step, r);
    if (r.timedOut) fail(`timeout:${step}`, `${step} exceeded the estate's ${o.timeout}s budget`);
    else if (r.status === 2) fail(`${step}:input`, r.stderr);
    else if (r.status !== 0 && r.status !== 1) fail(`${step}:internal`, r.stderr);
    return !r.timedOut && (r.status === 0 || r.status === 1);
  };
  if (!cli('discover', ['discover', '--template', estate, '--out', 'inventory.json'])) return result;
  const inventory = JSON.parse(readFileSync(path.join(dir, 'inventory.json'), 'utf8'));
  result.functions = inventory.functions.length;
  if (!cli('plan', ['plan', '--inventory', 'inventory.json', '--out-dir', '.', '--fail-on', 'never', '--format', 'json'])) return result;
  if (!cli('convert', ['convert', '--plan', 'plan.json', '--out-dir', 'azure', '--json'])) return result;
  let report;
  try {
    report = JSON.parse(readFileSync(path.join(dir, 'convert.log'), 'utf8').split('\n').find((l) => l.startsWith('{')) ?? '{}');
  } catch {
    report = {};
  }
  const appsDir = path.join(dir, 'azure/apps');
  const apps = existsSync(appsDir) ? readdirSync(appsDir).sort() : [];
  result.apps = apps.length;
  const counts = report.functions ?? {};
  result.converted = (counts.rewrite ?? 0) + (counts.adapter ?? 0);
  result.manual = counts.manual ?? 0;
  if (!o.tests) return result;
  const runtime = path.join(dir, 'azure/packages/migrate-runtime');
  if (existsSync(runtime) && !o.install) {
    mkdirSync(path.join(dir, 'azure/node_modules'), { recursive: true });
    if (!existsSync(path.join(dir, 'azure/node_modules/migrate-runtime'))) symlinkSync(runtime, path.join(dir, 'azure/node_modules/migrate-runtime'), 'dir');
  }
  for (const app of apps) {
    const appDir = path.join(appsDir, app);
    const add = (c) => {
      result.tests.passed += c.passed;
      result.tests.failed += c.failed;
      result.tests.notProven += c.notProven;
    };
    if (existsSync(path.join(appDir, 'tsconfig.json'))) {
      if (o.install) {
        const i = run('npm', ['install', '--no-audit', '--no-fund'], { cwd: appDir }, deadline);
        log(`install-${app}`, i);
        if (i.status !== 0) {
          fail(i.timedOut ? 'timeout:install' : 'install', i.stderr || i.stdout);
          continue;
        }
      }
      const build = o.install
        ? run('npm', ['run', 'build'], { cwd: appDir }, deadline)
        : run(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: appDir }, deadline);
      const copy = build.status === 0 && !o.install ? run(process.execPath, [path.join(runtime, 'bin/copy-declared-js.mjs'), appDir], { cwd: appDir }, deadline) : build;
      log(`build-${app}`, { stdout: build.stdout + copy.stdout, stderr: build.stderr + copy.stderr });
      if (build.status !== 0 || copy.status !== 0) {
        // Without --install only this tool's packages are there: a package the app needs is missing, not broken.
        const missing = !o.install && /error TS2307: Cannot find module '[^.]/.test(build.stdout);
        fail(build.timedOut ? 'timeout:build' : missing ? 'build:not-installed' : 'build', missing ? `${app}: a dependency is not installed (rerun with --install)` : build.stdout + build.stderr + copy.stderr);
        continue;
      }
      const t = run(process.execPath, ['--test', '--test-reporter=tap', 'dist/test/**/*.test.js'], { cwd: appDir, env: { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' } }, deadline);
      log(`test-${app}`, t);
      const c = tapCounts(t.stdout);
      add(c);
      if (t.timedOut) fail('timeout:test', `tests of ${app}`);
      else if (c.failed > 0) fail('test', `${app}: ${c.failed} failed`);
    } else if (existsSync(path.join(appDir, 'function_app.py')) && o.python && existsSync(path.join(appDir, 'tests'))) {
      const t = run(o.python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'], { cwd: appDir, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } }, deadline);
      log(`test-${app}`, t);
      const c = pytestCounts(t.stdout);
      add(c);
      if (t.timedOut) fail('timeout:test', `tests of ${app}`);
      else if (c.failed > 0 || (t.status !== 0 && t.status !== 5)) fail('test', `${app}: ${c.failed} failed`);
    }
  }
  return result;
}

function table(results) {
  const sum = (f) => results.reduce((n, r) => n + f(r), 0);
  const classes = {};
  for (const r of results) for (const f of r.failures) classes[f.class] = (classes[f.class] ?? 0) + 1;
  const summary = {
    estates: results.length,
    estatesWithoutFailures: results.filter((r) => r.failures.length === 0).length,
    functions: sum((r) => r.functions),
    apps: sum((r) => r.apps),
    converted: sum((r) => r.converted),
    manual: sum((r) => r.manual),
    testsGreen: sum((r) => r.tests.passed),
    testsFailed: sum((r) => r.tests.failed),
    notProven: sum((r) => r.tests.notProven),
    failuresByClass: Object.fromEntries(Object.entries(classes).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  const rows = [['estate', 'functions', 'apps', 'converted', 'manual', 'green', 'not proven', 'failed', 'failures']];
  for (const r of results) rows.push([r.estate, r.functions, r.apps, r.converted, r.manual, r.tests.passed, r.tests.notProven, r.tests.failed, r.failures.map((f) => f.class).join(', ')]);
  rows.push(['TOTAL', summary.functions, summary.apps, summary.converted, summary.manual, summary.testsGreen, summary.notProven, summary.testsFailed, Object.entries(summary.failuresByClass).map(([k, v]) => `${k}×${v}`).join(', ')]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  const text = rows.map((row) => row.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd()).join('\n');
  return { summary, text };
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(CLI)) usage('dist/ is missing: run npm run build first');
  if (!existsSync(o.dir)) usage(`${o.dir}: no such directory`);
  o.python ??= existsSync(path.join(REPO, '.venv/py/bin/python')) ? path.join(REPO, '.venv/py/bin/python') : undefined;
  const out = path.resolve(o.out ?? mkdtempSync(path.join(os.tmpdir(), 'migrate-corpus-')));
  mkdirSync(out, { recursive: true });
  if (o.tests && !o.install && !existsSync(path.join(out, 'node_modules'))) symlinkSync(path.join(REPO, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  const estates = findEstates(o.dir);
  const root = path.resolve(o.dir);
  const names = new Set();
  const results = [];
  for (const estate of estates) {
    let name = (path.relative(root, estate) || path.basename(estate)).split(path.sep).join('__');
    while (names.has(name)) name += '_';
    names.add(name);
    if (!o.json) process.stderr.write(`corpus: ${name}\n`);
    try {
      results.push(estateRun(estate, name, o, out));
    } catch (e) {
      results.push({ estate: name, path: estate, functions: 0, apps: 0, converted: 0, manual: 0, tests: { passed: 0, failed: 0, notProven: 0 }, failures: [{ class: 'runner', detail: String(e?.message ?? e) }] });
    }
  }
  const { summary, text } = table(results);
  const json = { summary, estates: results.map(({ path: _p, ...r }) => r) };
  writeFileSync(path.join(out, 'corpus.json'), `${JSON.stringify(json, null, 2)}\n`);
  if (o.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else process.stdout.write(`${text}\n\n${JSON.stringify(summary)}\nOutput: ${out} (corpus.json)\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();

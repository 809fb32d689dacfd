// Makes sure the Python stand-ins the tests use are installed, in two virtualenvs:
//   .venv/py       moto[server] (the AWS API on loopback), azure-functions (runs converted Python), aws-sam-translator,
//                  azure-mgmt-* (the REST API models generated Bicep is checked against), pytest (runtime/python's tests)
//   .venv/checkov  checkov (Bicep security posture); kept apart because its pins clash with moto's.
// Created once per machine and reused: each lives in a cache directory named by the hash of its requirements and
// the Python version (MIGRATE_VENV_CACHE, else $XDG_CACHE_HOME or ~/.cache, /lambda-to-functions/venvs), and
// .venv/<name> is a symbolic link to it. A fresh clone with the same requirements links the existing one (no pip);
// a changed requirement list builds a new one beside it. A complete environment carries a stamp, written last.
// A .venv/<name> that is a real directory (an older layout, or one provided by the machine) is kept and used, and
// completed in place with pip when it cannot import what the tests need; a link elsewhere that works is kept too.
// Then each environment's prepare script runs (checkov's: scripts/checkov-parse-tables.py); it is quick when done.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const envs = [
  {
    name: 'py',
    check: 'import moto, flask, azure.functions, samtranslator, pytest, azure.mgmt.web, azure.mgmt.msi, azure.mgmt.eventgrid',
    packages: [
      'moto[server]',
      'azure-functions',
      'aws-sam-translator',
      'pytest',
      // The Azure REST API models generated Bicep is checked against (test/support/arm-models).
      ...['web', 'storage', 'cosmosdb', 'keyvault', 'servicebus', 'eventhub', 'eventgrid', 'msi', 'authorization', 'network',
        'applicationinsights', 'loganalytics', 'resource'].map((p) => `azure-mgmt-${p}`),
    ],
  },
  // After install (and on every run, cheaply): the JSONPath parse tables checkov's bc_jsonpath_ng never writes
  // (scripts/checkov-parse-tables.py; a checkov run over the generated Bicep goes from ~13 s to ~5 s of CPU).
  { name: 'checkov', check: 'import checkov', packages: ['checkov'], prepare: 'checkov-parse-tables.py' },
];
const STAMP = '.migrate-requirements';
const python = process.env.PYTHON ?? 'python3';
const cacheRoot = path.resolve(process.env.MIGRATE_VENV_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'lambda-to-functions', 'venvs'));

function run(cmd, args) {
  return spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] }).status === 0;
}
function lstatOrNull(p) {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}

const version = spawnSync(python, ['-c', 'import sys; print(sys.version)'], { encoding: 'utf8' });
if (version.status !== 0) {
  process.stderr.write(`ensure-python: ${python} does not run; set PYTHON to a Python 3 interpreter\n`);
  process.exit(1);
}
for (const env of envs) {
  ensure(env);
  // A speed-up only: when it cannot run, the tests still pass, slower.
  if (env.prepare && !run(path.join('.venv', env.name, 'bin/python'), [path.join(import.meta.dirname, env.prepare)])) {
    process.stderr.write(`ensure-python: scripts/${env.prepare} failed in .venv/${env.name}; the tests will be slower\n`);
  }
}

/** Makes .venv/<name> a working environment: the user's, completed in place, or one of the cache, linked. */
function ensure(env) {
  const link = path.join('.venv', env.name);
  const hash = createHash('sha256').update(JSON.stringify({ python: version.stdout.trim(), packages: env.packages })).digest('hex').slice(0, 16);
  const cached = path.join(cacheRoot, `${env.name}-${hash}`);
  const st = lstatOrNull(link);
  const intoCache = st?.isSymbolicLink() && path.dirname(path.resolve(path.dirname(link), readlinkSync(link))) === cacheRoot;
  // A link to an environment of our own cache follows the requirements; one to anywhere else is the user's.
  if (st?.isSymbolicLink() && !intoCache && spawnSync(path.join(link, 'bin/python'), ['-c', env.check]).status === 0) return;
  if (st && !st.isSymbolicLink()) {
    // A real directory: used as it is when it works, completed in place otherwise (never replaced or removed).
    const py = path.join(link, 'bin/python');
    if (existsSync(py) && spawnSync(py, ['-c', env.check]).status === 0) return;
    process.stderr.write(`Installing ${env.packages.join(', ')} into ${link} ...\n`);
    if (!existsSync(py) && !run(python, ['-m', 'venv', link])) process.exit(1);
    if (!run(py, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...env.packages])) process.exit(1);
    return;
  }
  if (!existsSync(path.join(cached, STAMP))) {
    process.stderr.write(`Installing ${env.packages.join(', ')} into ${cached} ...\n`);
    // An unstamped directory is an interrupted install: start over (a virtualenv cannot be moved into place).
    rmSync(cached, { recursive: true, force: true });
    mkdirSync(cacheRoot, { recursive: true });
    if (!run(python, ['-m', 'venv', cached])) process.exit(1);
    const py = path.join(cached, 'bin/python');
    if (!run(py, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...env.packages])) process.exit(1);
    if (spawnSync(py, ['-c', env.check]).status !== 0) {
      process.stderr.write(`ensure-python: ${cached} was installed but cannot import what the tests need (${env.check})\n`);
      process.exit(1);
    }
    writeFileSync(path.join(cached, STAMP), `${env.packages.join('\n')}\n`);
  }
  if (st && readlinkSync(link) === cached) return;
  if (st) unlinkSync(link); // a link to another (older) environment: only the link goes
  mkdirSync('.venv', { recursive: true });
  symlinkSync(cached, link, 'dir');
}

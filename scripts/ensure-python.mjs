// Makes sure the Python stand-ins the tests use are installed, in two project-local virtualenvs:
//   .venv/py       moto[server] (the AWS API on loopback), azure-functions (runs converted Python), aws-sam-translator,
//                  pytest (runs runtime/python's tests)
//   .venv/checkov  checkov (Bicep security posture); kept apart because its pins clash with moto's.
// Idempotent: a present, importable venv is left alone.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const envs = [
  { dir: '.venv/py', check: 'import moto, flask, azure.functions, samtranslator, pytest', packages: ['moto[server]', 'azure-functions', 'aws-sam-translator', 'pytest'] },
  { dir: '.venv/checkov', check: 'import checkov', packages: ['checkov'] },
];
const python = process.env.PYTHON ?? 'python3';
function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  return r.status === 0;
}
for (const env of envs) {
  const py = `${env.dir}/bin/python`;
  if (existsSync(py) && spawnSync(py, ['-c', env.check]).status === 0) continue;
  process.stderr.write(`Installing ${env.packages.join(', ')} into ${env.dir} ...\n`);
  if (!existsSync(py) && !run(python, ['-m', 'venv', env.dir])) process.exit(1);
  if (!run(py, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...env.packages])) process.exit(1);
}

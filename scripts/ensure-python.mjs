// Makes sure the Python stand-ins the tests use are installed, in two project-local virtualenvs:
//   .venv/py       moto[server] (the AWS API on loopback), azure-functions (runs converted Python), aws-sam-translator,
//                  azure-mgmt-* (the REST API models generated Bicep is checked against), pytest (runtime/python's tests)
//   .venv/checkov  checkov (Bicep security posture); kept apart because its pins clash with moto's.
// Idempotent: a present, importable venv is left alone.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const envs = [
  {
    dir: '.venv/py',
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

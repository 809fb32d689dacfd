// `migrate preflight`: read-only checks of the Azure target before `azd provision` (src/azure/run-preflight.ts).
// Also the options preflight and verify share: subscription, cloud, endpoint, credential, reports, --fail-on.

import { Option } from 'commander';
import type { CredentialKind } from '../azure/credential.js';
import { MigrateError } from '../util/errors.js';
import { MigrateCommand } from './command.js';
import { Reporter, type CliIO } from './io.js';
import { printJson } from './json-output.js';
import type { CommandFactory } from './run.js';

export interface TargetFlags {
  plan: string;
  subscription: string;
  outDir: string;
  cloud: string;
  armEndpoint?: string;
  credential: string;
  format: string;
  failOn: 'blocker' | 'warning' | 'never';
  json?: boolean;
}

const CREDENTIALS = ['default', 'azure-cli', 'azd', 'environment', 'workload-identity', 'managed-identity'];

export function addTargetOptions<F extends object>(cmd: MigrateCommand<F>, defaultFailOn: 'blocker' | 'warning'): MigrateCommand<F> {
  return cmd
    .required('--plan <file>', 'plan.json from migrate plan')
    .required('--subscription <id>', 'Azure subscription id')
    .option('--out-dir <dir>', 'where to write the reports', '.')
    .addOption(new Option('--cloud <name>', 'Azure cloud').choices(['public', 'china', 'usgov']).default('public'))
    .option('--arm-endpoint <url>', 'Resource Manager endpoint (Azure Stack Hub); the token audience follows it')
    .addOption(
      new Option('--credential <kind>', 'how to sign in: default = Azure CLI, azd, environment, workload identity (never managed identity)')
        .choices(CREDENTIALS)
        .default('default'),
    )
    .addOption(new Option('--format <list>', 'reports to write: md,json,sarif').default('md,json,sarif'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when findings reach this severity').choices(['blocker', 'warning', 'never']).default(defaultFailOn))
    .option('--json', 'print one JSON summary on stdout (schema in docs/cli.md) and nothing on stderr');
}

export function parseFormats(list: string): ('md' | 'json' | 'sarif')[] {
  const formats = list.split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of formats) if (!['md', 'json', 'sarif'].includes(f)) throw new MigrateError('usage', `--format ${f}: expected md, json or sarif`);
  return formats as ('md' | 'json' | 'sarif')[];
}

/** The shared ending of both commands: summary on stderr (or --json on stdout), exit code from --fail-on. */
export async function reportTargetRun(
  io: CliIO,
  flags: TargetFlags,
  result: { report: { command: string; findings: { severity: string; ruleId: string; message: string }[] }; written: string[]; exitCode: number },
): Promise<number> {
  const reporter = await new Reporter(io, { json: flags.json }).init();
  const count = (s: string) => result.report.findings.filter((f) => f.severity === s).length;
  if (flags.json) {
    printJson(io, result.report.command, {
      outDir: flags.outDir,
      written: result.written,
      findings: { blocker: count('blocker'), warning: count('warning'), info: count('info'), list: result.report.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message })) },
      exitCode: result.exitCode,
    });
    return result.exitCode;
  }
  reporter.success(`${result.report.command}: ${count('blocker')} blocker(s), ${count('warning')} warning(s), ${count('info')} note(s) → ${flags.outDir}/{${result.written.join(',')}}`);
  for (const f of result.report.findings.filter((x) => x.severity !== 'info').slice(0, 15)) {
    reporter.result(`${f.severity === 'blocker' ? reporter.red('blocker') : reporter.yellow('warning')} ${f.ruleId} ${f.message}`);
  }
  if (result.exitCode !== 0) reporter.warn(`findings reach --fail-on ${flags.failOn}: exit 1`);
  return result.exitCode;
}

interface PreflightFlags extends TargetFlags {
  location: string;
  environment?: string;
}

export const preflightCommand: CommandFactory = (io, setExit) =>
  addTargetOptions(
    new MigrateCommand<PreflightFlags>('preflight', 'Check the Azure target before `azd provision`: Flex region, runtime, names, providers, quota, existing resources, RBAC (read-only)')
      .required('--location <region>', 'Azure region the estate will be provisioned in (AZURE_LOCATION)')
      .option('--environment <name>', 'azd environment name; resource names derive from it (default: $AZURE_ENV_NAME)'),
    'blocker',
  )
    .examples([
      { what: 'before azd provision', command: 'preflight --plan out/plan.json --subscription 00000000-0000-0000-0000-000000000000 --location eastus --environment orders-prod' },
      { what: 'Azure China, reports into out/', command: 'preflight --plan out/plan.json --subscription $AZURE_SUBSCRIPTION_ID --location chinanorth3 --cloud china --out-dir out' },
    ])
    .exitCodes({ 1: 'findings reach --fail-on (the target cannot hold the plan)', 2: 'bad input or usage, or no credentials (az login / azd auth login)' })
    .action(async (flags: PreflightFlags) => {
      const { runPreflight } = await import('../azure/run-preflight.js');
      const { VERSION } = await import('./run.js');
      const result = await runPreflight({
        plan: flags.plan,
        outDir: flags.outDir,
        subscription: flags.subscription,
        location: flags.location,
        environmentName: flags.environment ?? io.env.AZURE_ENV_NAME ?? '',
        cloud: flags.cloud,
        armEndpoint: flags.armEndpoint,
        credentialKind: flags.credential as CredentialKind,
        formats: parseFormats(flags.format),
        failOn: flags.failOn,
        cwd: io.cwd,
        toolVersion: VERSION,
      });
      setExit(await reportTargetRun(io, flags, result));
    });

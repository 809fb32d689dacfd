// `migrate preflight`: read-only checks of the Azure target before `azd provision` (src/azure/run-preflight.ts).
// Also the options preflight and verify share: subscription, cloud, endpoint, credential, reports, --fail-on.

import { Command, Option } from 'commander';
import type { CredentialKind } from '../azure/credential.js';
import { MigrateError } from '../util/errors.js';
import { Reporter, type CliIO } from './io.js';
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

export function addTargetOptions(cmd: Command, defaultFailOn: 'blocker' | 'warning'): Command {
  return cmd
    .requiredOption('--plan <file>', 'plan.json from migrate plan')
    .requiredOption('--subscription <id>', 'Azure subscription id')
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
    .option('--json', 'print a machine-readable summary on stdout and nothing on stderr');
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
    io.stdout(`${JSON.stringify({ command: result.report.command, outDir: flags.outDir, written: result.written, findings: { blocker: count('blocker'), warning: count('warning'), info: count('info') }, exitCode: result.exitCode })}\n`);
    return result.exitCode;
  }
  reporter.success(`${result.report.command}: ${count('blocker')} blocker(s), ${count('warning')} warning(s), ${count('info')} note(s) → ${flags.outDir}/{${result.written.join(',')}}`);
  for (const f of result.report.findings.filter((x) => x.severity !== 'info').slice(0, 15)) {
    reporter.info(`${f.severity === 'blocker' ? reporter.red('blocker') : reporter.yellow('warning')} ${f.ruleId} ${f.message}`);
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
    new Command('preflight')
      .description('Check the Azure target before `azd provision`: Flex region, runtime, names, providers, quota, existing resources, RBAC (read-only)')
      .requiredOption('--location <region>', 'Azure region the estate will be provisioned in (AZURE_LOCATION)')
      .option('--environment <name>', 'azd environment name; resource names derive from it (default: $AZURE_ENV_NAME)'),
    'blocker',
  )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  migrate preflight --plan out/plan.json --subscription 00000000-0000-0000-0000-000000000000 --location eastus --environment orders-prod',
        '  migrate preflight --plan out/plan.json --subscription $AZURE_SUBSCRIPTION_ID --location chinanorth3 --cloud china --out-dir out',
        '',
        'Exit codes: 0 ready, 1 findings reach --fail-on, 2 bad input or no credentials (az login / azd auth login).',
      ].join('\n'),
    )
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

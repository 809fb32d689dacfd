// `migrate verify`: compare what runs in Azure with the plan after `azd deploy` (src/azure/run-verify.ts).

import type { CredentialKind } from '../azure/credential.js';
import { MigrateCommand } from './command.js';
import { addTargetOptions, parseFormats, reportTargetRun, type TargetFlags } from './preflight.js';
import type { CommandFactory } from './run.js';

interface VerifyFlags extends TargetFlags {
  resourceGroup: string;
  smoke?: boolean;
  smokeAll?: boolean;
  routePrefix: string;
}

export const verifyCommand: CommandFactory = (io, setExit) =>
  addTargetOptions(
    new MigrateCommand<VerifyFlags>('verify', 'Check the deployed apps against the plan after `azd deploy`: config, indexed functions, settings, Key Vault references, identities, roles')
      .required('--resource-group <name>', 'resource group azd deployed to (rg-<environment>)')
      .option('--smoke', "call each HTTP function's GET routes and report status codes")
      .option('--smoke-all', 'like --smoke, and also call the other methods each route accepts (they may change data)')
      .option('--route-prefix <prefix>', 'host.json route prefix of the generated apps', 'api/'),
    'warning',
  )
    .examples([
      { what: 'after azd deploy', command: 'verify --plan out/plan.json --subscription $AZURE_SUBSCRIPTION_ID --resource-group rg-orders-prod' },
      { what: 'also call each HTTP GET route; Markdown and SARIF reports', command: 'verify --plan out/plan.json --subscription $AZURE_SUBSCRIPTION_ID --resource-group rg-orders-prod --smoke --format md,sarif' },
    ])
    .exitCodes({ 1: 'any mismatch with the plan (per --fail-on)', 2: 'bad input or usage, or no credentials (az login / azd auth login)' })
    .action(async (flags: VerifyFlags) => {
      const { runVerify } = await import('../azure/run-verify.js');
      const { VERSION } = await import('./run.js');
      const result = await runVerify({
        plan: flags.plan,
        outDir: flags.outDir,
        subscription: flags.subscription,
        resourceGroup: flags.resourceGroup,
        cloud: flags.cloud,
        armEndpoint: flags.armEndpoint,
        credentialKind: flags.credential as CredentialKind,
        smoke: flags.smokeAll ? 'all' : flags.smoke ? 'get' : 'off',
        routePrefix: flags.routePrefix,
        formats: parseFormats(flags.format),
        failOn: flags.failOn,
        cwd: io.cwd,
        toolVersion: VERSION,
      });
      setExit(await reportTargetRun(io, flags, result));
    });

// `migrate discover`: templates or a live AWS account → inventory.json.

import path from 'node:path';
import { Option } from 'commander';
import type { Inventory } from '../model/inventory.js';
import { EXIT } from '../util/errors.js';
import { compareStrings } from '../util/json.js';
import { collect, MigrateCommand } from './command.js';
import { Reporter, type CliIO } from './io.js';
import { printJson, warningDetail } from './json-output.js';
import type { CommandFactory } from './run.js';

interface DiscoverFlags {
  template?: string[];
  aws?: boolean;
  profile?: string;
  region?: string;
  roleArn?: string;
  endpointUrl?: string;
  function?: string[];
  includeValues?: boolean;
  readEveryFunction?: boolean;
  org?: boolean;
  roleName: string;
  accounts?: string;
  shard?: string;
  out: string;
  json?: boolean;
}

export const discoverCommand: CommandFactory = (io, setExit) => {
  const cmd = new MigrateCommand<DiscoverFlags>('discover', 'Inventory Lambda functions, triggers, roles and environment from templates or a live AWS account');
  return cmd
    .option('--template <file|dir>', 'SAM / CloudFormation / Serverless template or a directory to search (repeatable); or use --aws', collect)
    .option('--aws', 'discover from a live AWS account (read-only); or use --template')
    .option('--profile <name>', 'AWS shared-config profile: its region, SSO, credential_process and role_arn apply (default: AWS_PROFILE)')
    .option('--region <list>', "regions, comma-separated, or 'all' (default: AWS_REGION, then the profile's region)")
    .option('--role-arn <arn>', 'assume this role first')
    .option('--endpoint-url <url>', 'AWS endpoint override (default: AWS_ENDPOINT_URL), e.g. a local emulator')
    .option('--function <glob>', 'only functions whose name matches (repeatable)', collect)
    .option('--org', 'with --aws: every account of the AWS organization, through a role assumed in each')
    .addOption(new Option('--role-name <name>', 'with --org: the role assumed in each member account').default('OrganizationAccountAccessRole'))
    .option('--accounts <list>', 'with --org: only these account ids and ou:<OU or root id>, comma-separated')
    .option('--shard <i/n>', "with --org: discover share i of n of the (account, region) pairs, for a CI matrix; combine with 'migrate merge'")
    .option('--read-every-function', 'with --aws: lambda:GetFunction for every function instead of region-wide tags and concurrency totals; finds a reserved concurrency of 0 (a function switched off), one more call per function, no longer wall time')
    .option('--include-values', 'write non-secret environment values (secret-like values are never written)')
    .addOption(new Option('--out <file>', 'where to write the inventory').default('inventory.json'))
    .option('--json', 'print one JSON summary on stdout (schema in docs/cli.md) and nothing on stderr')
    .sources({
      source: (f) => (f.aws ? 'aws' : 'templates'),
      appliesTo: { profile: ['aws'], region: ['aws'], roleArn: ['aws'], endpointUrl: ['aws'] },
    })
    .examples([
      { what: 'a SAM, CloudFormation or Serverless project on disk', command: 'discover --template ./template.yaml --out inventory.json' },
      { what: 'every template under a directory, only the order functions', command: "discover --template ./stacks --function 'orders-*'" },
      { what: "a live account through a named profile (its region, SSO or role_arn from ~/.aws/config)", command: 'discover --aws --profile dev' },
      { what: 'two regions, assuming a read-only role first', command: 'discover --aws --region us-east-1,eu-west-1 --role-arn arn:aws:iam::123456789012:role/ReadOnly' },
      { what: 'in CI: machine-readable summary, exit code for incomplete reads', command: 'discover --aws --region us-east-1 --json > discover.json' },
      { what: 'a whole AWS organization, share 1 of 4 of a CI matrix (then migrate merge)', command: 'discover --aws --org --region all --shard 1/4 --out inv-1.json' },
    ])
    .exitCodes({ 1: 'live discovery could not read everything (denied or throttled calls): the inventory is incomplete' })
    .action(async (flags: DiscoverFlags) => setExit(await runDiscover(flags, io, cmd)));
};

async function runDiscover(flags: DiscoverFlags, io: CliIO, cmd: MigrateCommand<DiscoverFlags>): Promise<number> {
  const reporter = await new Reporter(io, { json: flags.json }).init();
  const hasTemplates = (flags.template?.length ?? 0) > 0;
  if (hasTemplates === Boolean(flags.aws)) throw cmd.usageError(hasTemplates ? 'give --template or --aws, not both' : 'give either --template <file|dir>... or --aws');
  if (flags.org && !flags.aws) throw cmd.usageError('--org needs --aws');
  for (const [flag, given] of [['--accounts', flags.accounts], ['--shard', flags.shard], ['--role-name', flags.roleName !== 'OrganizationAccountAccessRole' ? flags.roleName : undefined]] as const) {
    if (given !== undefined && !flags.org) throw cmd.usageError(`${flag} needs --org (e.g. migrate discover --aws --org --region all --shard 1/4)`);
  }
  const outFile = path.resolve(io.cwd, flags.out);
  let inventory: Inventory;
  if (hasTemplates) {
    const { discoverTemplates } = await import('../discover/templates/index.js');
    inventory = await discoverTemplates(flags.template!, {
      cwd: io.cwd,
      outDir: path.dirname(outFile),
      includeValues: Boolean(flags.includeValues),
      functionGlobs: flags.function,
    });
  } else {
    const { discoverAws, orgOptions } = await import('../discover/aws/index.js');
    inventory = await discoverAws(
      {
        profile: flags.profile,
        regions: flags.region ? flags.region.split(',').map((r) => r.trim()).filter(Boolean) : undefined,
        roleArn: flags.roleArn,
        endpointUrl: flags.endpointUrl,
        functionGlobs: flags.function,
        includeValues: Boolean(flags.includeValues),
        readEveryFunction: Boolean(flags.readEveryFunction),
        env: io.env,
        org: flags.org ? orgOptions(flags) : undefined,
      },
      reporter,
    );
  }
  const { writeInventory } = await import('../model/io.js');
  await writeInventory(outFile, inventory);
  const summary = summarize(inventory);
  const org = inventory.source.accounts ? { accounts: inventory.source.accounts.length, shard: inventory.source.shard } : {};
  // Exit 1 when live discovery could not read everything (denied or throttled calls): the inventory is incomplete.
  const exit = inventory.warnings.some((w) => w.code.startsWith('aws.')) ? EXIT.findings : EXIT.ok;
  if (flags.json) printJson(io, 'discover', { out: flags.out, ...summary, ...org, warnings: inventory.warnings.map(warningDetail), exitCode: exit });
  else printSummary(reporter, inventory, summary, flags.out);
  return exit;
}

interface Summary {
  source: Inventory['source']['kind'];
  functions: number;
  byRuntime: Record<string, number>;
  byTrigger: Record<string, number>;
  roles: number;
}

function countInto(map: Record<string, number>, key: string) {
  map[key] = (map[key] ?? 0) + 1;
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => compareStrings(a, b)));
}

function summarize(inv: Inventory): Summary {
  const byRuntime: Record<string, number> = {};
  const byTrigger: Record<string, number> = {};
  for (const f of inv.functions) {
    countInto(byRuntime, f.runtime.id ?? (f.packageType === 'Image' ? 'image' : 'unknown'));
    for (const t of f.triggers) countInto(byTrigger, t.kind);
  }
  return {
    source: inv.source.kind,
    functions: inv.functions.length,
    byRuntime: sortedRecord(byRuntime),
    byTrigger: sortedRecord(byTrigger),
    roles: inv.roles.length,
  };
}

function printSummary(r: Reporter, inv: Inventory, s: Summary, out: string) {
  // Warnings are diagnostics (stderr), the summary is the result (stdout).
  for (const w of inv.warnings.slice(0, 20)) {
    const where = w.source?.file ? `${w.source.file}${w.source.line ? `:${w.source.line}` : ''}: ` : w.subject ? `${w.subject}: ` : '';
    r.warn(`${where}${w.message} [${w.code}]`);
  }
  if (inv.warnings.length > 20) r.warn(`... and ${inv.warnings.length - 20} more in ${out} (warnings[])`);
  const accounts = inv.source.accounts ? ` in ${inv.source.accounts.length} account${inv.source.accounts.length === 1 ? '' : 's'}${inv.source.shard ? ` (shard ${inv.source.shard.index}/${inv.source.shard.count})` : ''}` : '';
  r.success(`Discovered ${s.functions} function${s.functions === 1 ? '' : 's'}, ${s.roles} role${s.roles === 1 ? '' : 's'}${accounts} → ${out}`);
  r.result('');
  r.table(['runtime', 'functions'], Object.entries(s.byRuntime).map(([k, v]) => [k, String(v)]));
  r.result('');
  r.table(['trigger', 'count'], Object.entries(s.byTrigger).map(([k, v]) => [k, String(v)]));
  r.result('');
  r.result(`${inv.warnings.length} warning${inv.warnings.length === 1 ? '' : 's'}. Next: migrate plan --inventory ${out} --out-dir plan`);
}

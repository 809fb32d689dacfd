// Lambda, per region: one ListFunctions sweep (with versions), then per function GetFunction (configuration,
// code, tags, reserved concurrency in one call), aliases, URL config, event invoke config, provisioned
// concurrency and the resource policy, with bounded concurrency. A function whose details cannot be read
// is still kept, from its ListFunctions entry, with a warning.

import {
  GetFunctionCommand,
  GetFunctionEventInvokeConfigCommand,
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListProvisionedConcurrencyConfigsCommand,
  type AliasConfiguration,
  type FunctionCodeLocation,
  type FunctionConfiguration,
  type GetFunctionEventInvokeConfigCommandOutput,
  type GetFunctionUrlConfigCommandOutput,
  type ProvisionedConcurrencyConfigListItem,
} from '@aws-sdk/client-lambda';
import { sortBy } from '../../util/json.js';
import { splitFunctionArn } from './arn.js';
import { collectPages } from './call.js';
import { mapLimit, type RegionContext } from './context.js';
import { decodeResourcePolicy, type PushSource } from './decode-resource-policy.js';

export interface FunctionFacts {
  arn: string;
  name: string;
  config: FunctionConfiguration;
  code?: FunctionCodeLocation;
  tags?: Record<string, string>;
  reservedConcurrency?: number;
  /** Published version numbers, ascending. */
  versions: string[];
  aliases: AliasConfiguration[];
  url?: GetFunctionUrlConfigCommandOutput;
  eventInvoke?: GetFunctionEventInvokeConfigCommandOutput;
  provisioned: ProvisionedConcurrencyConfigListItem[];
  pushSources: PushSource[];
}

/** Page through ListFunctions with all versions; returns $LATEST configurations and published versions by base ARN. */
export async function listFunctions(ctx: RegionContext): Promise<{ latest: FunctionConfiguration[]; versions: Map<string, string[]>; complete: boolean }> {
  const lambda = ctx.client('lambda');
  const { items, complete } = await collectPages(
    ctx.caller,
    ctx.spec('lambda:ListFunctions', ctx.region),
    (Marker) => lambda.send(new ListFunctionsCommand({ Marker, FunctionVersion: 'ALL', MaxItems: 50 })),
    (p) => p.Functions,
    (p) => p.NextMarker,
  );
  const latest = new Map<string, FunctionConfiguration>();
  const versions = new Map<string, string[]>();
  for (const f of items) {
    if (!f.FunctionArn) continue;
    const { base } = splitFunctionArn(f.FunctionArn);
    if (f.Version === undefined || f.Version === '$LATEST') latest.set(base, { ...f, FunctionArn: base });
    else versions.set(base, [...(versions.get(base) ?? []), f.Version]);
  }
  for (const list of versions.values()) list.sort((a, b) => Number(a) - Number(b));
  return { latest: [...latest.values()], versions, complete };
}

async function getPolicy(ctx: RegionContext, name: string, subject: string, qualifier?: string): Promise<PushSource[]> {
  const r = await ctx.caller.call(ctx.spec('lambda:GetPolicy', subject), () =>
    ctx.client('lambda').send(new GetPolicyCommand({ FunctionName: name, Qualifier: qualifier })),
  );
  return r.status === 'ok' && r.value.Policy ? decodeResourcePolicy(r.value.Policy, qualifier) : [];
}

export async function collectFunctionDetails(ctx: RegionContext, listed: FunctionConfiguration, versions: string[]): Promise<FunctionFacts> {
  const lambda = ctx.client('lambda');
  const arn = listed.FunctionArn!;
  const name = listed.FunctionName!;
  const { caller } = ctx;
  const [got, aliases, url, eventInvoke, policy] = await Promise.all([
    caller.call(ctx.spec('lambda:GetFunction', arn), () => lambda.send(new GetFunctionCommand({ FunctionName: name }))),
    collectPages(
      caller,
      ctx.spec('lambda:ListAliases', arn),
      (Marker) => lambda.send(new ListAliasesCommand({ FunctionName: name, Marker })),
      (p) => p.Aliases,
      (p) => p.NextMarker,
    ),
    caller.get(ctx.spec('lambda:GetFunctionUrlConfig', arn), () => lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: name }))),
    caller.get(ctx.spec('lambda:GetFunctionEventInvokeConfig', arn), () => lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: name }))),
    getPolicy(ctx, name, arn),
  ]);
  if (got.status === 'none') {
    // Deleted between ListFunctions and GetFunction: kept from its list entry, flagged.
    caller.warn({ code: 'aws.not-found', action: 'lambda:GetFunction', subject: arn, message: `${name} disappeared while it was being read; recorded from ListFunctions only` });
  }
  const fn = got.status === 'ok' ? got.value : undefined;
  const aliasList = sortBy(aliases.items, (a) => a.Name ?? '');
  // Provisioned concurrency lives on published versions or aliases; without either there is none to list.
  let provisioned: ProvisionedConcurrencyConfigListItem[] = [];
  if (versions.length > 0 || aliasList.length > 0) {
    const pc = await collectPages(
      caller,
      ctx.spec('lambda:ListProvisionedConcurrencyConfigs', arn),
      (Marker) => lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: name, Marker })),
      (p) => p.ProvisionedConcurrencyConfigs,
      (p) => p.NextMarker,
    );
    provisioned = pc.items;
  }
  // Aliases carry their own resource policies (SAM's AutoPublishAlias puts API permissions there).
  const aliasPolicies = await mapLimit(aliasList, 2, (a) => getPolicy(ctx, name, arn, a.Name));
  const facts: FunctionFacts = {
    arn,
    name,
    config: fn?.Configuration ? { ...fn.Configuration, FunctionArn: arn } : listed,
    versions,
    aliases: aliasList,
    provisioned,
    pushSources: [...policy, ...aliasPolicies.flat()],
  };
  if (fn?.Code) facts.code = fn.Code;
  if (fn?.Tags) facts.tags = fn.Tags;
  if (fn?.Concurrency?.ReservedConcurrentExecutions !== undefined) facts.reservedConcurrency = fn.Concurrency.ReservedConcurrentExecutions;
  if (url) facts.url = url;
  if (eventInvoke) facts.eventInvoke = eventInvoke;
  return facts;
}

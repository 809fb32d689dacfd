// Lambda, per region: one ListFunctions sweep (with versions), then per function its resource policy, with bounded
// concurrency (GetFunction's tags, reserved concurrency and code location are read-functions.ts's). The other
// per-function calls are made only where the answers so far say there is something to read: aliases and
// provisioned concurrency for functions with published versions, the URL config when the policy admits
// lambda:InvokeFunctionUrl, the event invoke config for functions with an asynchronous trigger.

import {
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
import { mapLimit } from '../../util/map-limit.js';
import type { RegionContext } from './context.js';
import { decodeResourcePolicy, grantsFunctionUrl, type PushPrincipal, type PushSource } from './decode-resource-policy.js';
import type { TriggerSink } from './push-triggers.js';

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
  /** GetFunctionEventInvokeConfig was asked (whatever it answered). */
  eventInvokeRead?: boolean;
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

/** The policy's push sources, and whether it may admit a function URL (also when it could not be read). */
async function getPolicy(ctx: RegionContext, name: string, subject: string, qualifier?: string): Promise<{ sources: PushSource[]; url: boolean; unread: boolean }> {
  const r = await ctx.caller.call(ctx.spec('lambda:GetPolicy', subject), () =>
    ctx.client('lambda').send(new GetPolicyCommand({ FunctionName: name, Qualifier: qualifier })),
  );
  if (r.status === 'failed') return { sources: [], url: true, unread: true };
  if (r.status === 'none' || !r.value.Policy) return { sources: [], url: false, unread: false };
  return { sources: decodeResourcePolicy(r.value.Policy, qualifier), url: grantsFunctionUrl(r.value.Policy), unread: false };
}

export async function collectFunctionDetails(ctx: RegionContext, listed: FunctionConfiguration, versions: string[]): Promise<FunctionFacts> {
  const lambda = ctx.client('lambda');
  const arn = listed.FunctionArn!;
  const name = listed.FunctionName!;
  const { caller } = ctx;
  // ListFunctions(ALL) already said whether there are published versions. An alias names a version (or
  // $LATEST), and SAM, CDK and the Serverless Framework publish one before aliasing it: without versions,
  // the ListAliases and ListProvisionedConcurrencyConfigs calls are skipped (docs/discover.md).
  const [policy, aliases] = await Promise.all([
    getPolicy(ctx, name, arn),
    versions.length === 0
      ? { items: [] }
      : collectPages(
          caller,
          ctx.spec('lambda:ListAliases', arn),
          (Marker) => lambda.send(new ListAliasesCommand({ FunctionName: name, Marker })),
          (p) => p.Aliases,
          (p) => p.NextMarker,
        ),
  ]);
  const aliasList = sortBy(aliases.items, (a) => a.Name ?? '');
  // A function URL needs a resource-policy statement admitting lambda:InvokeFunctionUrl (AWS adds it with the URL).
  const urlCall = policy.url
    ? caller.get(ctx.spec('lambda:GetFunctionUrlConfig', arn), () => lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: name })))
    : Promise.resolve(undefined);
  // Provisioned concurrency lives on published versions or aliases; without either there is none to list.
  const provisionedCall =
    versions.length > 0 || aliasList.length > 0
      ? collectPages(
          caller,
          ctx.spec('lambda:ListProvisionedConcurrencyConfigs', arn),
          (Marker) => lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: name, Marker })),
          (p) => p.ProvisionedConcurrencyConfigs,
          (p) => p.NextMarker,
        ).then((pc) => pc.items)
      : Promise.resolve([]);
  // Aliases carry their own resource policies (SAM's AutoPublishAlias puts API permissions there).
  const aliasPolicies = mapLimit(aliasList, 2, (a) => getPolicy(ctx, name, arn, a.Name));
  // The event invoke config governs asynchronous invocations: asked for when a policy admits an asynchronous
  // source, overlapping the other calls (collectEventInvokeConfigs catches the sources no policy names).
  const eventInvokeCall = aliasPolicies.then((ap) =>
    policy.unread || [policy, ...ap].some((p) => p.sources.some((ps) => ASYNC_PRINCIPALS.has(ps.principal))) ? getEventInvokeConfig(ctx, name, arn) : null,
  );
  const [url, provisioned, aliasSources, eventInvoke] = await Promise.all([urlCall, provisionedCall, aliasPolicies, eventInvokeCall]);
  const facts: FunctionFacts = {
    arn,
    name,
    config: listed,
    versions,
    aliases: aliasList,
    provisioned,
    pushSources: [...policy.sources, ...aliasSources.flatMap((p) => p.sources)],
    eventInvokeRead: eventInvoke !== null,
  };
  if (eventInvoke) facts.eventInvoke = eventInvoke;
  if (url) facts.url = url;
  return facts;
}

/** Principals that invoke asynchronously: everything but the synchronous callers (APIs, load balancers, Cognito, URLs). */
const ASYNC_PRINCIPALS: ReadonlySet<PushPrincipal> = new Set<PushPrincipal>(['s3', 'sns', 'events', 'logs', 'iot', 'account', 'other']);

/** Triggers that invoke asynchronously, where an event invoke config (retries, age, destinations) applies. */
const ASYNC_KINDS: ReadonlySet<string> = new Set(['s3', 'sns', 'eventbridge-rule', 'schedule', 'cloudwatch-logs', 'iot', 'unknown']);

function getEventInvokeConfig(ctx: RegionContext, name: string, arn: string): Promise<GetFunctionEventInvokeConfigCommandOutput | undefined> {
  return ctx.caller.get(ctx.spec('lambda:GetFunctionEventInvokeConfig', arn), () => ctx.client('lambda').send(new GetFunctionEventInvokeConfigCommand({ FunctionName: name })));
}

/**
 * The event invoke configs not asked for yet, once every trigger is known: functions with an asynchronous trigger
 * that no policy names (EventBridge Scheduler invokes with its own role).
 */
export async function collectEventInvokeConfigs(ctx: RegionContext, facts: readonly FunctionFacts[], sink: TriggerSink): Promise<void> {
  const wanted = facts.filter((f) => !f.eventInvokeRead && (sink.byFunction.get(f.arn) ?? []).some((t) => ASYNC_KINDS.has(t.kind)));
  await mapLimit(wanted, ctx.concurrency, async (f) => {
    const config = await getEventInvokeConfig(ctx, f.name, f.arn);
    f.eventInvokeRead = true;
    if (config) f.eventInvoke = config;
  });
}

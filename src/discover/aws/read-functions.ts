// What GetFunction adds to a function's ListFunctions entry: tags, reserved concurrency and the code location. One
// GetFunction per function is the exact way; per region there are cheaper sources, used when they answer:
// - tags: the Resource Groups Tagging API lists every tagged function of the region, 100 per page; a function it
//   does not list has no tags (ListFunctions stays the source of truth for which functions exist);
// - reserved concurrency: GetAccountSettings gives the account's concurrency limit and its unreserved rest, whose
//   difference is the sum of the reserved concurrency of every function in the region. GetFunction is read function
//   by function until the amounts found add up to it; the functions not read reserve none;
// - the code location: a Zip function's code is in Lambda's own S3 (the inventory records the repository type,
//   never the presigned Location), so only container images need GetFunction, for their ImageUri.
// When GetAccountSettings or the tagging API fails (denied, not implemented, throttled beyond every retry), the
// region falls back to GetFunction for every function, with one warning naming the call; the inventory is the same.

import { GetAccountSettingsCommand, GetFunctionCommand, type FunctionConfiguration, type GetFunctionCommandOutput } from '@aws-sdk/client-lambda';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { compareStrings } from '../../util/json.js';
import { mapLimit } from '../../util/map-limit.js';
import { splitFunctionArn } from './arn.js';
import { collectPages, type ErrorClass } from './call.js';
import type { FunctionFacts } from './collect-functions.js';
import type { RegionContext } from './context.js';

export interface RegionShortcuts {
  /** The tags of every tagged function of the region, by unqualified ARN. */
  tags: Map<string, Record<string, string>>;
  /** The sum of every function's reserved concurrency in the region. */
  reservedTotal: number;
}

/** The shortcuts, or the call that failed and why (warned about only in a region with functions to read). */
/** The region-wide answers, the call that failed, or none asked for (`--read-every-function`). */
export type ShortcutsAnswer = { shortcuts: RegionShortcuts } | { failed: { action: string; reason: ErrorClass } } | { everyFunction: true };

const FAILED: Record<ErrorClass, string> = {
  denied: 'was denied',
  unavailable: 'is not implemented by this endpoint',
  throttled: 'was still throttled after every retry',
  server: 'kept failing on the service side',
  'not-found': 'found nothing',
  endpoint: 'could not reach the endpoint',
  auth: 'was refused the credentials',
  other: 'failed',
};

function warnFallBack(ctx: RegionContext, { action, reason }: { action: string; reason: ErrorClass }): void {
  ctx.caller.warn({
    code: 'discover.fallback',
    action,
    subject: ctx.region,
    message: `${action} ${FAILED[reason]} in ${ctx.region}: tags, reserved concurrency and image URIs are read with lambda:GetFunction for every function instead (one more call per function)${reason === 'denied' ? `; grant ${action} for fewer calls (docs/permissions.md)` : ''}`,
  });
}

/** GetAccountSettings, then the tagging API's Lambda functions; the failed call when either fails. */
export async function readRegionShortcuts(ctx: RegionContext): Promise<ShortcutsAnswer> {
  const settings = await ctx.caller.call(ctx.spec('lambda:GetAccountSettings', ctx.region, { quiet: true }), () => ctx.client('lambda').send(new GetAccountSettingsCommand({})));
  if (settings.status !== 'ok') return { failed: { action: 'lambda:GetAccountSettings', reason: settings.status === 'failed' ? settings.reason : 'not-found' } };
  const limit = settings.value.AccountLimit;
  const reservedTotal = (limit?.ConcurrentExecutions ?? Number.NaN) - (limit?.UnreservedConcurrentExecutions ?? Number.NaN);
  if (!Number.isInteger(reservedTotal) || reservedTotal < 0) return { failed: { action: 'lambda:GetAccountSettings', reason: 'other' } };
  const tagging = ctx.client('tagging');
  const pages = await collectPages(
    ctx.caller,
    ctx.spec('tag:GetResources', ctx.region, { quiet: true }),
    (PaginationToken) => tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['lambda:function'], ResourcesPerPage: 100, PaginationToken })),
    (p) => p.ResourceTagMappingList,
    // The last page carries an empty token.
    (p) => p.PaginationToken || undefined,
  );
  if (!pages.complete) return { failed: { action: 'tag:GetResources', reason: pages.reason ?? 'other' } };
  const tags = new Map<string, Record<string, string>>();
  for (const r of pages.items) {
    if (!r.ResourceARN) continue;
    tags.set(splitFunctionArn(r.ResourceARN).base, Object.fromEntries((r.Tags ?? []).flatMap((t) => (t.Key === undefined ? [] : [[t.Key, t.Value ?? '']]))));
  }
  return { shortcuts: { tags, reservedTotal } };
}

const isImage = (f: FunctionConfiguration) => f.PackageType === 'Image';

/**
 * GetFunction for the functions that need it, by ARN: every function without shortcuts; with them, the container
 * images first (their image URI is needed anyway, and their reserved concurrency comes with it), then the functions
 * with an event-source mapping (reserved concurrency is the usual cap on a queue or stream consumer), then the rest,
 * each group in ARN order, until the reserved concurrency found adds up to the region's total. Without shortcuts, one
 * warning names the call that failed (none in a region without functions: `--region all` sweeps many).
 */
export async function readFunctions(ctx: RegionContext, selected: readonly FunctionConfiguration[], answer: ShortcutsAnswer, hasMapping: (arn: string) => boolean): Promise<Map<string, GetFunctionCommandOutput>> {
  const lambda = ctx.client('lambda');
  const read = new Map<string, GetFunctionCommandOutput>();
  const getFunction = async (f: FunctionConfiguration): Promise<number> => {
    const arn = f.FunctionArn!;
    const r = await ctx.caller.call(ctx.spec('lambda:GetFunction', arn), () => lambda.send(new GetFunctionCommand({ FunctionName: f.FunctionName })));
    if (r.status === 'none') {
      // Deleted between ListFunctions and GetFunction: kept from its list entry, flagged.
      ctx.caller.warn({ code: 'aws.not-found', action: 'lambda:GetFunction', subject: arn, message: `${f.FunctionName} disappeared while it was being read; recorded from ListFunctions only` });
    }
    if (r.status !== 'ok') return 0;
    read.set(arn, r.value);
    return r.value.Concurrency?.ReservedConcurrentExecutions ?? 0;
  };
  if (!('shortcuts' in answer)) {
    if ('failed' in answer && selected.length > 0) warnFallBack(ctx, answer.failed);
    await mapLimit(selected, ctx.concurrency, getFunction);
    return read;
  }
  const { shortcuts } = answer;
  const rank = (f: FunctionConfiguration) => (isImage(f) ? 0 : hasMapping(f.FunctionArn!) ? 1 : 2);
  const queue = [...selected].sort((a, b) => rank(a) - rank(b) || compareStrings(a.FunctionArn!, b.FunctionArn!));
  let unaccounted = shortcuts.reservedTotal;
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const f = queue[next]!;
      if (!isImage(f) && unaccounted <= 0) return;
      next++;
      // Awaited first: `unaccounted -= await …` would read `unaccounted` before the wait and undo the other workers.
      const reserved = await getFunction(f);
      unaccounted -= reserved;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, ctx.concurrency) }, worker));
  // Named in the inventory: a reserved concurrency of 0 adds nothing to the total, so an unread function may hold one.
  const unread = selected.length - read.size;
  if (unread > 0) {
    ctx.caller.warn({
      code: 'discover.concurrency-accounted',
      action: 'lambda:GetAccountSettings',
      subject: ctx.region,
      message: `reserved concurrency read for ${read.size} of ${selected.length} function(s) in ${ctx.region}; the other ${unread} reserve none by the region's total, but a reserved concurrency of 0 (a function switched off) adds nothing to that total: discover with --read-every-function to read each one`,
    });
  }
  return read;
}

/** Fill in what the shortcuts say, then what GetFunction said where it was read (the same, and an image's URI). */
export function applyFunctionRead(facts: FunctionFacts, got: GetFunctionCommandOutput | undefined, answer: ShortcutsAnswer): void {
  if ('shortcuts' in answer) {
    const { shortcuts } = answer;
    const tags = shortcuts.tags.get(facts.arn);
    if (tags) facts.tags = tags;
    if (!isImage(facts.config)) facts.code = { RepositoryType: 'S3' };
  }
  if (!got) return;
  if (got.Configuration) facts.config = { ...got.Configuration, FunctionArn: facts.arn };
  if (got.Code) facts.code = got.Code;
  if (got.Tags) facts.tags = got.Tags;
  if (got.Concurrency?.ReservedConcurrentExecutions !== undefined) facts.reservedConcurrency = got.Concurrency.ReservedConcurrentExecutions;
}

// S3 push triggers: the buckets named by `s3.amazonaws.com` policy statements → their Lambda notification configurations.

import { GetBucketNotificationConfigurationCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { splitFunctionArn } from './arn.js';
import { collectPages } from './call.js';
import type { FunctionFacts } from './collect-functions.js';
import type { RegionContext } from './context.js';
import { pushSourcesOf, stalePermission, TriggerSink, triggerFromPolicy } from './push-triggers.js';

export async function enrichS3(ctx: RegionContext, functions: readonly FunctionFacts[], sink: TriggerSink): Promise<void> {
  const pairs = pushSourcesOf(functions, 's3');
  if (pairs.length === 0) return;
  const s3 = ctx.client('s3');
  const buckets = new Set<string>();
  for (const { ps } of pairs) if (ps.source?.service === 's3') buckets.add(ps.source.bucket);
  if (pairs.some(({ ps }) => ps.source?.service !== 's3')) {
    // A statement without SourceArn could be any bucket of the account.
    const all = await collectPages(ctx.caller, ctx.spec('s3:ListAllMyBuckets'), (ContinuationToken) => s3.send(new ListBucketsCommand({ ContinuationToken })), (p) => p.Buckets, (p) => p.ContinuationToken);
    for (const b of all.items) if (b.Name) buckets.add(b.Name);
  }
  const known = new Set(functions.map((f) => f.arn));
  const failed = new Set<string>();
  const missing = new Set<string>();
  for (const bucket of [...buckets].sort()) {
    const r = await ctx.caller.call(ctx.spec('s3:GetBucketNotification', bucket), () => s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: bucket })));
    if (r.status !== 'ok') {
      (r.status === 'failed' ? failed : missing).add(bucket);
      continue;
    }
    for (const conf of r.value.LambdaFunctionConfigurations ?? []) {
      const fnArn = splitFunctionArn(conf.LambdaFunctionArn ?? '').base;
      if (!known.has(fnArn)) continue;
      const rules = conf.Filter?.Key?.FilterRules ?? [];
      const prefix = rules.find((x) => x.Name?.toLowerCase() === 'prefix')?.Value;
      const suffix = rules.find((x) => x.Name?.toLowerCase() === 'suffix')?.Value;
      const events = [...(conf.Events ?? [])].map(String).sort();
      sink.add(fnArn, { kind: 's3', id: `s3:${bucket}:${conf.Id ?? events.join(',')}`, bucket, events, prefix, suffix });
    }
  }
  for (const { fn, ps } of pairs) {
    if (ps.source?.service !== 's3') continue;
    if (failed.has(ps.source.bucket)) sink.add(fn.arn, triggerFromPolicy(ps));
    if (missing.has(ps.source.bucket)) ctx.caller.warn(stalePermission(fn, ps));
  }
}

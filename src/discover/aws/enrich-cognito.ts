// Cognito user-pool triggers: pools named by `cognito-idp.amazonaws.com` statements → which LambdaConfig hooks
// (PreSignUp, PostConfirmation, ...) point at the function.

import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { splitFunctionArn } from './arn.js';
import type { FunctionFacts } from './collect-functions.js';
import type { RegionContext } from './context.js';
import { pushSourcesOf, TriggerSink, triggerFromPolicy } from './push-triggers.js';

export async function enrichCognito(ctx: RegionContext, functions: readonly FunctionFacts[], sink: TriggerSink): Promise<void> {
  const cognito = ctx.client('cognito');
  for (const { fn, ps } of pushSourcesOf(functions, 'cognito')) {
    if (ps.source?.service !== 'cognito') {
      sink.add(fn.arn, triggerFromPolicy(ps));
      continue;
    }
    const { userPoolId, userPoolArn } = ps.source;
    const pool = await ctx.caller.call(ctx.spec('cognito-idp:DescribeUserPool', userPoolId), () => cognito.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId })));
    const triggers: string[] = [];
    if (pool.status === 'ok') {
      for (const [hook, value] of Object.entries(pool.value.UserPool?.LambdaConfig ?? {})) {
        const arn = typeof value === 'string' ? value : (value as { LambdaArn?: string } | undefined)?.LambdaArn;
        if (arn && splitFunctionArn(arn).base === fn.arn) triggers.push(hook);
      }
    }
    sink.add(fn.arn, { kind: 'cognito', id: `cognito:${userPoolId}`, userPool: userPoolArn, triggers: triggers.sort() });
  }
}

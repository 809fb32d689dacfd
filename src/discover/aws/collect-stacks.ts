// CloudFormation: for functions tagged with a stack name, whether the stack's original (pre-transform) template
// can be read, so that a later run can hand it to the template parser. Only the existence is recorded.

import { GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import type { RegionContext } from './context.js';

export async function collectStacks(ctx: RegionContext, stackNames: readonly string[]): Promise<{ name: string; templateAvailable: boolean }[]> {
  const cfn = ctx.client('cloudformation');
  const out: { name: string; templateAvailable: boolean }[] = [];
  for (const StackName of [...new Set(stackNames)].sort()) {
    const r = await ctx.caller.get(ctx.spec('cloudformation:GetTemplate', StackName), () => cfn.send(new GetTemplateCommand({ StackName, TemplateStage: 'Original' })));
    out.push({ name: StackName, templateAvailable: Boolean(r?.TemplateBody) });
  }
  return out;
}

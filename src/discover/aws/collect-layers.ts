// Layers used by discovered functions: one GetLayerVersion per distinct layer version ARN. A layer in another
// account (public third-party layers) may be denied: it is still listed from its ARN, with a warning.

import { GetLayerVersionCommand } from '@aws-sdk/client-lambda';
import type { Layer } from '../../model/inventory.js';
import type { RegionContext } from './context.js';

export function layerFromArn(arn: string): Layer {
  const m = /^(arn:[^:]+:lambda:[^:]*:[^:]*:layer:([^:]+)):(\d+)$/.exec(arn);
  return m ? { id: arn, name: m[2]!, version: Number(m[3]) } : { id: arn, name: arn };
}

export async function collectLayers(ctx: RegionContext, layerArns: readonly string[]): Promise<Layer[]> {
  const lambda = ctx.client('lambda');
  const out: Layer[] = [];
  for (const arn of [...new Set(layerArns)].sort()) {
    const layer = layerFromArn(arn);
    const m = /^(arn:[^:]+:lambda:[^:]*:[^:]*:layer:[^:]+):(\d+)$/.exec(arn);
    if (m) {
      const v = await ctx.caller.get(ctx.spec('lambda:GetLayerVersion', arn), () => lambda.send(new GetLayerVersionCommand({ LayerName: m[1], VersionNumber: Number(m[2]) })));
      if (v?.CompatibleRuntimes?.length) layer.compatibleRuntimes = [...v.CompatibleRuntimes].map(String).sort();
      if (v?.CompatibleArchitectures?.length) layer.compatibleArchitectures = [...v.CompatibleArchitectures].map(String).sort();
      if (v?.Content?.CodeSize !== undefined) layer.size = v.Content.CodeSize;
    }
    out.push(layer);
  }
  return out;
}

// Lambda runtime → Azure runtime stack, and the conversion strategy a function gets.

import type { LambdaFunction } from '../model/inventory.js';
import type { AzureRuntime, ConversionStrategy, PlannedEntry } from '../model/plan.js';

/**
 * Supported Flex stacks (mission-anchors 3.0): Node 20/22, Python 3.10–3.12, Java 11/17/21, .NET 8 isolated.
 * Node and Python always land on the newest supported version (Node 20 reached end of life in April 2026):
 * a migration is the moment to upgrade, and rule CAP-I008 names every function whose version changes.
 */
export function mapRuntime(fn: LambdaFunction): AzureRuntime {
  const v = fn.runtime.version ?? '';
  switch (fn.runtime.language) {
    case 'nodejs': {
      return { name: 'node', version: '22' };
    }
    case 'python': {
      return { name: 'python', version: '3.12' };
    }
    case 'java': {
      const major = Number.parseInt(v, 10);
      return { name: 'java', version: major >= 21 ? '21' : major >= 17 ? '17' : '11' };
    }
    case 'dotnet':
      return { name: 'dotnet-isolated', version: '8.0' };
    default:
      return { name: 'custom', version: '' };
  }
}

export function runtimeKey(r: AzureRuntime): string {
  return r.version ? `${r.name}-${r.version}` : r.name;
}

export function chooseStrategy(fn: LambdaFunction, entries: PlannedEntry[]): { strategy: ConversionStrategy; reason: string } {
  const hasCode = fn.packageType === 'Zip' && fn.handler?.file !== undefined && fn.handler.exists !== false;
  if (fn.packageType === 'Image') return { strategy: 'manual', reason: 'container image: the image build must be ported by hand' };
  if (fn.code?.archive) return { strategy: 'manual', reason: `the code is a built archive (${fn.code.archive}), not source: point CodeUri at the source directory and discover again, or port by hand` };
  if (fn.runtime.language === 'nodejs') {
    if (!hasCode) return { strategy: 'manual', reason: 'the handler file was not found on disk, so there is no code to convert' };
    const none = entries.filter((e) => e.trigger.type === 'none');
    if (none.length > 0) return { strategy: 'adapter', reason: `no Azure trigger fits ${none.map((e) => e.lambdaEvent).join(', ')}; the adapter keeps the Lambda handler unchanged until it is rewired` };
    return { strategy: 'rewrite', reason: 'Node.js handler with supported triggers: rewritten to the v4 programming model' };
  }
  if (fn.runtime.language === 'python') {
    if (!hasCode) return { strategy: 'manual', reason: 'the handler file was not found on disk, so there is no code to convert' };
    return { strategy: 'adapter', reason: 'Python v2 rewrite not yet supported: the handler is wrapped by the Lambda-event adapter' };
  }
  return { strategy: 'manual', reason: `${fn.runtime.language} is not converted automatically (custom handler or manual port)` };
}

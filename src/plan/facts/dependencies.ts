// Facts for rules/dependencies.yaml: AWS SDK use found in the handler code, VPC, references to other resources.

import { compareStrings } from '../../util/json.js';
import type { FactTable } from './fact.js';
import { functionDataFacts } from '../data-plane/index.js';

export const dependencyFacts: FactTable = {
  function: [
    { name: 'hasVpc', type: 'boolean', doc: 'Attached to a VPC', compute: (c) => c.fn.vpc !== undefined },
    { name: 'referenceEnv', type: 'string[]', doc: 'Environment variables that reference other resources', compute: (c) => c.fn.environment.filter((e) => e.kind === 'reference').map((e) => e.name) },
    {
      name: 'code',
      type: 'object',
      doc: 'Static handler scan: `code.scanned`, `code.sdkCalls` (file:line call), `code.sdkServices`, `code.usesCallback`, `code.usesRemainingTime`, `code.usesV2Sdk`',
      compute: ({ code }) => ({
        scanned: code !== undefined,
        sdkCalls: code?.sdkCalls.map((s) => `${s.file}:${s.line} ${s.call}`) ?? [],
        sdkServices: code?.sdkServices ?? [],
        usesCallback: code?.usesCallback ?? false,
        usesRemainingTime: code?.usesRemainingTime ?? false,
        usesV2Sdk: code?.usesV2Sdk ?? false,
      }),
    },
    {
      name: 'dataPlane',
      type: 'object',
      doc: 'The plan\'s data-plane decision for the resources this function touches: `dataPlane.moved` and `dataPlane.kept` (resource ids), `dataPlane.movedOperations` (`service:Operation` on moved resources), `dataPlane.conditionExpressions` (DynamoDB condition expressions on moved tables that are not a plain `attribute_(not_)exists`)',
      compute: ({ fn, dataPlane, code }) => functionDataFacts(fn.name, dataPlane, code),
    },
  ],
  estate: [
    { name: 'regions', type: 'string[]', doc: 'AWS regions of the functions', compute: (c) => [...new Set(c.inv.functions.map((f) => f.region).filter((r): r is string => Boolean(r)))].sort(compareStrings) },
    { name: 'languages', type: 'string[]', doc: 'Runtime languages in the estate', compute: (c) => [...new Set(c.inv.functions.map((f) => f.runtime.language))].sort(compareStrings) },
    { name: 'triggerKinds', type: 'string[]', doc: 'Trigger kinds in the estate', compute: (c) => [...new Set(c.inv.functions.flatMap((f) => f.triggers.map((t) => t.kind)))].sort(compareStrings) },
    { name: 'source', type: 'object', doc: 'Inventory source: kind, paths, account, regions', compute: (c) => c.inv.source },
    { name: 'sourceKind', type: 'string', doc: '`templates` or `aws`', compute: (c) => c.inv.source.kind },
  ],
};

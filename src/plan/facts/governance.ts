// Facts for rules/governance.yaml: tags, secrets in plain environment variables, encryption, quotas, warnings.

import { INFORMATIONAL_WARNINGS, type Warning } from '../../model/inventory.js';
import { compareStrings } from '../../util/json.js';
import type { FactTable } from './fact.js';

const gaps = (warnings: Warning[]) => warnings.filter((w) => !INFORMATIONAL_WARNINGS.has(w.code));

export const governanceFacts: FactTable = {
  function: [
    { name: 'envNames', type: 'string[]', doc: 'Environment variable names', compute: (c) => c.fn.environment.map((e) => e.name) },
    { name: 'secretLikeEnv', type: 'string[]', doc: 'Plain environment variables that look like secrets', compute: (c) => c.fn.environment.filter((e) => e.kind === 'secret-like').map((e) => e.name) },
    { name: 'hasKms', type: 'boolean', doc: 'A customer-managed KMS key encrypts the environment', compute: (c) => c.fn.kmsKeyArn !== undefined },
    { name: 'tagCount', type: 'number', doc: 'Number of tags', compute: (c) => Object.keys(c.fn.tags).length },
    { name: 'tagKeys', type: 'string[]', doc: 'Tag keys, sorted', compute: (c) => Object.keys(c.fn.tags).sort(compareStrings) },
    { name: 'triggerKinds', type: 'string[]', doc: 'Trigger kinds of the function, sorted', compute: (c) => [...new Set(c.fn.triggers.map((t) => t.kind))].sort(compareStrings) },
  ],
  estate: [
    { name: 'name', type: 'string', doc: 'Always `estate`', compute: () => 'estate' },
    { name: 'warningCount', type: 'number', doc: 'Discovery warnings that something may be missing (not the informational ones, e.g. `discover.fallback`)', compute: (c) => gaps(c.inv.warnings).length },
    { name: 'warningCodes', type: 'string[]', doc: 'Distinct codes of those warnings', compute: (c) => [...new Set(gaps(c.inv.warnings).map((w) => w.code))].sort(compareStrings) },
    {
      name: 'maxInstanceDemand',
      type: 'number',
      doc: 'Always-ready memory of all apps in GB × 0.5, against the regional Flex quota',
      compute: (c) => c.apps.reduce((s, a) => s + a.scale.alwaysReady.reduce((x, r) => x + r.instanceCount, 0) * (a.instanceMemoryMB / 1024) * 0.5, 0),
    },
  ],
};

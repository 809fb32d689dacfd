// Facts for rules/deployment.yaml: packaging, aliases and traffic shifting, layers, grouping, templates.

import { compareStrings } from '../../util/json.js';
import type { FactTable } from './fact.js';

export const deploymentFacts: FactTable = {
  function: [
    { name: 'strategy', type: 'string', doc: 'Conversion strategy: `convert` or `manual`', compute: (c) => c.planned.strategy },
    { name: 'layerCount', type: 'number', doc: 'Number of layers', compute: (c) => c.fn.layers.length },
    { name: 'layerNames', type: 'string[]', doc: 'Layer ARNs or symbols', compute: (c) => c.fn.layers.map((l) => (typeof l === 'string' ? l : l.symbol)) },
    { name: 'aliasCount', type: 'number', doc: 'Number of aliases', compute: (c) => c.fn.aliases.length },
    { name: 'aliasNames', type: 'string[]', doc: 'Alias names', compute: (c) => c.fn.aliases.map((a) => a.name) },
    { name: 'hasCanaryWeights', type: 'boolean', doc: 'An alias splits traffic between versions', compute: (c) => c.fn.aliases.some((a) => a.additionalVersionWeights && Object.keys(a.additionalVersionWeights).length > 0) },
    { name: 'hasDeploymentPreference', type: 'boolean', doc: 'SAM DeploymentPreference (CodeDeploy traffic shifting)', compute: (c) => c.fn.deploymentPreference !== undefined },
    { name: 'deploymentPreferenceType', type: 'string', doc: 'DeploymentPreference type (`Canary10Percent5Minutes`, ...)', compute: (c) => c.fn.deploymentPreference?.type },
    { name: 'handlerFile', type: 'string', doc: 'Handler source file', compute: (c) => c.fn.handler?.file },
    { name: 'handlerMissing', type: 'boolean', doc: 'A Zip function whose handler file was not found', compute: (c) => c.fn.packageType === 'Zip' && (c.fn.handler?.file === undefined || c.fn.handler.exists === false) },
    { name: 'extrasKeys', type: 'string[]', doc: 'Template properties the inventory does not model', compute: (c) => Object.keys(c.fn.extras ?? {}).sort(compareStrings) },
  ],
  app: [{ name: 'envCollisions', type: 'string[]', doc: 'Environment variables with different values in functions of the app', compute: (c) => c.envCollisions }],
  estate: [
    { name: 'stacksWithoutTemplate', type: 'string[]', doc: 'Stacks whose template could not be read', compute: (c) => (c.inv.stacks ?? []).filter((s) => s.templateAvailable === false).map((s) => s.name) },
    { name: 'functionCount', type: 'number', doc: 'Functions in the estate', compute: (c) => c.inv.functions.length },
    { name: 'appCount', type: 'number', doc: 'Planned function apps', compute: (c) => c.apps.length },
    { name: 'apiCount', type: 'number', doc: 'API Gateway APIs', compute: (c) => c.inv.apis.length },
  ],
};

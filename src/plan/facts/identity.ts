// Facts for rules/identity.yaml: IAM analysis of execution roles, secrets, API authorisation.

import type { FactTable } from './fact.js';

export const identityFacts: FactTable = {
  function: [
    { name: 'secretRefEnv', type: 'string[]', doc: 'Environment variables resolved from Secrets Manager or SSM', compute: (c) => c.fn.environment.filter((e) => e.kind === 'secret-reference').map((e) => e.name) },
  ],
  trigger: [
    { name: 'authorizerType', type: 'string', doc: 'API authorizer type (`COGNITO_USER_POOLS`, `JWT`, `CUSTOM`, ...)', compute: (c) => ('authorizer' in c.t ? c.t.authorizer?.type : undefined) },
  ],
  role: [
    { name: 'actions', type: 'string[]', doc: 'Allowed IAM actions', compute: (c) => c.analysis.actions },
    { name: 'wildcardActions', type: 'string[]', doc: 'Allowed actions with wildcards', compute: (c) => c.analysis.wildcardActions },
    { name: 'unmappedActions', type: 'string[]', doc: 'Actions with no Azure role mapping', compute: (c) => c.analysis.unmappedActions },
    { name: 'opaquePolicies', type: 'string[]', doc: 'Policies whose statements are unknown (customer-managed, not in the template)', compute: (c) => c.analysis.opaquePolicies },
    { name: 'hasNotActions', type: 'boolean', doc: 'A statement uses NotAction', compute: (c) => c.analysis.hasNotActions },
    { name: 'hasConditions', type: 'boolean', doc: 'A statement has conditions', compute: (c) => c.role.policies.some((p) => p.statements.some((s) => s.conditions !== undefined)) },
    { name: 'functionCount', type: 'number', doc: 'Functions using the role', compute: (c) => c.functionNames.length },
    { name: 'functionNames', type: 'string[]', doc: 'Functions using the role', compute: (c) => c.functionNames },
  ],
  app: [
    { name: 'roleCount', type: 'number', doc: 'Execution roles merged into the app identity', compute: (c) => c.app.identity.sourceRoles.length },
    { name: 'sourceRoles', type: 'string[]', doc: 'Execution roles merged into the app identity', compute: (c) => c.app.identity.sourceRoles },
  ],
};

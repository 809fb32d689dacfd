// The target-side rule ids: PRE-* (preflight, before `azd provision`) and VER-* (verify, after `azd deploy`).
// Same finding shape as the plan's rules, so reports, SARIF and CI gates treat them alike (docs/azure-target.md).

import type { DesignArea, FindingSubject, PlanRule, Severity } from '../model/plan.js';
import type { ResolvedFinding } from '../model/findings.js';

interface TargetRule {
  area: DesignArea;
  severity: Severity;
  title: string;
  recommendation: string;
  docs: string;
}

const LEARN = 'https://learn.microsoft.com/azure';
const FLEX = `${LEARN}/azure-functions/flex-consumption-plan`;

export const TARGET_RULES = {
  'PRE-CHECK-001': { area: 'governance', severity: 'warning', title: 'A preflight check could not run', recommendation: 'Grant the missing read permission (docs/azure-target.md lists them) or run the check by hand.', docs: `${LEARN}/role-based-access-control/built-in-roles` },
  'PRE-REGION-001': { area: 'deployment', severity: 'blocker', title: 'Flex Consumption is not offered in the region', recommendation: 'Pick a region from `az functionapp list-flexconsumption-locations` and pass it as --location (and AZURE_LOCATION to azd).', docs: FLEX },
  'PRE-RUNTIME-001': { area: 'capabilities', severity: 'blocker', title: 'The planned runtime version is not available on Flex Consumption in the region', recommendation: 'Change the app runtime version in plan.json to one the region lists, or pick another region.', docs: `${LEARN}/azure-functions/supported-languages` },
  'PRE-NAME-001': { area: 'deployment', severity: 'blocker', title: 'A planned resource name is taken', recommendation: 'Choose another azd environment name (the names derive from it) or remove the resource that holds the name.', docs: `${LEARN}/azure-resource-manager/templates/template-functions-string#uniquestring` },
  'PRE-NAME-002': { area: 'deployment', severity: 'info', title: 'A planned resource already exists in the environment\'s resource group', recommendation: 'Nothing to do when this is an earlier `azd provision` of the same environment; provisioning updates it.', docs: `${LEARN}/developer/azure-developer-cli/azd-schema` },
  'PRE-PROVIDER-001': { area: 'governance', severity: 'blocker', title: 'A resource provider the estate needs is not registered', recommendation: 'Register it: `az provider register --namespace <namespace>` (needs Contributor or the register/action permission).', docs: `${LEARN}/azure-resource-manager/management/resource-providers-and-types` },
  'PRE-QUOTA-001': { area: 'capabilities', severity: 'warning', title: 'The estate\'s maximum scale-out exceeds the regional Flex Consumption core quota', recommendation: 'Lower maximumInstanceCount in plan.json, or request a quota increase for the region before the cutover.', docs: FLEX },
  'PRE-EXISTING-001': { area: 'dependencies', severity: 'blocker', title: 'A resource the plan expects to exist is missing', recommendation: 'Create or migrate it first (the Bicep only references it), or correct its name in plan.json.', docs: `${LEARN}/cosmos-db/nosql/quickstart-portal` },
  'PRE-RBAC-001': { area: 'identity', severity: 'blocker', title: 'The signed-in principal cannot create role assignments', recommendation: 'Provision with a principal that holds Owner, User Access Administrator or Role Based Access Control Administrator on the subscription.', docs: `${LEARN}/role-based-access-control/role-assignments-steps` },
  'VER-CHECK-001': { area: 'governance', severity: 'warning', title: 'A verify check could not run', recommendation: 'Grant the missing read permission (docs/azure-target.md lists them) or check by hand.', docs: `${LEARN}/role-based-access-control/built-in-roles` },
  'VER-APP-001': { area: 'deployment', severity: 'blocker', title: 'A planned function app is not deployed', recommendation: 'Run `azd up` (or `azd provision` then `azd deploy`) against this resource group; the app is found by its azd-service-name tag.', docs: `${LEARN}/developer/azure-developer-cli/azd-schema` },
  'VER-CONFIG-001': { area: 'deployment', severity: 'blocker', title: 'The deployed app configuration differs from the plan', recommendation: 'Re-run `azd provision` from the generated repository, or update plan.json if the change is intended.', docs: FLEX },
  'VER-FUNC-001': { area: 'capabilities', severity: 'blocker', title: 'A planned function is not indexed by the host', recommendation: 'Check the deployment log and Application Insights for registration errors (a failing import stops indexing), then redeploy with `azd deploy`.', docs: `${LEARN}/azure-functions/functions-reference-node#registering-a-function` },
  'VER-SETTING-001': { area: 'dependencies', severity: 'blocker', title: 'A planned app setting is missing', recommendation: 'Re-run `azd provision`; settings the plan marks as placeholders must be set before it (MIGRATION.md lists them).', docs: `${LEARN}/azure-functions/functions-app-settings` },
  'VER-KV-001': { area: 'identity', severity: 'blocker', title: 'A Key Vault reference does not resolve', recommendation: 'Populate the secret, and check the app identity holds Key Vault Secrets User and that keyVaultReferenceIdentity names it.', docs: `${LEARN}/app-service/app-service-key-vault-references` },
  'VER-ID-001': { area: 'identity', severity: 'blocker', title: 'The app has no user-assigned managed identity', recommendation: 'Re-run `azd provision`; the plan gives every app a user-assigned identity.', docs: `${LEARN}/app-service/overview-managed-identity` },
  'VER-ROLE-001': { area: 'identity', severity: 'blocker', title: 'A planned role assignment is missing', recommendation: 'Re-run `azd provision` with a principal allowed to create role assignments; assignments can take up to 10 minutes to appear.', docs: `${LEARN}/role-based-access-control/role-assignments-list-rest` },
  'VER-SMOKE-001': { area: 'capabilities', severity: 'blocker', title: 'A smoke call to an HTTP function failed', recommendation: 'Open the function\'s logs (Application Insights → Failures) for the request; a 401 means the key or auth level differs from the plan.', docs: `${LEARN}/azure-functions/functions-bindings-http-webhook-trigger` },
} satisfies Record<string, TargetRule>;

export type TargetRuleId = keyof typeof TARGET_RULES;

/** The target rules as a reports' rules table reads them (messages are per finding). */
export const TARGET_RULE_TABLE: ReadonlyMap<string, PlanRule> = new Map(
  Object.entries(TARGET_RULES).map(([id, r]: [string, TargetRule]) => [id, { id, area: r.area, severity: r.severity, confidence: 'documented', title: r.title, recommendation: r.recommendation, docs: r.docs }]),
);

export function targetFinding(ruleId: TargetRuleId, subject: FindingSubject, message: string, severity?: Severity): ResolvedFinding {
  const r: TargetRule = TARGET_RULES[ruleId];
  return {
    ruleId,
    area: r.area,
    severity: severity ?? r.severity,
    confidence: 'documented',
    title: r.title,
    subject,
    message,
    recommendation: r.recommendation,
    docs: r.docs,
  };
}

export const appSubject = (app: string): FindingSubject => ({ kind: 'app', id: app, name: app });
export const estateSubject = (name = 'estate'): FindingSubject => ({ kind: 'estate', id: 'estate', name });
export const functionSubject = (app: string, fn: string): FindingSubject => ({ kind: 'function', id: `${app}/${fn}`, name: `${app}/${fn}` });

const RANK: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

/** Stable order: severity, rule id, subject. */
export function sortFindings(findings: ResolvedFinding[]): ResolvedFinding[] {
  const key = (f: ResolvedFinding) => `${RANK[f.severity]}\u0000${f.ruleId}\u0000${f.subject.id}\u0000${f.message}`;
  return [...findings].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

// The AWS side of keyless `stay` (docs/data-plane.md, "Keyless stay"): a CloudFormation template the team deploys in
// the AWS account that keeps the resources. It creates an IAM OIDC identity provider for the tenant's Entra ID
// issuer and, per app, a role that only that app's managed identity can assume (sub = the identity's object id,
// aud = api://AzureADTokenExchange), allowed the calls its functions make on the resources that stay. No keys.

import type { DataResource, DataService, Plan } from '../../model/plan.js';
import { WEB_IDENTITY_AUDIENCE } from '../../plan/data-plane/settings.js';
import { compareStrings, stableStringify } from '../../util/json.js';
import { envName, pascal } from '../infra/names.js';

export const KEYLESS_TEMPLATE = 'aws/keyless-federation.template.json';

const IAM_PREFIX: Record<DataService, string> = {
  dynamodb: 'dynamodb',
  s3: 's3',
  sqs: 'sqs',
  sns: 'sns',
  eventbridge: 'events',
  secretsmanager: 'secretsmanager',
  ssm: 'ssm',
  kinesis: 'kinesis',
};

/** Apps with a resource that stays, with those resources. */
export function keptByApp(plan: Plan): { app: string; resources: DataResource[] }[] {
  const kept = (plan.dataPlane ?? []).filter((r) => r.decision === 'stay');
  return plan.apps
    .map((a) => ({ app: a.name, resources: kept.filter((r) => r.usedBy.some((u) => a.functions.some((f) => f.lambdaName === u))) }))
    .filter((x) => x.resources.length > 0)
    .sort((a, b) => compareStrings(a.app, b.app));
}

/** The role's name, fixed so its ARN is known before the stack exists (AWS_ROLE_ARN is set at Step 1). */
export const roleName = (app: string): string => `azure-functions-${app}`.slice(0, 64);

export const principalParam = (app: string): string => `${pascal(app)}PrincipalId`;
export const arnParam = (r: DataResource): string => `${pascal(`${r.service}-${r.name}`)}Arn`;

/** The trust policy as a JSON string for Fn::Sub: the condition keys name the issuer, which holds the tenant id. */
function trustPolicy(app: string): string {
  const issuer = 'login.microsoftonline.com/${EntraTenantId}/v2.0';
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: '${EntraOidcProvider}' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${issuer}:aud`]: WEB_IDENTITY_AUDIENCE, [`${issuer}:sub`]: `\${${principalParam(app)}}` } },
      },
    ],
  });
}

export function renderKeylessTemplate(plan: Plan): string | undefined {
  const apps = keptByApp(plan);
  if (apps.length === 0) return undefined;
  const resources = [...new Map(apps.flatMap((a) => a.resources).map((r) => [r.id, r])).values()].sort((a, b) => compareStrings(a.id, b.id));
  const parameters: Record<string, unknown> = {
    EntraTenantId: { Type: 'String', AllowedPattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', Description: 'Entra ID tenant of the function apps (azd env get-value AZURE_TENANT_ID)' },
  };
  for (const a of apps) {
    parameters[principalParam(a.app)] = { Type: 'String', AllowedPattern: '^[0-9a-f-]{36}$', Description: `Object (principal) id of the managed identity of ${a.app} (azd env get-value SERVICE_${envName(a.app)}_IDENTITY_PRINCIPAL_ID)` };
  }
  for (const r of resources) parameters[arnParam(r)] = { Type: 'String', Description: `ARN of ${r.id}, which stays in AWS` };
  const cfnResources: Record<string, unknown> = {
    EntraOidcProvider: {
      Type: 'AWS::IAM::OIDCProvider',
      Properties: { Url: { 'Fn::Sub': 'https://login.microsoftonline.com/${EntraTenantId}/v2.0' }, ClientIdList: [WEB_IDENTITY_AUDIENCE] },
    },
  };
  const outputs: Record<string, unknown> = {};
  for (const a of apps) {
    const statements = a.resources.map((r) => {
      const actions = r.operations.length > 0 ? r.operations.map((o) => `${IAM_PREFIX[r.service]}:${o}`) : [`${IAM_PREFIX[r.service]}:Get*`];
      const arn = { Ref: arnParam(r) };
      return { Sid: pascal(`${r.service}-${r.name}`), Effect: 'Allow', Action: [...new Set(actions)].sort(compareStrings), Resource: r.service === 's3' ? [arn, { 'Fn::Sub': `\${${arnParam(r)}}/*` }] : [arn] };
    });
    const role = `${pascal(a.app)}Role`;
    cfnResources[role] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: roleName(a.app),
        Description: `Assumed keylessly by the managed identity of the Azure function app ${a.app}`,
        AssumeRolePolicyDocument: { 'Fn::Sub': trustPolicy(a.app) },
        MaxSessionDuration: 3600,
        Policies: [{ PolicyName: 'kept-resources', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
      },
    };
    outputs[`${role}Arn`] = { Description: `The value of ${envName(a.app)}_AWS_ROLE_ARN (azd env set)`, Value: { 'Fn::GetAtt': [role, 'Arn'] } };
  }
  return stableStringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Keyless access from Azure Functions managed identities to the AWS resources that stay (generated by migrate convert)',
    Parameters: parameters,
    Resources: cfnResources,
    Outputs: outputs,
  });
}

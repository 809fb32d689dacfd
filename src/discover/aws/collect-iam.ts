// IAM (global): each execution role once — trust policy, permissions boundary, attached managed policies with their
// default version document, inline policies. Managed policies are fetched once per run, whoever attaches them.

import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import type { Policy, Role } from '../../model/inventory.js';
import { compareStrings } from '../../util/json.js';
import { roleNameOf } from './arn.js';
import { collectPages, type AwsCaller } from './call.js';
import type { ClientOf } from './clients.js';
import { mapLimit } from '../../util/map-limit.js';
import { parsePolicyDocument, statementsOf, trustedServicesOf } from './decode-policy-document.js';

export interface IamContext {
  iam: ClientOf<'iam'>;
  caller: AwsCaller;
  scope: string;
}

async function managedPolicy(ctx: IamContext, arn: string, cache: Map<string, Promise<Policy>>): Promise<Policy> {
  let p = cache.get(arn);
  if (!p) {
    p = (async () => {
      const kind = /:iam::aws:policy\//.test(arn) ? 'managed-aws' : 'managed-customer';
      const meta = await ctx.caller.get({ action: 'iam:GetPolicy', scope: ctx.scope, subject: arn }, () => ctx.iam.send(new GetPolicyCommand({ PolicyArn: arn })));
      const versionId = meta?.Policy?.DefaultVersionId;
      const version = versionId
        ? await ctx.caller.get({ action: 'iam:GetPolicyVersion', scope: ctx.scope, subject: arn }, () => ctx.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId })))
        : undefined;
      const doc = parsePolicyDocument(version?.PolicyVersion?.Document);
      const policy: Policy = { name: arn, kind, statements: statementsOf(doc) };
      if (!doc) policy.opaque = true;
      return policy;
    })();
    cache.set(arn, p);
  }
  return p;
}

export async function collectRole(ctx: IamContext, roleArn: string, cache: Map<string, Promise<Policy>>): Promise<Role> {
  const RoleName = roleNameOf(roleArn);
  const spec = (action: string) => ({ action, scope: ctx.scope, subject: roleArn });
  const role: Role = { id: roleArn, name: RoleName, arn: roleArn, trustedServices: [], policies: [] };
  const got = await ctx.caller.get(spec('iam:GetRole'), () => ctx.iam.send(new GetRoleCommand({ RoleName })));
  if (got?.Role) {
    role.trustedServices = trustedServicesOf(parsePolicyDocument(got.Role.AssumeRolePolicyDocument));
    if (got.Role.PermissionsBoundary?.PermissionsBoundaryArn) role.permissionsBoundary = got.Role.PermissionsBoundary.PermissionsBoundaryArn;
  }
  const attached = await collectPages(ctx.caller, spec('iam:ListAttachedRolePolicies'), (Marker) => ctx.iam.send(new ListAttachedRolePoliciesCommand({ RoleName, Marker })), (p) => p.AttachedPolicies, (p) => (p.IsTruncated ? p.Marker : undefined));
  const inlineNames = await collectPages(ctx.caller, spec('iam:ListRolePolicies'), (Marker) => ctx.iam.send(new ListRolePoliciesCommand({ RoleName, Marker })), (p) => p.PolicyNames, (p) => (p.IsTruncated ? p.Marker : undefined));
  const managed = await Promise.all(attached.items.flatMap((a) => (a.PolicyArn ? [managedPolicy(ctx, a.PolicyArn, cache)] : [])));
  const inline = await mapLimit([...inlineNames.items].sort(compareStrings), 4, async (PolicyName): Promise<Policy> => {
    const r = await ctx.caller.get(spec('iam:GetRolePolicy'), () => ctx.iam.send(new GetRolePolicyCommand({ RoleName, PolicyName })));
    const doc = parsePolicyDocument(r?.PolicyDocument);
    const policy: Policy = { name: PolicyName, kind: 'inline', statements: statementsOf(doc) };
    if (!doc) policy.opaque = true;
    return policy;
  });
  role.policies = [...managed.sort((a, b) => compareStrings(a.name, b.name)), ...inline];
  return role;
}

export async function collectRoles(ctx: IamContext, roleArns: readonly string[]): Promise<Role[]> {
  const cache = new Map<string, Promise<Policy>>();
  const unique = [...new Set(roleArns)].sort(compareStrings);
  return mapLimit(unique, 4, (arn) => collectRole(ctx, arn, cache));
}

// Plain CloudFormation: AWS::Lambda::Function and the IAM roles and policies of a template (SAM or not).

import type { LambdaFunction, Policy, Role } from '../../model/inventory.js';
import { allReferencedLogicalIds, asArray, asRecord, functionId, locate, referencedLogicalId, type TemplateContext, warn } from './context.js';
import { compareStrings } from '../../util/json.js';
import { baseFunction, type CodeLocation, inlineCode, localCode, tagsOf } from './function-properties.js';
import { display } from './symbolic.js';
import { managedPolicy, statementsOf } from './policies.js';

function codeLocation(ctx: TemplateContext, props: Record<string, unknown>): CodeLocation {
  const r = ctx.resolver;
  const code = props.Code;
  // `aws cloudformation package` accepts a local path as Code.
  const local = r.literal(code);
  if (local !== undefined) return local.startsWith('s3://') ? { repositoryType: 'S3' } : localCode(ctx, local);
  const c = asRecord(code);
  if (c.ZipFile !== undefined) return inlineCode(ctx, c.ZipFile);
  if (c.ImageUri !== undefined) return { repositoryType: 'ECR', imageUri: r.str(c.ImageUri) ?? { symbol: 'unknown-image' } };
  return { repositoryType: 'S3' };
}

export function collectCfnFunctions(ctx: TemplateContext, stack: string, functions: Map<string, LambdaFunction>): void {
  const r = ctx.resolver;
  for (const [logicalId, resource] of Object.entries(ctx.resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const props = asRecord(resource.Properties);
    const condition = typeof resource.Condition === 'string' ? resource.Condition : undefined;
    const condValue = condition ? r.condition(condition) : undefined;
    if (condition && condValue === false) {
      ctx.out.warnings.push({ code: 'template.condition-false', message: `${logicalId} is not created: condition ${condition} is false with the parameter defaults`, subject: functionId(ctx, logicalId), source: locate(ctx, ctx.resources, logicalId, logicalId) });
      continue;
    }
    const fn = baseFunction({ ctx, logicalId, container: ctx.resources, props, code: codeLocation(ctx, props), codeKey: 'Code', name: r.literal(props.FunctionName) ?? logicalId, stack });
    const mode = r.literal(asRecord(props.TracingConfig).Mode);
    if (mode === 'Active' || mode === 'PassThrough') fn.tracing = mode;
    const dl = r.str(asRecord(props.DeadLetterConfig).TargetArn);
    if (dl !== undefined) fn.deadLetter = dl;
    fn.tags = tagsOf(ctx, props.Tags);
    if (condition) fn.extras = { ...(fn.extras ?? {}), condition: { name: condition, value: condValue ?? 'unknown' } };
    const roleTarget = referencedLogicalId(props.Role, ctx.resources);
    if (roleTarget && r.resourceType(roleTarget) === 'AWS::IAM::Role') fn.roleRef = functionId(ctx, roleTarget);
    else if (props.Role !== undefined) {
      const arn = r.str(props.Role) ?? { symbol: 'unknown-role' };
      fn.roleRef = display(arn);
      if (!ctx.out.roles.some((x) => x.id === fn.roleRef)) ctx.out.roles.push({ id: fn.roleRef, arn, trustedServices: [], policies: [], source: locate(ctx, props, 'Role', logicalId) });
    }
    functions.set(logicalId, fn);
  }
}

function trustedServices(ctx: TemplateContext, doc: unknown): string[] {
  const out = new Set<string>();
  for (const s of asArray(asRecord(ctx.resolver.resolve(doc)).Statement)) {
    for (const svc of asArray(asRecord(asRecord(s).Principal).Service)) if (typeof svc === 'string') out.add(svc);
  }
  return [...out].sort();
}

/** AWS::IAM::Role with inline and managed policies, plus AWS::IAM::Policy / ManagedPolicy attached to them. */
export function collectRoles(ctx: TemplateContext): void {
  const r = ctx.resolver;
  const roles = new Map<string, Role>();
  const managedDocs = new Map<string, Policy>();
  for (const [logicalId, resource] of Object.entries(ctx.resources)) {
    if (resource.Type !== 'AWS::IAM::ManagedPolicy') continue;
    const props = asRecord(resource.Properties);
    managedDocs.set(logicalId, { name: r.literal(props.ManagedPolicyName) ?? logicalId, kind: 'managed-customer', statements: statementsOf(props.PolicyDocument, r) });
  }
  for (const [logicalId, resource] of Object.entries(ctx.resources)) {
    if (resource.Type !== 'AWS::IAM::Role') continue;
    const props = asRecord(resource.Properties);
    const role: Role = {
      id: functionId(ctx, logicalId),
      name: r.literal(props.RoleName) ?? logicalId,
      arn: { symbol: `GetAtt:${logicalId}.Arn` },
      trustedServices: trustedServices(ctx, props.AssumeRolePolicyDocument),
      policies: [],
      source: locate(ctx, ctx.resources, logicalId, logicalId),
    };
    for (const p of asArray(props.Policies)) {
      const pr = asRecord(p);
      role.policies.push({ name: r.literal(pr.PolicyName) ?? 'inline', kind: 'inline', statements: statementsOf(pr.PolicyDocument, r) });
    }
    for (const m of asArray(props.ManagedPolicyArns)) {
      const target = referencedLogicalId(m, ctx.resources);
      const doc = target ? managedDocs.get(target) : undefined;
      role.policies.push(doc ?? managedPolicy(r.str(m) ?? { symbol: 'unknown-policy' }));
    }
    const boundary = r.str(props.PermissionsBoundary);
    if (boundary !== undefined) role.permissionsBoundary = boundary;
    roles.set(logicalId, role);
  }
  for (const [logicalId, resource] of Object.entries(ctx.resources)) {
    const isPolicy = resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::RolePolicy';
    const isManaged = resource.Type === 'AWS::IAM::ManagedPolicy';
    if (!isPolicy && !isManaged) continue;
    const props = asRecord(resource.Properties);
    const policy: Policy = isManaged
      ? managedDocs.get(logicalId)!
      : { name: r.literal(props.PolicyName) ?? logicalId, kind: 'inline', statements: statementsOf(props.PolicyDocument, r) };
    const targets = [...asArray(props.Roles), ...(props.RoleName !== undefined ? [props.RoleName] : [])];
    for (const t of targets) {
      const id = referencedLogicalId(t, ctx.resources);
      const role = id ? roles.get(id) : undefined;
      if (role && !role.policies.includes(policy)) role.policies.push(policy);
    }
  }
  ctx.out.roles.push(...roles.values());
}

/**
 * Resources that depend on each other in a loop (Ref/GetAtt/Sub/DependsOn): CloudFormation rejects such a template,
 * but the functions in it are still worth inventorying, so this is a warning naming the loop, once per loop.
 */
export function warnDependencyCycles(ctx: TemplateContext): void {
  const ids = Object.keys(ctx.resources).sort(compareStrings);
  const edges = new Map<string, string[]>();
  for (const id of ids) {
    const res = ctx.resources[id]!;
    // SAM turns a serverless resource's Events into resources of their own (permissions, API methods, mappings):
    // the function itself does not depend on the API or queue an event names.
    const props = typeof res.Type === 'string' && res.Type.startsWith('AWS::Serverless::') ? { ...asRecord(res.Properties), Events: undefined } : res.Properties;
    const deps = allReferencedLogicalIds([props, res.DependsOn === undefined ? [] : asArray(res.DependsOn).map((d) => ({ Ref: d }))], ctx.resources);
    deps.delete(id);
    edges.set(id, [...deps].sort(compareStrings));
  }
  const state = new Map<string, 1 | 2>(); // 1: on the current path, 2: done
  const reported = new Set<string>();
  for (const start of ids) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const stack: [string, number][] = [[start, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [node, i] = top;
      if (i === 0) {
        state.set(node, 1);
        path.push(node);
      }
      const next = edges.get(node)?.[i];
      if (next === undefined) {
        state.set(node, 2);
        path.pop();
        stack.pop();
        continue;
      }
      top[1] = i + 1;
      if (state.get(next) === 1) {
        const loop = path.slice(path.indexOf(next));
        const key = [...loop].sort(compareStrings).join(',');
        if (!reported.has(key)) {
          reported.add(key);
          warn(ctx, 'template.circular-dependency', `resources depend on each other in a loop: ${[...loop, next].join(' → ')} (CloudFormation would reject this template)`, { obj: ctx.resources, key: next, logicalId: next });
        }
      } else if (!state.has(next)) stack.push([next, 0]);
    }
  }
}

// Read-only by construction: every SDK command live discovery imports is a Get/List/Describe, and the shipped
// least-privilege policy (docs/iam-policy.json) lists exactly the IAM actions the code asks for. The one exception is
// named below: sts:AssumeRole, which `--org` needs to enter each member account; it changes nothing in AWS.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SRC = path.join(ROOT, 'src/discover/aws');
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, text: readFileSync(path.join(SRC, f), 'utf8') }));

/** `import { A, B as C, type D } from '@aws-sdk/client-x'` → [{pkg, name}] (type-only names excluded). */
function sdkImports(): { file: string; pkg: string; name: string }[] {
  const out: { file: string; pkg: string; name: string }[] = [];
  for (const { file, text } of files) {
    for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'(@aws-sdk\/[^']+)'/g)) {
      if (m[1]) continue;
      for (const raw of m[2]!.split(',')) {
        const spec = raw.trim();
        if (!spec || spec.startsWith('type ')) continue;
        out.push({ file, pkg: m[3]!, name: spec.split(/\s+as\s+/)[0]!.trim() });
      }
    }
  }
  return out;
}

const SERVICE_PREFIX: Record<string, string> = {
  '@aws-sdk/client-lambda': 'lambda',
  '@aws-sdk/client-iam': 'iam',
  '@aws-sdk/client-sts': 'sts',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/client-sns': 'sns',
  '@aws-sdk/client-eventbridge': 'events',
  '@aws-sdk/client-scheduler': 'scheduler',
  '@aws-sdk/client-api-gateway': 'apigateway',
  '@aws-sdk/client-apigatewayv2': 'apigateway',
  '@aws-sdk/client-cloudwatch-logs': 'logs',
  '@aws-sdk/client-elastic-load-balancing-v2': 'elasticloadbalancing',
  '@aws-sdk/client-cloudformation': 'cloudformation',
  '@aws-sdk/client-cognito-identity-provider': 'cognito-idp',
  '@aws-sdk/client-organizations': 'organizations',
  '@aws-sdk/client-resource-groups-tagging-api': 'tag',
};
/**
 * The only calls allowed that are not List/Get/Describe, each with the reason. AssumeRole returns temporary
 * credentials for a role in a member account (`discover --aws --org`); it creates, changes and deletes nothing.
 */
const NON_READ_ALLOWED: Record<string, string> = {
  'sts:AssumeRole': 'organisation discovery enters each member account through a role (src/discover/aws/assume-role.ts)',
};
/** Where the IAM action is not the operation's name (service authorization reference). */
const ACTION_OF_OPERATION: Record<string, string> = {
  's3:GetBucketNotificationConfiguration': 's3:GetBucketNotification',
  's3:ListBuckets': 's3:ListAllMyBuckets',
};

function iamActionOf(pkg: string, command: string): string {
  const prefix = SERVICE_PREFIX[pkg];
  if (!prefix) throw new Error(`no IAM prefix known for ${pkg}`);
  if (prefix === 'apigateway') return 'apigateway:GET'; // API Gateway authorizes reads by HTTP verb
  const op = `${prefix}:${command.replace(/Command$/, '')}`;
  return ACTION_OF_OPERATION[op] ?? op;
}

describe('live discovery is read-only', () => {
  const commands = sdkImports().filter((i) => i.name.endsWith('Command') || i.name.startsWith('paginate'));

  it('imports SDK commands (the walk is not vacuous)', () => {
    expect(commands.length).toBeGreaterThan(30);
  });

  it('imports only Get/List/Describe commands and paginators, and the allowed exceptions', () => {
    const offending = commands.filter(
      (c) => !/^(Get|List|Describe)\w*Command$/.test(c.name) && !/^paginate(Get|List|Describe)\w*$/.test(c.name) && !(iamActionOf(c.pkg, c.name) in NON_READ_ALLOWED),
    );
    expect(offending).toEqual([]);
    // The exceptions are used (not stale) and each is imported from exactly one file.
    for (const action of Object.keys(NON_READ_ALLOWED)) expect(commands.filter((c) => iamActionOf(c.pkg, c.name) === action).map((c) => c.file)).toEqual(['assume-role.ts']);
  });

  it('never reads secret values', () => {
    for (const { file, text } of files) {
      expect(text, file).not.toMatch(/GetSecretValue|GetParameters?(ByPath)?Command|WithDecryption/);
    }
  });

  it('ships a least-privilege policy with exactly the actions the code uses', () => {
    const policy = JSON.parse(readFileSync(path.join(ROOT, 'docs/iam-policy.json'), 'utf8')) as { Statement: { Effect: string; Action: string[]; Resource: string }[] };
    const granted = new Set(policy.Statement.flatMap((s) => (s.Effect === 'Allow' ? s.Action : [])));
    const fromImports = new Set(commands.map((c) => iamActionOf(c.pkg, c.name)));
    const fromCalls = new Set(files.flatMap(({ text }) => [...text.matchAll(/(?:spec\(|action\s*[:=]\s*)'([a-z0-9-]+:[A-Za-z]+)'/g)].map((m) => m[1]!)));
    expect([...fromCalls].sort()).toEqual([...granted].sort());
    expect([...fromImports].sort()).toEqual([...granted].sort());
    for (const a of granted) if (!(a in NON_READ_ALLOWED)) expect(a).toMatch(/^[a-z0-9-]+:(Get|List|Describe|GET$)/);
    // The exceptions sit in their own statement, limited to roles rather than every resource.
    for (const a of Object.keys(NON_READ_ALLOWED)) {
      const statements = policy.Statement.filter((st) => st.Action.includes(a));
      expect(statements.map((st) => [st.Action, st.Resource])).toEqual([[[a], 'arn:aws:iam::*:role/OrganizationAccountAccessRole']]);
    }
  });

  it('documents every action in docs/permissions.md', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/permissions.md'), 'utf8');
    const policy = JSON.parse(readFileSync(path.join(ROOT, 'docs/iam-policy.json'), 'utf8')) as { Statement: { Action: string[] }[] };
    for (const a of policy.Statement.flatMap((s) => s.Action)) expect(doc, a).toContain(`\`${a}\``);
  });
});

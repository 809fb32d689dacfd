// Hostile templates and source trees for `migrate discover`.

import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Inventory } from '../../src/model/inventory.js';
import { runCli } from '../support/cli.js';
import { type HostileCase, templateWithEnv, writeBaseRepo } from './case.js';
import { CANARY, type Sandbox } from './sandbox.js';

const discover = (template: string, ...extra: string[]) => (sb: Sandbox) => ['discover', '--template', template.startsWith('/') ? template : sb.p(template), '--out', sb.p('out/inventory.json'), ...extra];
const inventory = (sb: Sandbox): Inventory => JSON.parse(readFileSync(sb.p('out/inventory.json'), 'utf8')) as Inventory;

/** Malformed YAML templates: exit 2 at file:line:column. */
const BAD_YAML: [string, string][] = [
  ['unterminated-quote', 'Resources:\n  Fn:\n    Type: "AWS::Serverless::Function\n'],
  ['bad-indent', 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n   Properties: {}\n'],
  ['tab-indent', 'Resources:\n\tFn:\n\t\tType: AWS::Lambda::Function\n'],
  ['unclosed-flow-map', 'Resources: { Fn: { Type: AWS::Lambda::Function }\n'],
  ['unclosed-flow-seq', 'Resources:\n  Fn:\n    Properties:\n      Layers: [a, b\n'],
  ['duplicate-key', 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n  Fn:\n    Type: AWS::Lambda::Function\n'],
  ['undefined-alias', 'Resources:\n  Fn: *missing\n'],
  ['bad-anchor', 'Resources: &\n  Fn: {}\n'],
  ['mapping-in-scalar', 'Resources:\n  Fn: a: b: c\n'],
  ['unterminated-block-scalar', 'Resources:\n  Fn:\n    Properties:\n      Code: {ZipFile: "a\n'],
  ['two-docs-bad', 'Resources: {}\n---\n- [\n'],
  ['directive-junk', '%YAML 9.9 extra\n---\nResources: {}\n'],
  ['unclosed-quote-key', 'Resources:\n  "Fn:\n    Type: x\n'],
  ['flow-in-block-key', 'Resources:\n  [a, b: {c\n'],
];

/** Malformed JSON templates: exit 2 at file:line:column. */
const BAD_JSON: [string, string][] = [
  ['empty', ''],
  ['whitespace', '  \n\n '],
  ['bom-garbage', '\uFEFFnot json'],
  ['yaml-in-json', 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n'],
  ['trailing-comma', '{"Resources": {"Fn": {"Type": "AWS::Lambda::Function"},}}'],
  ['single-quotes', "{'Resources': {}}"],
  ['comment', '{"Resources": {} // no\n}'],
  ['truncated', '{"Resources": {"Fn": {"Type": "AWS::Lambda::Function"'],
  ['trailing-data', '{"Resources": {}} {"x": 1}'],
  ['unquoted-key', '{Resources: {}}'],
  ['bad-escape', '{"Resources": {"F\\qn": {}}}'],
  ['raw-newline-in-string', '{"Resources": {"Fn": {"Type": "AWS::\nLambda"}}}'],
];

/** Alias bombs of several shapes: exit 2 at the alias, quickly. */
export const ALIAS_BOMBS: [string, string][] = [
  ['laughs-seq', `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\nResources: *h\n`],
  ['laughs-map', `a: &a {x: lol, y: lol, z: lol, w: lol}\nb: &b {x: *a, y: *a, z: *a, w: *a}\nc: &c {x: *b, y: *b, z: *b, w: *b}\nd: &d {x: *c, y: *c, z: *c, w: *c}\ne: &e {x: *d, y: *d, z: *d, w: *d}\nf: &f {x: *e, y: *e, z: *e, w: *e}\ng: &g {x: *f, y: *f, z: *f, w: *f}\nh: &h {x: *g, y: *g, z: *g, w: *g}\ni: &i {x: *h, y: *h, z: *h, w: *h}\nj: &j {x: *i, y: *i, z: *i, w: *i}\nResources: *j\n`],
  ['wide-fanout', `a: &a ${JSON.stringify('x'.repeat(1000))}\nb: &b [${Array(100).fill('*a').join(',')}]\nc: &c [${Array(100).fill('*b').join(',')}]\nd: &d [${Array(100).fill('*c').join(',')}]\nResources: *d\n`],
  ['big-string', `a: &a ${JSON.stringify('y'.repeat(60_000))}\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\nResources: {Fn: {Type: AWS::Lambda::Function, Properties: {Layers: *d}}}\n`],
  ['merge-keys', `a: &a {x: [lol, lol, lol, lol, lol, lol, lol, lol]}\nb: &b {<<: *a, y: [*a, *a, *a, *a, *a, *a, *a, *a]}\nc: &c {<<: *b, y: [*b, *b, *b, *b, *b, *b, *b, *b]}\nd: &d {<<: *c, y: [*c, *c, *c, *c, *c, *c, *c, *c]}\ne: &e {<<: *d, y: [*d, *d, *d, *d, *d, *d, *d, *d]}\nf: &f {<<: *e, y: [*e, *e, *e, *e, *e, *e, *e, *e]}\ng: &g {<<: *f, y: [*f, *f, *f, *f, *f, *f, *f, *f]}\nResources: *g\n`],
  ['keys-as-aliases', `a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nResources:\n  ? *e\n  : x\n`],
];

/** Values that must never reach the inventory, even with --include-values, and the secret text inside them. */
const SECRETS: [string, string, string][] = [
  ['sub-url-credentials', `          DB_URL: !Sub "postgres://admin:Sup3rPw0rd@\${Host}/db"`, 'Sup3rPw0rd'],
  ['sub-long-url-credentials', `          DB_URL: {"Fn::Sub": "mysql://root:r00tPass99@\${Host}:3306/app"}`, 'r00tPass99'],
  ['join-url-credentials', `          DB_URL: !Join ["", ["redis://:Redi5Secret77@", !Ref Host, ":6379"]]`, 'Redi5Secret77'],
  ['join-bearer', `          AUTH_HEADER_VALUE: !Join [" ", ["Bearer", "tok_9f8e7d6c5b4a3f2e1d0c"]]`, 'tok_9f8e7d6c5b4a3f2e1d0c'],
  ['literal-bearer', `          UPSTREAM_AUTH: "Bearer abcdefghijklmnopqrstu12345"`, 'abcdefghijklmnopqrstu12345'],
  ['sub-bearer', `          UPSTREAM_AUTH: !Sub "Bearer zyxwvutsrq9876543210-\${Host}"`, 'zyxwvutsrq9876543210'],
  ['if-branch-credentials', `          DB_URL: !If [Unknown, "postgres://u:IfBranchPw1@h/db", "postgres://h/db"]`, 'IfBranchPw1'],
  ['if-else-branch-credentials', `          DB_URL: !If [Unknown, "postgres://h/db", !Sub "postgres://u:ElseBranchPw2@\${Host}/db"]`, 'ElseBranchPw2'],
  ['query-apikey', `          WEATHER_URL: "https://api.example.com/v1?city=x&apikey=QueryKey123456"`, 'QueryKey123456'],
  ['sub-query-token', `          HOOK: !Sub "https://\${Host}/hook?access_token=QTok987654321"`, 'QTok987654321'],
  ['pem-key', `          TLS_KEY: "-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA0PemBody\\n-----END RSA PRIVATE KEY-----"`, 'MIIEpAIBAAKCAQEA0PemBody'],
  ['openssh-key', `          DEPLOY_KEY: "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAA\\n-----END OPENSSH PRIVATE KEY-----"`, 'b3BlbnNzaC1rZXktdjEAAAAA'],
  ['aws-key-id', `          LEGACY: "AKIAIOSFODNN7EXAMPLE"`, 'AKIAIOSFODNN7EXAMPLE'],
  ['aws-key-id-in-sub', `          LEGACY: !Sub "id=AKIAIOSFODNN7EXAMPLE;host=\${Host}"`, 'AKIAIOSFODNN7EXAMPLE'],
  ['jwt', `          STATIC_JWT: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"`, 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
  ['jwt-in-join', `          STATIC_JWT: !Join ["", ["eyJhbGciOiJIUzI1NiJ9.", "eyJzdWIiOiIxMjM0NTY3ODkwIn0.", "JoinSigPart0123456789abcdef"]]`, 'JoinSigPart0123456789abcdef'],
  ['noecho-ref-default', `          DB_PASS: !Ref DbPassword`, 'NoEchoDefault42'],
  ['noecho-in-sub', `          DB_URL: !Sub "postgres://app:\${DbPassword}@\${Host}/db"`, 'NoEchoDefault42'],
  ['noecho-in-join', `          DB_URL: !Join ["", ["postgres://app:", !Ref DbPassword, "@db/x"]]`, 'NoEchoDefault42'],
  ['noecho-in-if', `          DB_PASS: !If [IsProd, !Ref DbPassword, "none"]`, 'NoEchoDefault42'],
  ['password-name', `          DB_PASSWORD: "plainpassword"`, 'plainpassword'],
  ['connection-string', `          STORAGE: "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=Zm9vYmFyYmF6cXV4MTIz;EndpointSuffix=core.windows.net"`, 'Zm9vYmFyYmF6cXV4MTIz'],
];
const NOECHO = `  DbPassword:\n    Type: String\n    NoEcho: true\n    Default: NoEchoDefault42\n`;

export const DISCOVER_CASES: HostileCase[] = [
  ...BAD_YAML.map(([name, text]): HostileCase => ({
    id: `template-yaml/${name}`,
    arrange: (sb) => sb.write('repo/template.yaml', text),
    argv: discover('repo/template.yaml'),
    exit: 2,
    line: /template\.yaml:\d+:\d+: /,
  })),
  ...BAD_JSON.map(([name, text]): HostileCase => ({
    id: `template-json/${name}`,
    arrange: (sb) => sb.write('repo/app.template.json', text),
    argv: discover('repo/app.template.json'),
    exit: 2,
    line: /app\.template\.json:\d+:\d+: (malformed|invalid) JSON/,
  })),
  ...ALIAS_BOMBS.map(([name, text]): HostileCase => ({
    id: `template-alias-bomb/${name}`,
    arrange: (sb) => sb.write('repo/template.yaml', text),
    argv: discover('repo/template.yaml'),
    exit: 2,
    line: /template\.yaml:\d+:\d+: YAML aliases expand beyond the limit/,
  })),
  { id: 'template-special/dev-zero', argv: discover('/dev/zero'), exit: 2, line: /pseudo filesystem/ },
  { id: 'template-special/dev-null', argv: discover('/dev/null'), exit: 2, line: /pseudo filesystem/ },
  { id: 'template-special/dev-urandom', argv: discover('/dev/urandom'), exit: 2, line: /pseudo filesystem/ },
  { id: 'template-special/proc-status', argv: discover('/proc/self/status'), exit: 2, line: /pseudo filesystem/ },
  { id: 'template-special/proc-environ', argv: discover('/proc/self/environ'), exit: 2, line: /pseudo filesystem/ },
  { id: 'template-special/fifo', arrange: (sb) => sb.fifo('repo/template.yaml'), argv: discover('repo/template.yaml'), exit: 2, line: /not a regular file/ },
  { id: 'template-special/link-to-dev-zero', arrange: (sb) => sb.link('repo/template.yaml', '/dev/zero'), argv: discover('repo/template.yaml'), exit: 2, line: /pseudo filesystem/ },
  { id: 'template-special/missing', argv: discover('repo/nope.yaml'), exit: 2, line: /no such file/ },
  { id: 'template-special/empty-dir', argv: discover('repo'), exit: 2, line: /no SAM, CloudFormation or Serverless Framework templates found/ },
  {
    id: 'template-special/fifo-in-searched-dir',
    arrange: (sb) => {
      writeBaseRepo(sb);
      sb.fifo('repo/nested/template.yaml');
    },
    argv: discover('repo', '--json'),
    exit: 0,
    check: (sb) => expect(inventory(sb).functions).toHaveLength(2),
  },
  {
    id: 'template-special/searched-link-out-of-root',
    arrange: (sb) => {
      writeBaseRepo(sb);
      sb.write('outside/evil.template.yaml', `Resources:\n  Evil:\n    Type: AWS::Lambda::Function\n    Properties: {Description: ${sb.p('outside/secret.txt')}}\n`);
      sb.link('repo/linked.template.yaml', '@outside/evil.template.yaml');
    },
    argv: discover('repo', '--json'),
    exit: 0,
    check: (sb) => expect(inventory(sb).functions.map((f) => f.name)).not.toContain('Evil'),
  },
  ...(
    [
      ['node-handler-to-outside', '@outside/secret.txt'],
      ['node-handler-to-etc-passwd', '/etc/passwd'],
    ] as const
  ).map(([name, target]): HostileCase => ({
    id: `source-link/${name}`,
    arrange: (sb) => {
      writeBaseRepo(sb);
      sb.link('repo/src/thumb.mjs', target);
    },
    argv: discover('repo/template.yaml', '--json'),
    exit: 0,
    check: (sb) => {
      const inv = inventory(sb);
      expect(inv.functions.find((f) => f.name === 'ThumbFunction')!.handler).toMatchObject({ exists: false });
      expect(inv.functions.find((f) => f.name === 'ThumbFunction')!.handler!.file).toBeUndefined();
      expect(inv.warnings.some((w) => w.code === 'handler.missing-file' && w.message.includes('resolves outside the source root'))).toBe(true);
    },
  })),
  {
    id: 'source-link/handler-inside-root-is-fine',
    arrange: (sb) => {
      writeBaseRepo(sb);
      sb.write('repo/lib/real-thumb.mjs', 'export const handler = async () => 1;\n');
      sb.link('repo/src/thumb.mjs', '@repo/lib/real-thumb.mjs');
    },
    argv: discover('repo/template.yaml', '--json'),
    exit: 0,
    check: (sb) => expect(inventory(sb).functions.find((f) => f.name === 'ThumbFunction')!.handler!.exists).toBe(true),
  },
  {
    id: 'source-link/code-dir-to-outside',
    arrange: (sb) => {
      writeBaseRepo(sb, `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: secret.handler, Runtime: python3.12, CodeUri: linked}\n`);
      sb.write('outside/secret.py', `# ${CANARY}\ndef handler(e, c): pass\n`);
      sb.link('repo/linked', '@outside');
    },
    argv: discover('repo/template.yaml', '--json'),
    exit: 0,
    check: (sb) => expect(inventory(sb).functions[0]!.handler!.exists).toBe(false),
  },
  {
    id: 'source-link/dockerfile-to-outside',
    arrange: (sb) => {
      writeBaseRepo(sb, `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {PackageType: Image}\n    Metadata: {DockerContext: img, Dockerfile: Dockerfile}\n`);
      sb.write('outside/Dockerfile', `FROM public.ecr.aws/lambda/python:3.12\n# ${CANARY}\n`);
      sb.link('repo/img/Dockerfile', '@outside/Dockerfile');
    },
    argv: discover('repo/template.yaml', '--json'),
    exit: 0,
  },
  {
    id: 'serverless/file-outside-root',
    arrange: (sb) => sb.write('repo/serverless.yml', `service: s\nprovider: {name: aws, runtime: nodejs22.x}\ncustom: \${file(../outside/x.yml)}\nfunctions:\n  a:\n    handler: src/handler.handler\n    description: \${self:custom.value}\n`),
    argv: discover('repo/serverless.yml', '--json'),
    exit: 0,
    check: (sb) => expect(inventory(sb).warnings.map((w) => w.code)).toContain('serverless.file-outside-root'),
  },
  {
    id: 'serverless/file-link-out-of-root',
    arrange: (sb) => {
      sb.write('repo/serverless.yml', `service: s\nprovider: {name: aws, runtime: nodejs22.x}\ncustom: \${file(./vars.yml)}\nfunctions:\n  a:\n    handler: src/handler.handler\n    description: \${self:custom.value}\n`);
      sb.link('repo/vars.yml', '@outside/x.yml');
    },
    argv: discover('repo/serverless.yml', '--json'),
    exit: 0,
    check: (sb) => expect(inventory(sb).warnings.map((w) => w.code)).toContain('serverless.file-refused'),
  },
  {
    id: 'serverless/file-fifo',
    arrange: (sb) => {
      sb.write('repo/serverless.yml', `service: s\nprovider: {name: aws, runtime: nodejs22.x}\ncustom: \${file(./vars.yml)}\nfunctions:\n  a: {handler: src/handler.handler}\n`);
      sb.fifo('repo/vars.yml');
    },
    argv: discover('repo/serverless.yml', '--json'),
    exit: 0,
    check: (sb) => expect(inventory(sb).warnings.map((w) => w.code)).toContain('serverless.file-refused'),
  },
  {
    id: 'serverless/unresolved-http-path',
    arrange: (sb) => sb.write('repo/serverless.yml', `service: s\nprovider: {name: aws, runtime: nodejs22.x}\nfunctions:\n  a:\n    handler: src/handler.handler\n    events:\n      - http: {path: '\${self:custom.missing}', method: get}\n`),
    argv: discover('repo/serverless.yml', '--json'),
    exit: 0,
    check: (sb) => {
      const inv = inventory(sb);
      expect(inv.functions[0]!.triggers[0]).toMatchObject({ path: '/${self:custom.missing}' });
      expect(inv.warnings.map((w) => w.code)).toContain('serverless.unresolved-path');
    },
  },
  {
    id: 'serverless/functions-as-list',
    arrange: (sb) => sb.write('repo/serverless.yml', `service: s\nprovider: {name: aws, runtime: nodejs22.x}\nfunctions:\n  - a: {handler: src/a.handler}\n  - b: {handler: src/b.handler}\n`),
    argv: discover('repo/serverless.yml', '--json'),
    exit: 0,
    check: (sb) => expect(inventory(sb).functions.map((f) => f.name).sort()).toEqual(['s-dev-a', 's-dev-b']),
  },
  {
    id: 'serverless/events-as-map',
    arrange: (sb) => sb.write('repo/serverless.yml', `service: s\nprovider: {name: aws, runtime: nodejs22.x}\nfunctions:\n  a:\n    handler: src/a.handler\n    events: {http: {path: x, method: get}}\n`),
    argv: discover('repo/serverless.yml', '--json'),
    exit: 0,
    check: (sb) => expect(inventory(sb).warnings.map((w) => w.code)).toContain('serverless.events-not-a-list'),
  },
  {
    id: 'sam/events-as-list',
    arrange: (sb) => writeBaseRepo(sb, `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: src/handler.handler\n      Runtime: nodejs22.x\n      Events:\n        - Type: Api\n          Properties: {Path: /x, Method: get}\n`),
    argv: discover('repo/template.yaml', '--json'),
    exit: 0,
    check: (sb) => expect(inventory(sb).warnings.map((w) => w.code)).toContain('template.events-not-a-map'),
  },
  ...SECRETS.map(([name, vars, secret]): HostileCase => ({
    id: `secret/${name}`,
    arrange: (sb) => writeBaseRepo(sb, templateWithEnv(vars, NOECHO)),
    argv: discover('repo/template.yaml', '--include-values', '--json'),
    exit: 0,
    check: (sb) => {
      expect(readFileSync(sb.p('out/inventory.json'), 'utf8')).not.toContain(secret);
      const env = inventory(sb).functions[0]!.environment;
      expect(env.every((e) => e.kind === 'secret-like' || e.kind === 'secret-reference')).toBe(true);
    },
  })),
  ...(['SECRET_ID: ledger/signing', 'SIGNING_SECRET_ARN: arn:aws:secretsmanager:us-east-1:123456789012:secret:ledger/signing-AbCdEf', 'DB_SECRET_NAME: prod/db/credentials'] as const).map(
    (v): HostileCase => ({
      id: `secret-pointer/${v.split(':')[0]}`,
      arrange: (sb) => writeBaseRepo(sb, templateWithEnv(`          ${v}`)),
      argv: discover('repo/template.yaml', '--json'),
      exit: 0,
      check: async (sb) => {
        expect(inventory(sb).functions[0]!.environment[0]).toMatchObject({ kind: 'secret-reference', secret: { source: 'secretsmanager' } });
        // A secret's name is not a secret value: GOV-B001 does not block the plan.
        const r = await runCli(['plan', '--inventory', sb.p('out/inventory.json'), '--out-dir', sb.p('out'), '--json'], { cwd: sb.p('work'), env: { NO_COLOR: '1' } });
        expect(r.code).toBe(0);
        const plan = JSON.parse(readFileSync(sb.p('out/plan.json'), 'utf8')) as { findings: { ruleId: string }[] };
        expect(plan.findings.map((f) => f.ruleId)).not.toContain('GOV-B001');
      },
    }),
  ),
  { id: 'discover-out/is-a-directory', arrange: writeBaseRepo, argv: (sb) => ['discover', '--template', sb.p('repo/template.yaml'), '--out', sb.p('out')], exit: 2, line: /is a directory/ },
  { id: 'discover-out/dev-null', arrange: writeBaseRepo, argv: (sb) => ['discover', '--template', sb.p('repo/template.yaml'), '--out', '/dev/null'], exit: 2, line: /pseudo filesystem/ },
  { id: 'discover-out/proc', arrange: writeBaseRepo, argv: (sb) => ['discover', '--template', sb.p('repo/template.yaml'), '--out', '/proc/self/inventory.json'], exit: 2, line: /pseudo filesystem/ },
  {
    id: 'discover-out/fifo',
    arrange: (sb) => {
      writeBaseRepo(sb);
      sb.fifo('out/inventory.json');
    },
    argv: (sb) => ['discover', '--template', sb.p('repo/template.yaml'), '--out', sb.p('out/inventory.json')],
    exit: 2,
    line: /not a regular file/,
  },
  {
    id: 'discover-out/parent-is-a-file',
    arrange: (sb) => {
      writeBaseRepo(sb);
      sb.write('out/file', 'x');
    },
    argv: (sb) => ['discover', '--template', sb.p('repo/template.yaml'), '--out', sb.p('out/file/inventory.json')],
    exit: 2,
    line: /is a file, not a directory/,
  },
];

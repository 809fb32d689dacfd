// Builds full inventories from small fixture specs: each function is a patch over a plain Node.js Zip Lambda.

import type { Inventory, LambdaFunction, Role, Trigger, Warning } from '../../../src/model/inventory.js';
import type { CodeFacts } from '../../../src/plan/sdk-scan.js';

export interface FixtureFunction extends Partial<Omit<LambdaFunction, 'triggers' | 'code'>> {
  name: string;
  /** Role name (see FixtureRole). */
  role?: string;
  triggers?: Trigger[];
  code?: Partial<CodeFacts>;
}

export interface FixtureRole {
  name: string;
  actions?: string[];
  policies?: Role['policies'];
  permissionsBoundary?: string;
}

export interface FixtureSpec {
  functions?: FixtureFunction[];
  roles?: FixtureRole[];
  warnings?: Warning[];
  stacks?: Inventory['stacks'];
}

export const FIXTURE_TEMPLATE = 'template.yaml';

export function makeFunction(f: FixtureFunction): LambdaFunction {
  const { role, code: _code, triggers, ...rest } = f;
  return {
    id: `${FIXTURE_TEMPLATE}#${f.name}`,
    source: { file: FIXTURE_TEMPLATE, line: 10, column: 3, logicalId: f.name },
    stack: 'app',
    runtime: { id: 'nodejs20.x', language: 'nodejs', version: '20' },
    handler: { raw: 'index.handler', file: 'src/index.js', export: 'handler', exists: true },
    code: { path: 'src' },
    packageType: 'Zip',
    memorySize: 512,
    timeout: 3,
    architecture: 'x86_64',
    ephemeralStorage: 512,
    environment: [],
    layers: [],
    fileSystems: [],
    aliases: [],
    tags: { owner: 'team' },
    logging: { retentionInDays: 14, retentionKnown: true },
    ...(role ? { roleRef: `${FIXTURE_TEMPLATE}#${role}` } : {}),
    ...rest,
    triggers: triggers ?? [],
  };
}

export function makeInventory(spec: FixtureSpec): { inventory: Inventory; code: Map<string, CodeFacts> } {
  const functions = (spec.functions ?? []).map(makeFunction);
  const roles: Role[] = (spec.roles ?? []).map((r) => ({
    id: `${FIXTURE_TEMPLATE}#${r.name}`,
    name: r.name,
    trustedServices: ['lambda.amazonaws.com'],
    policies: r.policies ?? [{ name: `${r.name}-policy`, kind: 'inline', statements: [{ effect: 'Allow', actions: r.actions ?? [], resources: ['*'] }] }],
    ...(r.permissionsBoundary ? { permissionsBoundary: r.permissionsBoundary } : {}),
    source: { file: FIXTURE_TEMPLATE, line: 100, column: 3, logicalId: r.name },
  }));
  const code = new Map<string, CodeFacts>();
  for (const f of spec.functions ?? []) {
    if (f.code) {
      code.set(`${FIXTURE_TEMPLATE}#${f.name}`, {
        sdkCalls: f.code.sdkCalls ?? (f.code.sdkServices ?? []).map((s, i) => ({ service: s, call: `import @aws-sdk/client-${s}`, file: 'src/index.js', line: i + 1 })),
        sdkServices: f.code.sdkServices ?? [],
        usesCallback: f.code.usesCallback ?? false,
        usesRemainingTime: f.code.usesRemainingTime ?? false,
        usesV2Sdk: f.code.usesV2Sdk ?? false,
        ...(f.code.operations ? { operations: f.code.operations } : {}),
      });
    }
  }
  return {
    inventory: {
      schemaVersion: 1,
      source: { kind: 'templates', paths: [FIXTURE_TEMPLATE], root: '.', includeValues: false },
      functions,
      roles,
      layers: [],
      apis: [],
      ...(spec.stacks ? { stacks: spec.stacks } : {}),
      warnings: spec.warnings ?? [],
    },
    code,
  };
}

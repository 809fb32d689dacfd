// azure.yaml against azd's own schema, the deployment workflow's structure, and the postdeploy hook.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { emitEstate } from '../../src/emit/index.js';
import { ROOT, loadFixtures, deployedApps } from './support.js';

const fixtures = await loadFixtures();

async function azureYamlValidator() {
  const { Ajv2019 } = await import('ajv/dist/2019.js');
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'test/data/azure.yaml.schema.json'), 'utf8')) as object;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // Remote schemas for AI hosts cannot be fetched here and never apply to host: function.
  const remote = new Set<string>();
  JSON.stringify(schema, (k, v: unknown) => {
    if (k === '$ref' && typeof v === 'string' && /^https?:/.test(v)) remote.add(v.split('#')[0]!);
    return v;
  });
  for (const uri of remote) ajv.addSchema({ $id: uri }, uri);
  return ajv.compile(schema);
}

describe.each(fixtures.map((f) => [f.name, f] as const))('estate %s', (_name, fx) => {
  const tree = emitEstate(fx.plan, fx.report);

  test('azure.yaml validates against the azd schema and has one function service per app', async () => {
    const validate = await azureYamlValidator();
    const parsed = parse(tree.get('azure.yaml')!) as { name: string; infra: unknown; services?: Record<string, Record<string, unknown>> };
    const doc = { ...parsed, services: parsed.services ?? {} };
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.infra).toEqual({ provider: 'bicep', path: 'infra' });
    expect(Object.keys(doc.services).sort()).toEqual(deployedApps(fx).map((a) => a.name).sort());
    for (const app of deployedApps(fx)) {
      const s = doc.services[app.name]!;
      expect(s.host).toBe('function');
      expect(s.project).toBe(`./apps/${app.name}`);
      const expected = {
        python: 'python',
        node: app.functions.some((f) => f.handler?.file.endsWith('.ts')) ? 'ts' : 'js',
        'dotnet-isolated': 'dotnet',
        java: 'java',
        powershell: undefined,
        custom: undefined,
      }[app.runtime.name];
      expect(s.language).toBe(expected);
      const flex = app.hosting.plan === 'FlexConsumption';
      expect(s.remoteBuild).toBe(flex && expected === 'python' ? true : flex && (expected === 'js' || expected === 'ts') ? false : undefined);
    }
  });

  test('the schema check can fail: a service without host is rejected', async () => {
    const validate = await azureYamlValidator();
    expect(validate({ name: 'x1', services: { api: { project: './api', language: 'ts' } } })).toBe(false);
  });

  test('the workflow uses OIDC with variables, builds and tests each app, then provisions and deploys with azd', () => {
    const text = tree.get('.github/workflows/azure-dev.yml')!;
    const wf = parse(text) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: { uses?: string; run?: string; 'working-directory'?: string; with?: Record<string, string> }[]; needs?: string; env?: Record<string, string> }>;
    };
    expect(wf.permissions['id-token']).toBe('write');
    expect(text).not.toContain('secrets.');
    const build = wf.jobs.build!;
    for (const app of deployedApps(fx)) {
      const step = build.steps.find((s) => s['working-directory'] === `apps/${app.name}`);
      const expected = { python: 'pytest', node: 'npm test', 'dotnet-isolated': 'dotnet test', java: 'mvn -B package' }[app.runtime.name as string];
      if (expected) expect(step?.run).toContain(expected);
      else expect(build.steps.some((x) => x.run?.includes(`apps/${app.name}`))).toBe(true);
    }
    const deploy = wf.jobs.deploy!;
    expect(deploy.needs).toBe('build');
    for (const v of ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_SUBSCRIPTION_ID']) expect(deploy.env?.[v]).toBe(`\${{ vars.${v} }}`);
    const runs = deploy.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('--federated-credential-provider github');
    expect(runs).toContain('azd provision --no-prompt');
    expect(runs).toContain('azd deploy --no-prompt');
    for (const s of [...build.steps, ...deploy.steps]) if (s.uses) expect(s.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
  });

  test("every job that logs in presents an OIDC subject that `azd pipeline config` federates", () => {
    // GitHub's subject claim: a job with an environment → `environment:<name>`; a pull_request run → `pull_request`;
    // otherwise `ref:<git ref>`. azd federates `ref:refs/heads/<branch>` and `pull_request` only.
    const wf = parse(tree.get('.github/workflows/azure-dev.yml')!) as {
      on: { push?: { branches?: string[] }; pull_request?: unknown };
      jobs: Record<string, { environment?: unknown; steps: { run?: string; uses?: string }[] }>;
    };
    const federated = new Set([...(wf.on.push?.branches ?? []).map((b) => `ref:refs/heads/${b}`), 'pull_request']);
    const loggingIn = Object.entries(wf.jobs).filter(([, j]) => j.steps.some((s) => s.uses?.startsWith('azure/login') || s.run?.includes('azd auth login')));
    expect(loggingIn.map(([name]) => name)).toEqual(['deploy']);
    for (const [name, job] of loggingIn) {
      const subjects = job.environment !== undefined ? [`environment:${JSON.stringify(job.environment)}`] : (wf.on.push?.branches ?? []).map((b) => `ref:refs/heads/${b}`);
      expect(subjects.length, name).toBeGreaterThan(0);
      for (const s of subjects) expect(federated, `${name} presents ${s}`).toContain(s);
    }
  });

  test('the postdeploy hook creates one Event Grid subscription per blob trigger and topic subscription', () => {
    const subs = deployedApps(fx).flatMap((a) => a.resources.filter((r) => r.kind === 'event-grid-blob-subscription' || r.kind === 'event-grid-topic'));
    const hook = tree.get('infra/hooks/postdeploy.sh');
    if (subs.length === 0) {
      expect(hook).toBeUndefined();
      return;
    }
    expect(hook).toBeDefined();
    expect(parse(tree.get('azure.yaml')!).hooks.postdeploy.posix.run).toBe('./infra/hooks/postdeploy.sh');
    for (const r of subs) {
      if (r.kind === 'event-grid-blob-subscription') {
        expect(hook).toContain(`--name ${r.name}`);
        expect(hook).toContain(`functionName=Host.Functions.${r.functionName}&code=$key`);
      } else expect(hook).toContain(`/functions/${r.functionName}"`);
    }
    // Every variable the hook reads is an output of main.bicep (azd exports them).
    const main = tree.get('infra/main.bicep')!;
    for (const m of hook!.matchAll(/\$\{?([A-Z][A-Z0-9_]+)/g)) expect(main).toContain(`output ${m[1]} `);
  });
});

describe('names and quoting', () => {
  test('shell quoting leaves safe words alone and single-quotes the rest', async () => {
    const { shq } = await import('../../src/emit/azd/shell.js');
    expect(shq('order-events')).toBe('order-events');
    expect(shq("it's $HOME")).toBe(`'it'\\''s $HOME'`);
  });

  test('the azd project name comes from the template location or the account, and is always valid', async () => {
    const { defaultProjectName } = await import('../../src/emit/index.js');
    const base = fixtures[0]!.plan;
    expect(defaultProjectName({ ...base, source: { kind: 'templates', paths: ['stacks/Orders_API/template.yaml'], includeValues: false } })).toBe('orders-api');
    expect(defaultProjectName({ ...base, source: { kind: 'templates', paths: ['billing.yml'], includeValues: false } })).toBe('billing');
    expect(defaultProjectName({ ...base, source: { kind: 'aws', account: '123456789012', includeValues: false } })).toBe('aws-123456789012');
    expect(defaultProjectName({ ...base, source: { kind: 'templates', paths: ['template.yaml'], includeValues: false } })).toBe('lambda-estate');
  });

  test('a plan without apps is a user error', () => {
    const fx = fixtures[0]!;
    expect(() => emitEstate({ ...fx.plan, apps: [] }, fx.report)).toThrow(/no function apps/);
  });
});

// The deployment-graph check (test/support/deployment-graph.ts) on the generated Bicep of every emit fixture and the
// planner's plan of every fixture estate, and on small Bicep files that break each rule (so the check can fail).

import { describe, expect, it } from 'vitest';
import { emitEstate } from '../../src/emit/index.js';
import { bicepParser, loadFixtures } from '../emit/support.js';
import { checkDeploymentGraph } from '../support/deployment-graph.js';

const fixtures = await loadFixtures();
const parser = await bicepParser();

const check = (files: Record<string, string>, parameters: Record<string, unknown> = {}) =>
  checkDeploymentGraph(parser, new Map(Object.entries(files)), JSON.stringify({ parameters })).map((f) => `${f.file}:${f.line} ${f.message}`);

describe('the deployment-graph check itself', () => {
  it('reports an existing resource whose name azd cannot set, and one created by a deployment it does not wait for', () => {
    const main = [
      "param accountName string = 'cosmos'",
      "param environmentName string",
      "var token = toLower(uniqueString(environmentName))",
      "resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = { name: accountName }",
      "module storage './modules/storage.bicep' = { name: 'storage', params: { storageAccountName: 'st${token}' } }",
      "module app './modules/app.bicep' = { name: 'app', params: { storageAccountName: 'st${token}' } }",
      "module app2 './modules/app.bicep' = { name: 'app2', params: { storageAccountName: storage.outputs.name } }",
    ].join('\n');
    const storage = ["param storageAccountName string", "resource sa 'Microsoft.Storage/storageAccounts@2024-01-01' = { name: storageAccountName }", 'output name string = sa.name'].join('\n');
    const app = ["param storageAccountName string", "resource sa 'Microsoft.Storage/storageAccounts@2024-01-01' existing = { name: storageAccountName }"].join('\n');
    expect(check({ 'infra/main.bicep': main, 'infra/modules/storage.bicep': storage, 'infra/modules/app.bicep': app }, { environmentName: {} })).toEqual([
      "infra/main.bicep:4 existing 'account' (Microsoft.DocumentDB/databaseAccounts) name comes from main.bicep parameter 'accountName', which main.parameters.json does not set (azd env set cannot change it)",
      "infra/modules/app.bicep:2 existing 'sa' (Microsoft.Storage/storageAccounts) name (passed as 'st${token}' by 'app'): created by 'storage', which 'app' does not wait for",
    ]);
  });

  it('reports serialised writes that run in parallel, and accepts @batchSize(1) and a dependsOn chain', () => {
    const access = [
      'param accountName string',
      'param principalId string',
      "resource a 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {",
      '  name: guid(accountName, principalId)',
      '  properties: {}',
      '}',
    ].join('\n');
    const app = (batch: boolean) =>
      [
        'param roles array = []',
        ...(batch ? ['@batchSize(1)'] : []),
        "module access './access.bicep' = [for r in roles: {",
        '  name: r.n',
        '  params: {',
        '    accountName: r.a',
        '    principalId: r.p',
        '  }',
        '}]',
      ].join('\n');
    const call = (name: string, roles: string[], dependsOn?: string) =>
      [
        `module ${name} './modules/app.bicep' = {`,
        `  name: '${name}'`,
        '  params: {',
        '    roles: [',
        ...roles.map((r) => `      {\n        n: '${r}'\n      }`),
        '    ]',
        '  }',
        ...(dependsOn ? ['  dependsOn: [', `    ${dependsOn}`, '  ]'] : []),
        '}',
      ].join('\n');
    const main = (chained: boolean) => [call('one', ['a', 'b']), call('two', ['c'], chained ? 'one' : undefined), call('three', [])].join('\n');
    expect(check({ 'infra/main.bicep': main(false), 'infra/modules/app.bicep': app(false), 'infra/modules/access.bicep': access })).toEqual([
      "infra/main.bicep:1 Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments written by deployments that run in parallel: 'one' and 'two'",
      "infra/modules/app.bicep:2 2 Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments writes in loop 'access' run in parallel (no @batchSize(1)), called by 'one' in infra/main.bicep",
    ]);
    expect(check({ 'infra/main.bicep': main(true), 'infra/modules/app.bicep': app(true), 'infra/modules/access.bicep': access })).toEqual([]);
  });

  it('reports a name beyond its type\'s limits, evaluated for a sample environment', () => {
    const main = [
      "param environmentName string",
      "var resourceToken = toLower(uniqueString(subscription().id, environmentName))",
      "module storage './modules/storage.bicep' = { name: 'storage', params: { storageAccountName: 'stmigrationestate${resourceToken}' } }",
    ].join('\n');
    const storage = ["param storageAccountName string", "resource sa 'Microsoft.Storage/storageAccounts@2024-01-01' = { name: storageAccountName }"].join('\n');
    expect(check({ 'infra/main.bicep': main, 'infra/modules/storage.bicep': storage }, { environmentName: {} })).toEqual([
      expect.stringMatching(/^infra\/modules\/storage\.bicep:2 Microsoft\.Storage\/storageAccounts name 'stmigrationestateabcdefghijklm' breaks its limits \(3-24 characters/),
    ]);
  });
});

describe.each(fixtures.map((f) => [f.name, f] as const))('generated Bicep of %s', (_name, fx) => {
  it('has resolvable existing references, no unordered serialised writes, and names within limits', () => {
    const tree = emitEstate(fx.plan, fx.report);
    const bicep = new Map([...tree].filter(([file]) => file.startsWith('infra/') && file.endsWith('.bicep')));
    const findings = checkDeploymentGraph(parser, bicep, tree.get('infra/main.parameters.json')!).map((f) => `${f.file}:${f.line} ${f.message}`);
    expect(findings).toEqual([]);
  });
});

// The stand-in for `az deployment validate` on resource bodies: every resource the generated Bicep declares, for
// every emit fixture and the planner's plan of every fixture estate, is checked against the Azure REST API models
// shipped in the azure-mgmt-* packages (test/support/arm-models). What only a real deployment can tell is listed in docs/infrastructure.md.

import { describe, expect, it } from 'vitest';
import { emitEstate } from '../../src/emit/index.js';
import { bicepParser, loadFixtures } from '../emit/support.js';
import { bicepResources } from '../support/arm-models/bicep-values.js';
import { loadArmModels } from '../support/arm-models/models.js';
import { validateResource } from '../support/arm-models/validate.js';

const fixtures = await loadFixtures();

async function problemsIn(source: string, file: string): Promise<string[]> {
  const parser = await bicepParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error(`tree-sitter could not parse ${file}`);
  const models = loadArmModels();
  return bicepResources(tree.rootNode).flatMap((r) =>
    validateResource(r, models).map((p) => `${file}:${p.line} ${r.type}@${r.apiVersion} ${p.path}: ${p.message}`),
  );
}

describe('the model check itself', () => {
  it('reports unknown, read-only, missing-required, enum and type problems, and passes expressions', async () => {
    const bicep = [
      "param location string",
      "resource sa 'Microsoft.Storage/storageAccounts@2024-01-01' = {",
      "  name: 'st${uniqueString(resourceGroup().id)}'",
      '  location: location',
      "  kind: 'StorageV3'",
      '  properties: {',
      '    allowSharedKeyAcess: false',
      "    largeFileSharesState: 'Sometimes'",
      "    minimumTLSVersion: 'TLS1_2'",
      "    supportsHttpsTrafficOnly: 'yes'",
      '  }',
      '}',
      "resource ok 'Microsoft.Storage/storageAccounts@2024-01-01' = {",
      "  name: 'x'",
      '  location: location',
      "  kind: 'StorageV2'",
      "  sku: { name: 'Standard_LRS' }",
      '  properties: { allowSharedKeyAccess: false }',
      '}',
      "resource old 'Microsoft.Storage/storageAccounts@2024-01-01' existing = { name: 'y' }",
      "resource site 'Microsoft.Web/sites@2024-04-01' = {",
      "  name: 's'",
      '  location: location',
      "  properties: { defaultHostName: 's.azurewebsites.net', siteConfig: { appSettings: [ { name: 'A', value: 1 } ] } }",
      '}',
    ].join('\n');
    const problems = await problemsIn(bicep, 'test.bicep');
    expect(problems).toEqual([
      "test.bicep:5 Microsoft.Storage/storageAccounts@2024-01-01 sa.kind: 'StorageV3' is not one of BlobStorage, BlockBlobStorage, FileStorage, Storage, StorageV2",
      expect.stringMatching(/^test\.bicep:7 .* sa\.properties\.allowSharedKeyAcess: unknown property 'allowSharedKeyAcess' \(known: .*allowSharedKeyAccess/),
      "test.bicep:8 Microsoft.Storage/storageAccounts@2024-01-01 sa.properties.largeFileSharesState: 'Sometimes' is not one of Disabled, Enabled",
      "test.bicep:9 Microsoft.Storage/storageAccounts@2024-01-01 sa.properties.minimumTLSVersion: 'minimumTLSVersion' is spelt 'minimumTlsVersion' in the model",
      'test.bicep:10 Microsoft.Storage/storageAccounts@2024-01-01 sa.properties.supportsHttpsTrafficOnly: expected a boolean, found a string',
      "test.bicep:2 Microsoft.Storage/storageAccounts@2024-01-01 sa: required property 'sku' is missing",
      "test.bicep:24 Microsoft.Web/sites@2024-04-01 site.properties.defaultHostName: 'defaultHostName' is read-only",
      'test.bicep:24 Microsoft.Web/sites@2024-04-01 site.properties.siteConfig.appSettings[0].value: expected a string, found a number',
    ]);
  });

  it('reports a resource type it has no model for, so new types cannot slip through unchecked', async () => {
    const problems = await problemsIn("resource x 'Microsoft.Fancy/things@2024-01-01' = { name: 'x' }", 'x.bicep');
    expect(problems).toEqual(['x.bicep:1 Microsoft.Fancy/things@2024-01-01 x: no REST model is mapped for Microsoft.Fancy/things']);
  });
});

describe.each(fixtures.map((f) => [f.name, f] as const))('generated Bicep of %s', (_name, fx) => {
  it('declares only resource bodies the REST API models accept', async () => {
    const bicep = [...emitEstate(fx.plan, fx.report)].filter(([file]) => file.endsWith('.bicep')).sort(([a], [b]) => (a < b ? -1 : 1));
    expect(bicep.length).toBeGreaterThan(0);
    const problems: string[] = [];
    let checked = 0;
    for (const [file, source] of bicep) {
      checked += (source.match(/^resource /gm) ?? []).length;
      problems.push(...(await problemsIn(source, file)));
    }
    expect(checked, 'resources checked').toBeGreaterThan(3);
    expect(problems).toEqual([]);
  });
});

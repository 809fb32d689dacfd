// The stand-in for `az deployment validate` on resource bodies: every resource the generated Bicep declares, for
// every fixture estate, is checked against the Azure REST API models shipped in the azure-mgmt-* packages
// (test/support/arm-models). What only a real deployment can tell is listed in docs/infrastructure.md.

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bicepParser } from '../emit/support.js';
import { bicepResources } from '../support/arm-models/bicep-values.js';
import { loadArmModels } from '../support/arm-models/models.js';
import { validateResource } from '../support/arm-models/validate.js';
import { runCli } from '../support/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ESTATES = path.join(ROOT, 'fixtures/estates');
const estates = (await readdir(ESTATES)).sort();

async function bicepFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await bicepFiles(p)));
    else if (e.name.endsWith('.bicep')) out.push(p);
  }
  return out.sort();
}

async function problemsIn(source: string, file: string): Promise<string[]> {
  const parser = await bicepParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error(`tree-sitter could not parse ${file}`);
  const models = loadArmModels();
  return bicepResources(tree.rootNode).flatMap((r) =>
    validateResource(r, models).map((p) => `${file}:${p.line} ${r.type}@${r.apiVersion} ${p.path}: ${p.message}`),
  );
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'arm-models-'));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

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

describe.each(estates)('generated Bicep of %s', (estate) => {
  it('declares only resource bodies the REST API models accept', async () => {
    const dir = path.join(work, estate);
    const inventory = path.join(dir, 'inventory.json');
    const steps = [
      ['discover', '--template', path.join(ESTATES, estate), '--out', inventory],
      ['plan', '--inventory', inventory, '--out-dir', dir, '--fail-on', 'never', '--format', 'json'],
      ['convert', '--plan', path.join(dir, 'plan.json'), '--out-dir', path.join(dir, 'azure')],
    ];
    for (const argv of steps) {
      const r = await runCli(argv);
      expect(r.code, `${argv[0]}: ${r.stderr}`).toBeLessThan(2);
    }
    const files = await bicepFiles(path.join(dir, 'azure/infra'));
    expect(files.length).toBeGreaterThan(0);
    const problems: string[] = [];
    let checked = 0;
    for (const f of files) {
      const source = await readFile(f, 'utf8');
      checked += (source.match(/^resource /gm) ?? []).length;
      problems.push(...(await problemsIn(source, path.relative(dir, f))));
    }
    expect(checked, 'resources checked').toBeGreaterThan(3);
    expect(problems).toEqual([]);
  });
});

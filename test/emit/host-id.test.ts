// Apps share one storage account, where the Functions host keys its locks and timers by host id; by default that is
// the site name's first 32 characters, so two apps whose names agree that far stop each other's host. The emitted
// AzureFunctionsWebHost__hostid is evaluated here (with ARM's uniqueString) for every app of every fixture plan.

import { describe, expect, test } from 'vitest';
import { uniqueString } from '../../src/azure/unique-string.js';
import { emitEstate } from '../../src/emit/index.js';
import { deployedApps, loadFixtures } from './support.js';

const fixtures = await loadFixtures();
/** The resource token main.bicep computes, for one sample environment. */
const token = uniqueString('00000000-0000-0000-0000-000000000000', 'dev', 'eastus');
const siteName = (app: string) => `func-${app}-${token}`;
const hostId = (site: string) => site.replace(/-/g, '').toLowerCase().slice(0, 19) + uniqueString(site);

describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fx) => {
  test('sets a host id per app: at most 32 lowercase letters and digits, distinct across the estate', () => {
    const module = emitEstate(fx.plan, fx.report).get('infra/modules/function-app.bicep')!;
    expect(module).toContain("name: 'AzureFunctionsWebHost__hostid'");
    expect(module).toContain("value: '${take(toLower(replace(name, '-', '')), 19)}${uniqueString(name)}'");
    const ids = fx.plan.apps.map((a) => hostId(siteName(a.name)));
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{1,32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("names each app's user-assigned identity after the plan's identity name, prefixed once", () => {
    const main = emitEstate(fx.plan, fx.report).get('infra/main.bicep')!;
    expect(main).not.toContain('id-id-');
    for (const app of deployedApps(fx)) expect(main).toMatch(new RegExp(`identityName: '(${app.identity.name}|id-${app.name})-\\$\\{`));
  });
});

test("the host's default id would collide in a fixture estate, so the setting is needed", () => {
  const collides = fixtures.some((fx) => {
    const defaults = fx.plan.apps.map((a) => siteName(a.name).slice(0, 32));
    return new Set(defaults).size < defaults.length;
  });
  expect(collides).toBe(true);
});

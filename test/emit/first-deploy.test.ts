// What a first `azd up` needs from the generated repository, over every fixture plan: Premium/Dedicated Python apps
// build their packages remotely, apps with no converted function are not provisioned, and the runbook's Event Grid
// test events pass the subscriptions' own filters (whose keys are the ones the CloudEvents schema documents).

import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { emitEstate } from '../../src/emit/index.js';
import { deploymentTargets } from '../../src/emit/deploy-targets.js';
import { buildInfra } from '../../src/emit/infra/index.js';
import { sampleCloudEvent } from '../../src/emit/manual/commands.js';
import type { ConversionReport } from '../../src/model/conversion.js';
import type { Plan } from '../../src/model/plan.js';
import type { EventGridFilter } from '../../src/triggers/shared/plan.js';
import { loadFixtures } from './support.js';

const fixtures = await loadFixtures();
const byName = (name: string) => fixtures.find((f) => f.name === name)!;

/** Event Grid's advanced-filter semantics (Learn, "Event filtering"): strings compare case-insensitively. */
function passes(event: Record<string, unknown>, f: EventGridFilter): boolean {
  const envelope: Record<string, string> = { eventid: 'id', source: 'source', eventtype: 'type', subject: 'subject' };
  const lower = f.key.toLowerCase();
  const value = envelope[lower] ? event[envelope[lower]] : f.key.split('.').slice(1).reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), event.data);
  const s = typeof value === 'string' ? value.toLowerCase() : undefined;
  const vs = f.values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v));
  const n = typeof value === 'number' ? value : NaN;
  switch (f.operator) {
    case 'StringIn':
      return s !== undefined && vs.includes(s);
    case 'StringNotIn':
      return s === undefined || !vs.includes(s);
    case 'StringBeginsWith':
      return s !== undefined && vs.some((v) => s.startsWith(String(v)));
    case 'StringEndsWith':
      return s !== undefined && vs.some((v) => s.endsWith(String(v)));
    case 'StringContains':
      return s !== undefined && vs.some((v) => s.includes(String(v)));
    case 'NumberIn':
      return vs.includes(n);
    case 'NumberNotIn':
      return !vs.includes(n);
    case 'NumberGreaterThan':
      return n > Number(vs[0]);
    case 'NumberGreaterThanOrEquals':
      return n >= Number(vs[0]);
    case 'NumberLessThan':
      return n < Number(vs[0]);
    case 'NumberLessThanOrEquals':
      return n <= Number(vs[0]);
    case 'BoolEquals':
      return value === vs[0];
    case 'IsNotNull':
      return value !== undefined && value !== null;
    case 'IsNullOrUndefined':
      return value === undefined || value === null;
    default:
      throw new Error(`no matcher for operator ${f.operator}`);
  }
}

/** Keys Event Grid documents per delivery schema (envelope attributes; `data.*` in both). */
const SCHEMA_KEYS: Record<string, RegExp> = {
  cloudeventschemav1_0: /^(EventId|Source|EventType|EventTypeVersion|data\.[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*)$/,
  eventgridschema: /^(Id|Topic|Subject|EventType|DataVersion|data\.[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*)$/,
};

/** Each `event-subscription create` of the hook: its delivery schema and advanced-filter keys. */
function hookSubscriptions(hook: string): { schema: string; keys: string[] }[] {
  return hook
    .split(/\n(?=az eventgrid )/)
    .filter((block) => block.startsWith('az eventgrid '))
    .map((block) => ({
      // The CLI's default delivery schema is the Event Grid schema.
      schema: /--event-delivery-schema (\S+)/.exec(block)?.[1] ?? 'eventgridschema',
      keys: [...block.matchAll(/--advanced-filter '([^']*)'/g)].map((m) => m[1]!),
    }));
}

describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fx) => {
  const tree = emitEstate(fx.plan, fx.report);

  test('Premium and Dedicated Python apps ask the platform to install requirements.txt; Flex keeps azd remoteBuild', () => {
    const module = tree.get('infra/modules/function-app.bicep')!;
    expect(module).toMatch(/var remoteBuildSettings = \(\(runtimeName == 'python'\) \? \[\s*\{\s*name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'\s*value: 'true'\s*\}\s*\{\s*name: 'ENABLE_ORYX_BUILD'\s*value: 'true'\s*\}\s*\] : \[\]\)/);
    expect(module).toContain('appSettings: (isFlex ? settings : concat(settings, nonFlexSettings, remoteBuildSettings))');
    const services = (parse(tree.get('azure.yaml')!) as { services?: Record<string, { remoteBuild?: boolean }> }).services ?? {};
    const { plan } = deploymentTargets(fx.plan, fx.report);
    for (const app of plan.apps) {
      // azd rejects remoteBuild on any other plan: there the site settings above do the build.
      if (app.hosting.plan !== 'FlexConsumption') expect(services[app.name]?.remoteBuild).toBeUndefined();
      else if (app.runtime.name === 'python') expect(services[app.name]?.remoteBuild).toBe(true);
    }
  });

  test("every Event Grid filter key is one the subscription's delivery schema documents", () => {
    const hook = tree.get('infra/hooks/postdeploy.sh');
    for (const sub of hook ? hookSubscriptions(hook) : []) {
      expect(SCHEMA_KEYS[sub.schema], sub.schema).toBeDefined();
      for (const key of sub.keys) expect(key, `${key} under ${sub.schema}`).toMatch(SCHEMA_KEYS[sub.schema]!);
    }
  });

  test("the runbook's test event for each Event Grid trigger passes that subscription's filters, and the deployer may send it", () => {
    const { estate } = buildInfra(deploymentTargets(fx.plan, fx.report).plan);
    const manual = tree.get('MIGRATION.md')!;
    for (const topic of estate.eventGridTopics) {
      const event = sampleCloudEvent(topic.functionName, topic.filters);
      for (const f of topic.filters ?? []) expect(passes(event, f), `${topic.app}/${topic.functionName}: ${f.key} ${f.operator} ${f.values.join(',')}`).toBe(true);
      expect(manual).toContain(JSON.stringify(event));
    }
    if (estate.eventGridTopics.length > 0) {
      const module = tree.get('infra/modules/event-grid.bicep')!;
      expect(module).toContain("roleDefinitions', 'd5a91429-5739-47e2-a06b-3470a27159e7')");
      expect(tree.get('infra/main.bicep')).toMatch(/module eventGrid [\s\S]*?principalId: principalId/);
    }
  });
});

test('the payments-python-sam Premium apps are Python apps on Elastic Premium, so the remote-build settings apply to them', () => {
  const fx = byName('golden-payments-python-sam');
  const premium = fx.plan.apps.filter((a) => a.hosting.plan === 'Premium');
  expect(premium.length).toBeGreaterThanOrEqual(2);
  const main = emitEstate(fx.plan, fx.report).get('infra/main.bicep')!;
  for (const app of premium) {
    expect(app.runtime.name).toBe('python');
    const call = new RegExp(`serviceName: '${app.name}'[\\s\\S]*?planType: 'Premium'[\\s\\S]*?runtimeName: 'python'`);
    expect(main).toMatch(call);
  }
});

describe('apps with no converted function', () => {
  const fx = byName('golden-media-mixed');
  const manualReport: ConversionReport = {
    functions: fx.plan.apps.flatMap((a) => a.functions.map((f) => ({ app: a.name, lambdaName: f.lambdaName, azureFunctions: [], strategy: 'manual' as const, reason: `${a.runtime.name} not converted` }))),
    todos: [],
    warnings: [],
  };

  test('get no hosting plan, site or azd service, and the manual says what to do with them', () => {
    expect(fx.plan.apps.length).toBeGreaterThan(0);
    const tree = emitEstate(fx.plan, manualReport);
    const yaml = parse(tree.get('azure.yaml')!) as { services?: Record<string, unknown> };
    expect(yaml.services).toBeUndefined();
    const main = tree.get('infra/main.bicep')!;
    for (const app of fx.plan.apps) {
      expect(main).not.toContain(`'${app.name}'`);
      expect(tree.get('MIGRATION.md')).toMatch(new RegExp(`\\| ${app.name} \\| ${app.functions.map((f) => f.lambdaName).join(', ')} \\| ${app.runtime.name} not converted \\|`));
    }
    expect(tree.get('MIGRATION.md')).toContain('**Not deployed (no function converted):**');
    expect(tree.get('.github/workflows/azure-dev.yml')).not.toContain(`apps/${fx.plan.apps[0]!.name}`);
  });

  test('an app keeps its plan and service when one of its functions converted', () => {
    const plan: Plan = fx.plan;
    const [first] = plan.apps;
    const report: ConversionReport = { ...manualReport, functions: manualReport.functions.map((f) => (f.app === first!.name ? { ...f, strategy: 'adapter' as const } : f)) };
    const { plan: targets, held } = deploymentTargets(plan, report);
    expect(targets.apps.map((a) => a.name)).toEqual([first!.name]);
    expect(held.map((h) => h.name)).toEqual(plan.apps.slice(1).map((a) => a.name));
    const yaml = parse(emitEstate(plan, report).get('azure.yaml')!) as { services: Record<string, unknown> };
    expect(Object.keys(yaml.services)).toEqual([first!.name]);
  });
});

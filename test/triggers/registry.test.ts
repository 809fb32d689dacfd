// The trigger registry: every kind of the inventory union has a module with every stage, the modules do not claim
// the same source twice, no stage outside src/triggers/ switches on trigger kinds, and the plan and convert agree on
// which triggers get no Azure registration (CAP-I010) and which get their payload passed through (CAP-W025).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveFindings } from '../../src/model/findings.js';
import { describe, expect, it } from 'vitest';
import { TRIGGER_KINDS, type Trigger, type TriggerKind } from '../../src/model/inventory.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { loadRules } from '../../src/plan/rules/load-rules.js';
import { triggerBinding } from '../../src/convert/node/trigger-bindings.js';
import { RULE_PASSTHROUGH } from '../../src/convert/node/transforms/rule-ids.js';
import { isManual } from '../../src/triggers/module.js';
import { TRIGGERS, TRIGGER_MODULES } from '../../src/triggers/registry.js';
import { makeInventory } from '../plan/support/inventory.js';

const rules = await loadRules();

/** One trigger of every kind, as discovery records them (MQ twice: RabbitMQ binds, ActiveMQ has no trigger). */
const SAMPLES: Trigger[] = [
  { id: 'rest', kind: 'api-gateway-rest', path: '/orders/{id}', method: 'GET' },
  { id: 'http', kind: 'api-gateway-http', path: '/orders', method: 'POST' },
  { id: 'url', kind: 'function-url', authType: 'NONE' },
  { id: 'alb', kind: 'alb', conditions: { path: ['/alb'] } },
  { id: 'sqs', kind: 'sqs', queue: 'arn:aws:sqs:us-east-1:111111111111:orders' },
  { id: 'sns', kind: 'sns', topic: 'arn:aws:sns:us-east-1:111111111111:alerts' },
  { id: 's3', kind: 's3', bucket: 'uploads', events: ['s3:ObjectCreated:*'] },
  { id: 'rule', kind: 'eventbridge-rule', pattern: { source: ['app'] } },
  { id: 'cron', kind: 'schedule', expression: 'rate(5 minutes)', via: 'events' },
  { id: 'bad-cron', kind: 'schedule', expression: 'at(2026-01-01T00:00:00)', via: 'scheduler' },
  { id: 'ddb', kind: 'dynamodb-stream', stream: 'arn:aws:dynamodb:us-east-1:111111111111:table/orders/stream/1' },
  { id: 'kin', kind: 'kinesis', stream: 'arn:aws:kinesis:us-east-1:111111111111:stream/clicks' },
  { id: 'kafka', kind: 'kafka', flavor: 'msk', topics: ['orders'] },
  { id: 'rabbit', kind: 'mq', engine: 'rabbitmq', broker: 'arn:aws:mq:us-east-1:111111111111:broker:b:1', queues: ['jobs'] },
  { id: 'active', kind: 'mq', engine: 'activemq', broker: 'arn:aws:mq:us-east-1:111111111111:broker:a:1', queues: ['jobs'] },
  { id: 'logs', kind: 'cloudwatch-logs', logGroup: '/aws/lambda/app' },
  { id: 'pool', kind: 'cognito', userPool: 'pool', triggers: ['PreSignUp'] },
  { id: 'iot', kind: 'iot', sql: "SELECT * FROM 'devices/+'" },
  { id: 'ws', kind: 'websocket', route: '$connect' },
  { id: 'alexa', kind: 'unknown', sourceType: 'AlexaSkill' },
];

describe('trigger registry', () => {
  it('has one module per inventory trigger kind, each with every stage', () => {
    expect(Object.keys(TRIGGERS).sort()).toEqual([...TRIGGER_KINDS].sort());
    for (const kind of TRIGGER_KINDS) {
      const m = TRIGGERS[kind];
      expect(m.kind, kind).toBe(kind);
      for (const source of [m.discover.sam, m.discover.serverless, m.discover.cloudFormation, m.discover.live]) expect(typeof source, kind).toBe('object');
      expect(typeof m.plan.map, kind).toBe('function');
      expect(typeof m.plan.roles, kind).toBe('function');
      expect(typeof m.plan.display, kind).toBe('function');
      for (const flag of [m.plan.http, m.plan.drain, m.plan.dataStore]) expect(typeof flag, kind).toBe('boolean');
      expect(m.plan.compatible === 'any' || m.plan.compatible.length > 0, kind).toBe(true);
      for (const binding of [m.convert.node, m.convert.python]) {
        if (isManual(binding)) expect(binding.manual.length, kind).toBeGreaterThan(10);
        else expect(typeof binding, kind).toBe('function');
      }
      expect(m.emit.replaces === null || typeof m.emit.replaces === 'function', kind).toBe(true);
      expect(typeof m.emit.cutover, kind).toBe('function');
    }
  });

  it('covers every kind with the samples, and every sample maps', () => {
    expect([...new Set(SAMPLES.map((t) => t.kind))].sort()).toEqual([...TRIGGER_KINDS].sort());
  });

  it('lets no two modules read the same SAM event, Serverless event, resource type, event source or principal', () => {
    const claims = (pick: (m: (typeof TRIGGER_MODULES)[number]) => string[]) => {
      const all = TRIGGER_MODULES.flatMap(pick);
      expect(all.length, all.join(',')).toBe(new Set(all).size);
      return all;
    };
    expect(claims((m) => Object.keys(m.discover.sam))).toEqual(expect.arrayContaining(['Api', 'HttpApi', 'SQS', 'SNS', 'S3', 'Schedule', 'ScheduleV2', 'EventBridgeRule', 'DynamoDB', 'Kinesis', 'MSK', 'MQ', 'CloudWatchLogs', 'Cognito', 'IoTRule']));
    expect(claims((m) => Object.keys(m.discover.serverless))).toEqual(expect.arrayContaining(['http', 'httpApi', 'sqs', 'sns', 's3', 'schedule', 'stream', 'eventBridge', 'alb', 'cloudwatchLog', 'kafka', 'rabbitmq', 'websocket']));
    claims((m) => Object.keys(m.discover.cloudFormation.resources ?? {}));
    claims((m) => m.discover.cloudFormation.eventSourceMapping?.resourceTypes.slice() ?? []);
    claims((m) => (m.discover.cloudFormation.permission ? [m.discover.cloudFormation.permission.principal] : []));
  });

  it('keeps switches on trigger kinds inside src/triggers/', () => {
    // A switch whose discriminant is a trigger kind (`t.kind`, `entry.lambdaEvent`) and names one in a `case`.
    // Switches on other unions (AWS service names, Azure trigger types, resource kinds) may share the spelling.
    const kindCase = new RegExp(`case '(${TRIGGER_KINDS.join('|')})'`);
    const offenders: string[] = [];
    const check = (file: string) => {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/switch \(([^)]*)\) \{/g)) {
        if (!/\bkind\b|lambdaEvent/.test(m[1]!) || /scope\.kind|r\.kind|s\.kind/.test(m[1]!)) continue;
        let depth = 0;
        let end = m.index + m[0].length - 1;
        for (; end < text.length; end++) {
          if (text[end] === '{') depth++;
          else if (text[end] === '}' && --depth === 0) break;
        }
        if (kindCase.test(text.slice(m.index, end))) offenders.push(`${file}: switch (${m[1]})`);
      }
    };
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) {
          if (p !== path.join('src', 'triggers')) walk(p);
        } else if (p.endsWith('.ts')) check(p);
      }
    };
    walk('src');
    expect(offenders).toEqual([]);
  });

  it('marks CAP-I010 exactly where convert registers no Azure trigger, and CAP-W025 exactly where it passes the payload through', () => {
    const { inventory } = makeInventory({ functions: SAMPLES.map((t) => ({ name: `fn-${t.id}`, triggers: [t] })) });
    const plan = buildPlan(inventory, rules);
    const subjects = (ruleId: string) =>
      resolveFindings(plan)
        .filter((f) => f.ruleId === ruleId)
        .map((f) => f.subject.id.split('#').pop()!)
        .sort();
    const unbound: string[] = [];
    const passthrough: string[] = [];
    for (const app of plan.apps) {
      for (const fn of app.functions) {
        for (const entry of fn.entries) {
          const binding = triggerBinding({ entry, exportName: 'handler', lambdaName: fn.lambdaName });
          if (binding.registration === undefined) unbound.push(entry.triggerId!);
          else if (binding.todo?.ruleId === RULE_PASSTHROUGH) passthrough.push(entry.triggerId!);
        }
      }
    }
    expect(unbound.sort()).toEqual(subjects('CAP-I010'));
    expect(passthrough.sort()).toEqual(subjects('CAP-W025'));
    // The named inconsistencies stay fixed: IoT and CloudWatch Logs are planned as Event Hubs and bound as such.
    expect(unbound).not.toContain('iot');
    expect(unbound).not.toContain('logs');
    expect(subjects('CAP-I010')).toEqual(['active', 'alexa', 'bad-cron', 'pool', 'ws']);
  });

  it('gives the manual a cutover for every kind, and SNS publishers the topic the plan really chose', () => {
    const { inventory } = makeInventory({ functions: SAMPLES.map((t) => ({ name: `fn-${t.id}`, triggers: [t] })) });
    const plan = buildPlan(inventory, rules);
    for (const app of plan.apps) {
      for (const fn of app.functions) {
        for (const entry of fn.entries) {
          const kind = entry.lambdaEvent as TriggerKind;
          const sw = TRIGGERS[kind].emit.cutover(fn, entry);
          expect(sw.cutover.length, kind).toBeGreaterThan(20);
          expect(sw.failback.length, kind).toBeGreaterThan(20);
          if (kind === 'sns') {
            expect(entry.trigger.type).toBe('eventGrid');
            expect(sw.cutover).toContain('Event Grid topic');
            expect(sw.cutover).not.toContain('Service Bus');
          }
        }
      }
    }
  });
});

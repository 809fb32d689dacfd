// Facts for rules/capabilities.yaml: runtimes, memory and scale, trigger behaviour, schedules, async invocation.

import type { LambdaFunction } from '../../model/inventory.js';
import { mapRuntime } from '../map-runtime.js';
import { mapScheduleExpression } from '../schedule.js';
import type { FactTable } from './fact.js';
import { triggerModule } from '../../triggers/registry.js';

/** True when the Azure stack runs another major (Node) or minor (Python, Java) version than the Lambda did. */
function runtimeVersionChanges(fn: LambdaFunction): boolean {
  const source = fn.runtime.version;
  const target = mapRuntime(fn).version;
  if (!source || !target || !['nodejs', 'python', 'java'].includes(fn.runtime.language)) return false;
  return source !== target;
}

function patternHasContentFilters(node: unknown): boolean {
  if (Array.isArray(node)) return node.some((x) => x !== null && typeof x === 'object');
  if (node && typeof node === 'object') return Object.values(node as Record<string, unknown>).some(patternHasContentFilters);
  return false;
}

const schedule = (t: { kind: string; expression?: string }) => (t.kind === 'schedule' ? mapScheduleExpression(t.expression!) : undefined);

export const capabilityFacts: FactTable = {
  function: [
    { name: 'language', type: 'string', doc: 'Runtime language: nodejs, python, java, dotnet, ruby, go, custom, unknown', compute: (c) => c.fn.runtime.language },
    { name: 'runtimeId', type: 'string', doc: 'Lambda runtime id (`nodejs20.x`), empty when unknown', compute: (c) => c.fn.runtime.id ?? '' },
    { name: 'runtimeVersion', type: 'string', doc: 'Lambda runtime version, empty when unknown', compute: (c) => c.fn.runtime.version ?? '' },
    { name: 'deprecated', type: 'boolean', doc: 'The Lambda runtime is deprecated', compute: (c) => c.fn.runtime.deprecated === true },
    {
      name: 'nodeMajor',
      type: 'number',
      doc: 'Node.js major version (Node functions only)',
      compute: (c) => (c.fn.runtime.language === 'nodejs' ? Number.parseInt(c.fn.runtime.version ?? '', 10) || undefined : undefined),
    },
    { name: 'targetRuntimeVersion', type: 'string', doc: 'Azure Functions runtime version the function moves to', compute: (c) => mapRuntime(c.fn).version },
    { name: 'runtimeVersionChanges', type: 'boolean', doc: 'Azure runs another major (Node) or minor (Python, Java) version', compute: (c) => runtimeVersionChanges(c.fn) },
    { name: 'efsCount', type: 'number', doc: 'Number of EFS mounts', compute: (c) => c.fn.fileSystems.length },
    { name: 'hasDestinations', type: 'boolean', doc: 'Asynchronous invocation has an on-success or on-failure destination', compute: (c) => Boolean(c.fn.asyncInvoke?.destinations?.onSuccess || c.fn.asyncInvoke?.destinations?.onFailure) },
    { name: 'hasDlq', type: 'boolean', doc: 'A dead-letter queue or topic is configured', compute: (c) => c.fn.deadLetter !== undefined },
    { name: 'asyncRetries', type: 'number', doc: 'Asynchronous invocation maximum retry attempts', compute: (c) => c.fn.asyncInvoke?.maximumRetryAttempts },
    { name: 'asyncMaxEventAge', type: 'number', doc: 'Asynchronous invocation maximum event age (s)', compute: (c) => c.fn.asyncInvoke?.maximumEventAgeInSeconds },
    {
      name: 'asyncSettings',
      type: 'string',
      doc: 'The asynchronous invocation settings that are set, e.g. `retries 0, max event age 60 s`',
      compute: ({ fn }) =>
        [
          fn.asyncInvoke?.maximumRetryAttempts !== undefined ? `retries ${fn.asyncInvoke.maximumRetryAttempts}` : undefined,
          fn.asyncInvoke?.maximumEventAgeInSeconds !== undefined ? `max event age ${fn.asyncInvoke.maximumEventAgeInSeconds} s` : undefined,
        ]
          .filter(Boolean)
          .join(', ') || undefined,
    },
    { name: 'triggerCount', type: 'number', doc: 'Number of event sources', compute: (c) => c.fn.triggers.length },
    { name: 'hasHttpTrigger', type: 'boolean', doc: 'Invoked by API Gateway, a function URL or an ALB', compute: (c) => c.fn.triggers.some((t) => triggerModule(t.kind).plan.http) },
  ],
  trigger: [
    { name: 'azureTypes', type: 'string[]', doc: 'Azure trigger types the trigger maps to', compute: (c) => c.azureTypes },
    { name: 'azureType', type: 'string', doc: 'The first mapped Azure trigger type', compute: (c) => c.azureTypes[0] },
    { name: 'scheduleOk', type: 'boolean', doc: 'Schedule: the expression translates to NCRONTAB', compute: (c) => schedule(c.t)?.ok },
    { name: 'scheduleExact', type: 'boolean', doc: 'Schedule: the translation fires at exactly the same times', compute: (c) => { const s = schedule(c.t); return s?.ok ? s.exact : undefined; } },
    { name: 'scheduleNcrontab', type: 'string', doc: 'Schedule: the NCRONTAB expression', compute: (c) => { const s = schedule(c.t); return s?.ok ? s.ncrontab : undefined; } },
    { name: 'scheduleNote', type: 'string', doc: 'Schedule: what differs, or why it does not translate', compute: (c) => { const s = schedule(c.t); return s?.ok ? s.note : s?.reason; } },
    {
      name: 'patternHasContentFilters',
      type: 'boolean',
      doc: 'The EventBridge pattern or SNS filter policy uses prefix/numeric/anything-but matching',
      compute: (c) => (c.t.kind === 'eventbridge-rule' ? patternHasContentFilters(c.t.pattern) : c.t.kind === 'sns' ? patternHasContentFilters(c.t.filterPolicy) : false),
    },
    { name: 'hasFilterPatterns', type: 'boolean', doc: 'The event source mapping filters events', compute: (c) => 'filterPatterns' in c.t && Array.isArray(c.t.filterPatterns) && c.t.filterPatterns.length > 0 },
    { name: 'fn', type: 'object', doc: 'The function: `fn.name`, `fn.timeout`, `fn.memorySize`, `fn.language`', compute: (c) => ({ name: c.fn.name, timeout: c.fn.timeout, memorySize: c.fn.memorySize, language: c.fn.runtime.language }) },
  ],
  app: [
    { name: 'functionCount', type: 'number', doc: 'Lambda functions in the app', compute: (c) => c.app.functions.length },
    { name: 'entryCount', type: 'number', doc: 'Azure functions in the app', compute: (c) => c.app.functions.reduce((s, f) => s + f.entries.length, 0) },
    { name: 'plan', type: 'string', doc: 'Hosting plan: FlexConsumption, Premium, Dedicated', compute: (c) => c.app.hosting.plan },
    { name: 'timeoutMin', type: 'number', doc: 'Shortest Lambda timeout in the app (s)', compute: (c) => Math.min(...c.timeouts) },
    { name: 'timeoutMax', type: 'number', doc: 'Longest Lambda timeout in the app (s)', compute: (c) => Math.max(...c.timeouts) },
    { name: 'timeoutSpread', type: 'number', doc: 'Longest minus shortest timeout (s)', compute: (c) => Math.max(...c.timeouts) - Math.min(...c.timeouts) },
    { name: 'httpEntryCount', type: 'number', doc: 'HTTP-triggered Azure functions', compute: (c) => c.app.functions.reduce((s, f) => s + f.entries.filter((e) => e.trigger.type === 'http').length, 0) },
    { name: 'alwaysReadyTotal', type: 'number', doc: 'Always-ready instances of the app', compute: (c) => c.app.scale.alwaysReady.reduce((s, r) => s + r.instanceCount, 0) },
  ],
};

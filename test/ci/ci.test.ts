// The CI dry run on a fixture repository, without GitHub: the commands `migrate ci` runs, the job summary and SARIF
// they produce, the $GITHUB_OUTPUT lines, the action's input handling, and that docs/ci.md shows the real output.
import { mkdtempSync, readFileSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { argvFromActionInputs } from '../../src/ci/action-inputs.js';
import { exampleDocBlocks, runCiExample, spliceExampleDocs } from '../../src/ci/example.js';
import { renderJobSummary } from '../../src/ci/summary.js';
import { run } from '../../src/cli/run.js';
import { MigrateError } from '../../src/util/errors.js';
import { runCli } from '../support/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURE = path.join(ROOT, 'fixtures/ci-repo');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'ci-test-'));
const outputsOf = (text: string) => Object.fromEntries(text.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

interface SarifResult { ruleId: string; level: string; baselineState?: string; properties: { subject: string }; partialFingerprints: Record<string, string> }

describe('migrate ci on the fixture repository', async () => {
  const example = await runCiExample(FIXTURE, tmp(), run);

  it('fails the pull request on its new blocker and on the stale committed conversion', () => {
    expect(example.baselineExitCodes).toEqual([0, 0, 0]);
    expect(example.exitCode).toBe(1);
    const out = outputsOf(example.outputs);
    expect(out).toMatchObject({ 'exit-code': '1', 'new-blockers': '1', 'new-findings': '4', drift: 'true' });
    expect(path.isAbsolute(out.sarif!) && out.sarif!.endsWith('migrate-ci/plan.sarif')).toBe(true);
    expect(example.stderr).toContain('$ migrate plan --inventory migrate-ci/inventory.json --out-dir migrate-ci --format json,md,sarif --fail-on blocker --baseline migration/plan.json');
  });

  it('writes a job summary with the verdict, the steps, the new and the fixed findings, and the drift', () => {
    const s = example.summary;
    expect(s).toContain('**Result: failed**: new findings reach `--fail-on blocker`; the committed output differs');
    expect(s).toMatch(/\| plan \| `migrate plan [^`]*--baseline migration\/plan\.json` \| 1 \|/);
    expect(s).toMatch(/\| convert \| `migrate convert --plan migrate-ci\/plan\.json --out-dir migration\/azure --check --json` \| 1 \|/);
    const newer = s.slice(s.indexOf('#### New findings'), s.indexOf('#### Fixed findings'));
    expect(newer).toMatch(/\| blocker \| \[CAP-B001\]\([^)]+\) \| Thumbnails \|/);
    expect(newer).not.toContain('OrdersApi');
    expect(s.slice(s.indexOf('#### Fixed findings'))).toMatch(/\| warning \| \[CAP-W021\]\([^)]+\) \| NightlyReport \|/);
    expect(s).toContain('| Design area | Blockers | Warnings | Notes |');
    expect(s).toMatch(/The committed output is out of date: \d+ file\(s\) would change/);
    expect(s).toMatch(/- `apps\/[^`]+\/src\/functions\/Thumbnails\.ts` create/);
  });

  it('writes SARIF code scanning can track: new, unchanged and absent results with fingerprints', () => {
    const results = (JSON.parse(example.sarif) as { runs: { results: SarifResult[] }[] }).runs[0]!.results;
    expect(results.find((r) => r.ruleId === 'CAP-B001')).toMatchObject({ baselineState: 'new', level: 'error', properties: { subject: 'Thumbnails' } });
    expect(results.find((r) => r.ruleId === 'CAP-W021')).toMatchObject({ baselineState: 'absent', properties: { subject: 'NightlyReport' } });
    expect(results.filter((r) => r.properties.subject === 'OrdersApi').every((r) => r.baselineState === 'unchanged')).toBe(true);
    expect(new Set(results.map((r) => r.partialFingerprints['migrateFinding/v1'])).size).toBe(results.length);
  });

  it('is what docs/ci.md and docs/ci-example/ show (regenerate: npm run build && node scripts/ci-example.mjs)', () => {
    expect(readFileSync(path.join(ROOT, 'docs/ci-example/job-summary.md'), 'utf8')).toBe(example.summary);
    expect(readFileSync(path.join(ROOT, 'docs/ci-example/plan.sarif'), 'utf8')).toBe(example.sarif);
    const doc = readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8');
    expect(spliceExampleDocs(doc, exampleDocBlocks(example))).toBe(doc);
  });

  it('passes on main, where every finding is accepted and the conversion is current', async () => {
    const r = await runCiExample(FIXTURE, tmp(), run, { pullRequest: false });
    expect(r.exitCode).toBe(0);
    expect(outputsOf(r.outputs)).toMatchObject({ 'exit-code': '0', 'new-findings': '0', 'new-blockers': '0', drift: 'false' });
    expect(r.summary).toContain('**Result: passed.**');
    expect(r.summary).toContain('**0 new**, **0 fixed**');
    expect(r.summary).toContain('The committed output is up to date.');
  });
});

describe('migrate ci without a committed output or baseline, and when a step cannot run', () => {
  const repo = () => {
    const dir = tmp();
    cpSync(path.join(FIXTURE, 'main'), dir, { recursive: true });
    return dir;
  };

  it('dry-runs convert and gates on every finding without a baseline', async () => {
    const dir = repo();
    const r = await runCli(['ci', '--template', 'template.yaml', '--fail-on', 'warning', '--out-dir', 'out', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as { steps: { name: string }[]; drift: boolean };
    expect(j.steps.map((s) => s.name)).toEqual(['discover', 'plan', 'convert']);
    expect(j.drift).toBe(false);
    const summary = readFileSync(path.join(dir, 'out/summary.md'), 'utf8');
    expect(summary).toMatch(/Dry run \(no committed output to check\): a conversion would write \d+ file\(s\)/);
    expect(summary).toContain('### Blockers');
    expect(existsSync(path.join(dir, 'out/azure'))).toBe(false);
  });

  it('exits 2 when the baseline cannot be read, saying which step failed, and skips the steps after it', async () => {
    const dir = repo();
    const r = await runCli(['ci', '--template', 'template.yaml', '--baseline', 'missing.json', '--out-dir', 'out', '--outputs', 'gh-out.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing\.json/);
    const summary = readFileSync(path.join(dir, 'out/summary.md'), 'utf8');
    expect(summary).toMatch(/`migrate plan` could not run \(exit 2: [^)]*missing\.json/);
    const quiet = await runCli(['ci', '--template', 'template.yaml', '--baseline', 'missing.json', '--out-dir', 'out', '--json'], { cwd: dir });
    expect(quiet.stderr).toBe('');
    expect((JSON.parse(quiet.stdout) as { steps: { name: string; error?: string }[] }).steps[1]).toMatchObject({ name: 'plan', error: expect.stringContaining('missing.json') as unknown });
    expect(summary).not.toContain('| convert |');
    expect(outputsOf(readFileSync(path.join(dir, 'gh-out.txt'), 'utf8'))).toMatchObject({ 'exit-code': '2', sarif: '' });
  });

  it('rejects --template together with --inventory, and neither', async () => {
    expect((await runCli(['ci'], { cwd: tmp() })).code).toBe(2);
    expect((await runCli(['ci', '--template', 't.yaml', '--inventory', 'i.json'], { cwd: tmp() })).code).toBe(2);
  });
});

describe('the job summary', () => {
  it('cuts long tables from plan.md and keeps hostile arguments inside their code span', () => {
    const rows = Array.from({ length: 150 }, (_, i) => `| blocker | R | fn${i} | p | w |`);
    const planMd = ['# Plan', '', '## At a glance', '', '### Blockers (150)', '', '| a | b | c | d | e |', '|---|---|---|---|---|', ...rows, '', '### Decisions needed', '', '## Findings by design area', '', '| x |', '|---|', '| [1](#one) |', '', '### Capabilities', '', '| y |', ''].join('\n');
    const s = renderJobSummary({ steps: [{ name: 'discover', argv: ['discover', '--template', 'a`b|c.yaml'], exitCode: 0 }], planMd, exitCode: 0 });
    expect(s).toContain('| fn99 |');
    expect(s).not.toContain('| fn100 |');
    expect(s).toContain('… and 50 more row(s) in plan.md.');
    expect(s).toContain('| discover | ``migrate discover --template \'a`b\\|c.yaml\'`` | 0 |');
    expect(s).toContain('### Findings by design area');
    expect(s).toContain('| 1 |');
    expect(s).not.toContain('Capabilities');
  });
});

describe('the GitHub Action', () => {
  it('turns inputs into one argument each, whatever they contain', () => {
    const argv = argvFromActionInputs({
      MIGRATE_TEMPLATES: "stacks/a b.yaml\n\n  stacks/it's.yaml  \n",
      MIGRATE_BASELINE: 'migration/plan.json',
      MIGRATE_FAIL_ON: 'warning',
      MIGRATE_RULES: 'rules/one\nrules/$(two)',
      MIGRATE_OUTPUT: '',
      MIGRATE_OUT_DIR: '/tmp/x y',
      GITHUB_STEP_SUMMARY: '/gh/summary',
      GITHUB_OUTPUT: '/gh/output',
    });
    expect(argv).toEqual(['ci', '--template', 'stacks/a b.yaml', '--template', "stacks/it's.yaml", '--rules', 'rules/one', '--rules', 'rules/$(two)', '--baseline', 'migration/plan.json', '--fail-on', 'warning', '--out-dir', '/tmp/x y', '--summary', '/gh/summary', '--outputs', '/gh/output']);
    expect(argvFromActionInputs({ MIGRATE_TEMPLATES: '.', MIGRATE_INVENTORY: 'inventory.json' })).toEqual(['ci', '--inventory', 'inventory.json']);
    expect(() => argvFromActionInputs({ MIGRATE_TEMPLATES: '\n' })).toThrow(MigrateError);
  });

  it('is a composite action that passes every input through the environment, never inside a shell line', () => {
    const action = YAML.parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
      runs: { using: string; steps: { id?: string; run?: string; uses?: string; env?: Record<string, string> }[] };
    };
    expect(action.runs.using).toBe('composite');
    for (const s of action.runs.steps) if (s.run) expect(s.run).not.toMatch(/\$\{\{/);
    const check = action.runs.steps.find((s) => s.id === 'check')!;
    expect(check.run).toBe('node "$GITHUB_ACTION_PATH/scripts/ci-action.mjs"');
    expect(existsSync(path.join(ROOT, 'scripts/ci-action.mjs'))).toBe(true);
    const passed = Object.values(check.env ?? {}).join(' ');
    for (const name of Object.keys(action.inputs)) {
      if (name === 'upload-sarif' || name === 'working-directory') continue;
      expect(passed, name).toContain(`inputs.${name}`);
    }
    // Every MIGRATE_* variable the step sets is one the script reads.
    for (const v of Object.keys(check.env ?? {})) expect(readFileSync(path.join(ROOT, 'src/ci/action-inputs.ts'), 'utf8')).toContain(`env.${v}`);
    expect(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
  });
});

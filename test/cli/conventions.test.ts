// The conventions every `migrate` command shares (src/cli/command.ts, docs/cli.md): help with examples, required
// options and exit codes; unknown options with a suggestion; source-specific options; streams; colour; --json; progress.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colorEnabled, Reporter } from '../../src/cli/io.js';
import { runCli } from '../support/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ESTATE = path.join(ROOT, 'fixtures/estates/handler-shapes');
let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'cli-conv-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ESC = '\u001b';

interface JsonDoc {
  schemaVersion: number;
  command: string;
  warnings: { code: string; message: string }[];
  findings: { blocker: number; warning: number; info: number; byRule: { count: number; subjects: string[] }[] };
  todos: { file: string; ruleId: string }[];
}
const parse = (text: string) => JSON.parse(text) as JsonDoc;

/** A terminal stand-in for progress bars: records what is drawn. */
class FakeTerminal extends Writable {
  isTTY = true;
  columns = 100;
  text = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
  cursorTo() {
    return true;
  }
  moveCursor() {
    return true;
  }
  clearLine() {
    return true;
  }
  clearScreenDown() {
    return true;
  }
}

describe('help', () => {
  for (const command of ['discover', 'merge', 'plan', 'convert', 'ci', 'preflight', 'verify']) {
    it(`${command} --help shows examples, exit codes, global options and marks required options`, async () => {
      const r = await runCli([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/\nExamples:\n {2}# .+\n {2}\$ migrate /);
      expect(r.stdout).toMatch(/\nExit codes:\n {2}0 {2}success\n {2}1 {2}.+\n {2}2 {2}bad input or usage.*\n {2}3 {2}internal error/);
      expect(r.stdout).toMatch(/--no-color/);
      if (['plan', 'convert'].includes(command)) expect(r.stdout).toMatch(/--out-dir <dir> +.*\(required\)/s);
      if (['preflight', 'verify'].includes(command)) expect(r.stdout).toMatch(/--plan <file> +.*\(required\)/s);
    });
  }
});

describe('usage errors', () => {
  it('an unknown option is named with a suggestion before any missing required option, exit 2', async () => {
    const r = await runCli(['plan', '--inventroy', 'inv.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("migrate: unknown option '--inventroy' (did you mean --inventory?); see migrate plan --help\n");
  });

  it('a missing required option names the subcommand help', async () => {
    const r = await runCli(['convert', '--plan', 'p.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('migrate: missing required option --out-dir (see migrate convert --help)\n');
  });

  it('AWS-only options are rejected with --template', async () => {
    for (const flag of [['--region', 'us-east-1'], ['--profile', 'dev'], ['--endpoint-url', 'http://127.0.0.1:1']]) {
      const r = await runCli(['discover', '--template', ESTATE, ...flag, '--out', path.join(work, 'x.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`migrate: ${flag[0]} does not apply to templates discovery (it applies to: aws) (see migrate discover --help)\n`);
      expect(existsSync(path.join(work, 'x.json'))).toBe(false);
    }
  });

  it('an unknown command points at the program help', async () => {
    const r = await runCli(['frob']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^migrate: unknown command 'frob'; see migrate --help\n$/);
  });
});

describe('colour', () => {
  const tty = true;
  it('follows --color/--no-color, then NO_COLOR, then FORCE_COLOR, then the terminal', () => {
    expect(colorEnabled({ env: {} }, tty)).toBe(true);
    expect(colorEnabled({ env: {} }, false)).toBe(false);
    expect(colorEnabled({ env: { NO_COLOR: '1' } }, tty)).toBe(false);
    expect(colorEnabled({ env: { NO_COLOR: '' } }, tty)).toBe(true);
    expect(colorEnabled({ env: { FORCE_COLOR: '1' } }, false)).toBe(true);
    expect(colorEnabled({ env: { FORCE_COLOR: '0' } }, tty)).toBe(false);
    expect(colorEnabled({ env: { NO_COLOR: '1', FORCE_COLOR: '1' } }, tty)).toBe(false);
    expect(colorEnabled({ env: { NO_COLOR: '1' }, color: true }, false)).toBe(true);
    expect(colorEnabled({ env: { FORCE_COLOR: '1' }, color: false }, tty)).toBe(false);
  });

  it('paints results only when asked: FORCE_COLOR or --color into a pipe, never with --no-color', async () => {
    const args = ['discover', '--template', ESTATE, '--out', path.join(work, 'c.json')];
    const plain = await runCli(args, { env: {} });
    expect(plain.stdout).not.toContain(`${ESC}[`);
    const forced = await runCli(args, { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(`${ESC}[32mDiscovered`);
    const flag = await runCli([...args, '--color'], { env: {} });
    expect(flag.stdout).toContain(`${ESC}[`);
    const off = await runCli([...args, '--no-color'], { env: {}, isTTY: true });
    expect(off.stdout + off.stderr).not.toContain(`${ESC}[`);
  });
});

describe('streams and --json', () => {
  it('discover: the summary is the result on stdout; --json is one versioned document with warnings in detail', async () => {
    const out = path.join(work, 'inv.json');
    const human = await runCli(['discover', '--template', ESTATE, '--out', out]);
    expect(human.stdout).toMatch(/^Discovered \d+ functions?/m);
    expect(human.stdout).toMatch(/Next: migrate plan --inventory /);
    const json = await runCli(['discover', '--template', ESTATE, '--out', out, '--json']);
    expect(json.stderr).toBe('');
    const doc = parse(json.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, command: 'discover', source: 'templates', exitCode: 0 });
    expect(Array.isArray(doc.warnings)).toBe(true);
    for (const w of doc.warnings) {
      expect(typeof w.code).toBe('string');
      expect(typeof w.message).toBe('string');
    }
  });

  it('plan --json groups findings by rule with their subjects; convert --json: no drift on the first write', async () => {
    const inv = path.join(work, 'inv.json');
    await runCli(['discover', '--template', ESTATE, '--out', inv]);
    const planned = await runCli(['plan', '--inventory', inv, '--out-dir', path.join(work, 'plan'), '--fail-on', 'never', '--json']);
    expect(planned.stderr).toBe('');
    const p = parse(planned.stdout);
    expect(p).toMatchObject({ schemaVersion: 1, command: 'plan', exitCode: 0 });
    const total = p.findings.blocker + p.findings.warning + p.findings.info;
    expect(p.findings.byRule.reduce((n, g) => n + g.count, 0)).toBe(total);
    for (const g of p.findings.byRule) expect(g.subjects.length).toBeGreaterThan(0);

    const out = path.join(work, 'azure');
    const convertArgs = ['convert', '--plan', path.join(work, 'plan/plan.json'), '--out-dir', out, '--json'];
    const first = parse((await runCli(convertArgs)).stdout);
    expect(first).toMatchObject({ schemaVersion: 1, command: 'convert', written: true, drift: false, upToDate: false });
    expect(first.todos.every((t) => t.file && t.ruleId)).toBe(true);
    const again = parse((await runCli([...convertArgs, '--check'])).stdout);
    expect(again).toMatchObject({ drift: false, upToDate: true, exitCode: 0 });
  });
});

describe('progress', () => {
  it('draws a bar for plan and convert on a terminal, and nothing when stderr is not one', async () => {
    const inv = path.join(work, 'inv-p.json');
    await runCli(['discover', '--template', ESTATE, '--out', inv]);
    const term = new FakeTerminal();
    const r = await runCli(['plan', '--inventory', inv, '--out-dir', path.join(work, 'plan-p'), '--fail-on', 'never'], { isTTY: true, progressStream: term });
    expect(r.code).toBe(0);
    // A fast run hides the cursor, may draw (cli-progress redraws at most 10 times a second) and clears the bar.
    const HIDE_CURSOR = '\u001b[?25l';
    expect(term.text).toContain(HIDE_CURSOR);
    const term2 = new FakeTerminal();
    await runCli(['convert', '--plan', path.join(work, 'plan-p/plan.json'), '--out-dir', path.join(work, 'az-p')], { isTTY: true, progressStream: term2 });
    expect(term2.text).toContain(HIDE_CURSOR);
    const quiet = new FakeTerminal();
    const piped = await runCli(['plan', '--inventory', inv, '--out-dir', path.join(work, 'plan-q'), '--fail-on', 'never'], { isTTY: false, progressStream: quiet });
    expect(quiet.text).toBe('');
    expect(piped.stderr).toBe('');
  });
});

describe('progress bars', () => {
  it('draw label, bar and count on a terminal while work goes on', async () => {
    const term = new FakeTerminal();
    const reporter = await new Reporter({ stdout: () => {}, stderr: () => {}, isTTY: true, progressStream: term, env: {}, cwd: '/' }).init();
    const bar = reporter.progress('convert', 10);
    bar.tick(4);
    await new Promise((r) => setTimeout(r, 250));
    expect(term.text).toMatch(/convert \[#+\.+\] 4\/10/);
    bar.done();
  });
});

describe('the bin', () => {
  it('never lets a third-party warning through (e.g. the AWS SDK NodeVersionSupportWarning)', () => {
    const main = path.join(ROOT, 'dist/cli/main.js');
    if (!existsSync(main)) throw new Error('run npm run build first: this test runs dist/cli/main.js');
    const emit = "setTimeout(() => process.emitWarning('NodeVersionSupportWarning: The AWS SDK for JavaScript (v3) will require node >=22'), 0);";
    const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(emit)}`, main, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const debug = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(emit)}`, main, '--version', '--debug'], { encoding: 'utf8' });
    expect(debug.stderr).toMatch(/NodeVersionSupportWarning/);
  });
});

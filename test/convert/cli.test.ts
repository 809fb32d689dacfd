// `migrate convert` as a user runs it: deterministic output, user edits protected, --dry-run, --check,
// plan edits it cannot honour (exit 2 naming the JSON path) and paths that would escape --out-dir or the source root.

import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { runCli } from '../support/cli.js';
import type { Inventory } from '../../src/model/inventory.js';
import { REPO } from './support/convert-estate.js';
import { planFromInventory } from './support/plan-from-inventory.js';

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'convert-cli-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Writes the handler-shapes plan into the temp dir with source.root pointing back at the fixture sources. */
async function writePlan(edit?: (p: Plan) => void): Promise<string> {
  // CLI mechanics are tested on the stable stand-in plan (one app), not on the planner's evolving grouping.
  const planDir = path.join(REPO, 'fixtures/golden/handler-shapes');
  const plan = planFromInventory(JSON.parse(readFileSync(path.join(planDir, 'inventory.json'), 'utf8')) as Inventory, 'handler-shapes');
  plan.source.root = path.relative(work, path.resolve(planDir, plan.source.root ?? '.')).split(path.sep).join('/');
  edit?.(plan);
  const file = path.join(work, 'plan.json');
  writeFileSync(file, JSON.stringify(plan, null, 2));
  return file;
}

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name)).split(path.sep).join('/')],
  );
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).sort().map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

const convert = (...extra: string[]) => runCli(['convert', '--plan', 'plan.json', '--out-dir', 'out', ...extra], { cwd: work });

describe('migrate convert', () => {
  it('writes the same bytes twice, and twice in a fresh directory', async () => {
    await writePlan();
    const first = await convert();
    expect(first.code, first.stderr).toBe(0);
    const a = snapshot(path.join(work, 'out'));
    expect(Object.keys(a)).toContain('apps/handler-shapes/src/functions/typed-api-function.ts');
    expect(Object.keys(a)).toContain('apps/handler-shapes/host.json');
    const again = await convert('--json');
    expect(again.code).toBe(0);
    // Every generated file is unchanged; .migrate/ holds the manifest and the merge bases, which are not in the tree.
    expect(JSON.parse(again.stdout).files.unchanged).toBe(Object.keys(a).filter((f) => !f.startsWith('.migrate/')).length);
    expect(snapshot(path.join(work, 'out'))).toEqual(a);
    rmSync(path.join(work, 'out'), { recursive: true });
    await convert();
    expect(snapshot(path.join(work, 'out'))).toEqual(a);
  });

  it('keeps an edited generator-owned file unless --force', async () => {
    await writePlan();
    await convert();
    const edited = path.join(work, 'out/apps/handler-shapes/host.json');
    writeFileSync(edited, '{}\n');
    const blocked = await convert();
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('apps/handler-shapes/host.json: edited since the last convert');
    expect(readFileSync(edited, 'utf8')).toBe('{}\n');
    const forced = await convert('--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(edited, 'utf8')).not.toBe('{}\n');
  });

  describe('user edits to handler modules survive re-conversion (three-way merge with .migrate/base/)', () => {
    const rel = 'apps/handler-shapes/src/callback-style.js';
    const file = () => path.join(work, 'out', rel);
    const base = () => path.join(work, 'out/.migrate/base', rel);
    /** Pretend the previous convert generated `old` (what the user started from) instead of today's text. */
    const previousGeneration = (old: string) => writeFileSync(base(), old);

    it('keeps the edit when the generator has nothing new, and --check does not call it drift', async () => {
      await writePlan();
      expect((await convert()).code).toBe(0);
      expect(readFileSync(base(), 'utf8')).toBe(readFileSync(file(), 'utf8'));
      const edited = `${readFileSync(file(), 'utf8')}// my fix\n`;
      writeFileSync(file(), edited);
      const again = await convert();
      expect(again.code, again.stderr).toBe(0);
      expect(readFileSync(file(), 'utf8')).toBe(edited);
      expect((await convert('--check')).code).toBe(0);
    });

    it("merges a generator change into the user's edit when they touch different lines", async () => {
      await writePlan();
      await convert();
      const generated = readFileSync(file(), 'utf8');
      const lines = generated.split('\n');
      const old = ['// previous generation', ...lines.slice(1)].join('\n');
      previousGeneration(old);
      writeFileSync(file(), `${old}// my fix\n`);
      const merged = await convert();
      expect(merged.code, merged.stderr).toBe(0);
      expect(readFileSync(file(), 'utf8')).toBe(`${generated}// my fix\n`);
      expect(readFileSync(base(), 'utf8')).toBe(generated);
    });

    it('writes conflict markers and exits 1 naming the file when both changed the same lines', async () => {
      await writePlan();
      await convert();
      const generated = readFileSync(file(), 'utf8');
      const [first, ...rest] = generated.split('\n');
      previousGeneration(['// previous generation', ...rest].join('\n'));
      writeFileSync(file(), ['// my header', ...rest].join('\n'));
      const r = await convert('--json');
      expect(r.code).toBe(1);
      const summary = JSON.parse(r.stdout) as { mergeConflicts: string[]; written: boolean };
      expect(summary.mergeConflicts).toEqual([rel]);
      expect(summary.written).toBe(true);
      expect(readFileSync(file(), 'utf8')).toBe(
        ['<<<<<<< yours (edited since the last convert)', '// my header', '=======', first, '>>>>>>> migrate convert (new generation)', ...rest].join('\n'),
      );
      const text = await convert();
      expect(text.stderr).toContain(`${rel}: your edits and the new generation change the same lines`);
    });

    it('--check reports a generator change as drift even when the user edited the file', async () => {
      await writePlan();
      await convert();
      writeFileSync(file(), `${readFileSync(file(), 'utf8')}// my fix\n`);
      previousGeneration('// previous generation\n');
      const r = await convert('--check');
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`update\\s+${rel.replace(/[.]/g, '\\.')}`));
    });
  });

  it('writes a .gitignore; --check ignores the generated files it ignores, and an edited one is kept', async () => {
    await writePlan();
    await convert();
    const gitignore = readFileSync(path.join(work, 'out/.gitignore'), 'utf8');
    for (const p of ['node_modules/', 'dist/', '.venv/', '__pycache__/', '.azure/', 'local.settings.json']) expect(gitignore.split('\n')).toContain(p);
    const settings = path.join(work, 'out/apps/handler-shapes/local.settings.json');
    rmSync(settings);
    // A fresh clone has no local.settings.json (git ignores it): not drift.
    expect((await convert('--check')).code).toBe(0);
    await convert();
    writeFileSync(settings, '{"IsEncrypted":false,"Values":{"MY_LOCAL":"1"}}\n');
    const again = await convert();
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(settings, 'utf8')).toContain('MY_LOCAL');
  });

  it('--dry-run lists files with line counts and writes nothing', async () => {
    await writePlan();
    const r = await convert('--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^create\s+apps\/handler-shapes\/package\.json {2}\+\d+ -0$/m);
    expect(existsSync(path.join(work, 'out'))).toBe(false);
  });

  it('--check exits 1 on drift and 0 when up to date', async () => {
    await writePlan();
    expect((await convert('--check')).code).toBe(1);
    await convert();
    expect((await convert('--check')).code).toBe(0);
    writeFileSync(path.join(work, 'out/apps/handler-shapes/host.json'), '{}\n');
    const drift = await convert('--check');
    expect(drift.code).toBe(1);
    expect(drift.stdout).toMatch(/conflict\s+apps\/handler-shapes\/host\.json/);
  });

  it('--mode adapter keeps every handler module byte-identical', async () => {
    await writePlan();
    const r = await convert('--mode', 'adapter');
    expect(r.code, r.stderr).toBe(0);
    const src = path.join(REPO, 'fixtures/estates/handler-shapes/handlers');
    for (const f of readdirSync(src)) {
      expect(readFileSync(path.join(work, 'out/apps/handler-shapes/src', f), 'utf8')).toBe(readFileSync(path.join(src, f), 'utf8'));
    }
  });

  it.each([
    ['an app name outside [a-z0-9-]', (p: Plan) => void (p.apps[0]!.name = 'Shapes_App'), 'apps[0].name'],
    ['a duplicate entry name', (p: Plan) => void (p.apps[0]!.functions[1]!.entries[0]!.name = p.apps[0]!.functions[0]!.entries[0]!.name), 'apps[0].functions[1].entries[0].name'],
    ['a trigger that does not fit the event', (p: Plan) => void (p.apps[0]!.functions[0]!.entries[0]!.trigger = { type: 'timer', schedule: '0 0 * * * *', scheduleSetting: 'X' }), 'apps[0].functions[0].entries[0].trigger.type'],
    ['Node and another language in one app', (p: Plan) => void (p.apps[0]!.functions[0]!.language = 'python'), 'apps[0].functions'],
    ['a duplicate lambda id', (p: Plan) => void (p.apps[0]!.functions[1]!.lambdaId = p.apps[0]!.functions[0]!.lambdaId), 'apps[0].functions[1].lambdaId'],
    ['a codeDir outside the source root', (p: Plan) => void (p.apps[0]!.functions[0]!.codeDir = '../../etc'), 'apps[0].functions[0].codeDir'],
    ['a handler file outside the source root', (p: Plan) => void (p.apps[0]!.functions[0]!.handler!.file = '../secrets/handler.js'), 'apps[0].functions[0].handler.file'],
    ['a function name with a path in it', (p: Plan) => void (p.apps[0]!.functions[0]!.entries[0]!.name = '../../escape'), 'apps[0].functions[0].entries[0].name'],
  ])('rejects %s with exit 2 naming the field', async (_what, edit, where) => {
    await writePlan(edit);
    const r = await convert();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(where);
    expect(existsSync(path.join(work, 'out'))).toBe(false);
  });

  it('rejects an invalid plan.json with exit 2', async () => {
    writeFileSync(path.join(work, 'plan.json'), '{"schemaVersion": 1}');
    const r = await convert();
    expect(r.code).toBe(2);
  });

  it('never writes outside --out-dir, even through a symlinked source path', async () => {
    await writePlan();
    mkdirSync(path.join(work, 'out'));
    const r = await convert();
    expect(r.code).toBe(0);
    expect(listFiles(work).filter((f) => !f.startsWith('out/') && f !== 'plan.json')).toEqual([]);
  });
});

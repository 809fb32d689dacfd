// The proof: every Node fixture function converts, every generated project type-checks against the real
// @azure/functions (one shared node_modules, one `tsc -b` for all projects of both modes) and its generated equivalence
// tests pass. Each estate's packages/migrate-runtime is linked as <estate>/node_modules/migrate-runtime, where npm with
// install-links puts a copy (checked with a real `npm install` in docs/convert.md).

import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConvertMode } from '../../src/convert/index.js';
import { writeFileTree } from '../../src/util/file-tree.js';
import { mapLimit } from '../../src/util/map-limit.js';
import { NODE_ESTATES, REPO, convertEstate, nodeOfMajor } from './support/convert-estate.js';

const MODES = ['auto', 'adapter'] as const;

interface Converted {
  out: string;
  projects: string[];
  expectedTests: string[];
}

/** Every Node fixture estate converted in one mode and written to a new directory. */
async function convertAll(mode: ConvertMode): Promise<Converted> {
  const out = mkdtempSync(path.join(os.tmpdir(), `convert-eq-${mode}-`));
  const projects: string[] = [];
  const expectedTests: string[] = [];
  for (const estate of NODE_ESTATES) {
    const { tree, report } = await convertEstate(estate, mode);
    await writeFileTree(tree, path.join(out, estate));
    for (const f of report.functions) if (f.testFile) expectedTests.push(...f.azureFunctions.map((n) => `${f.app}/${n}`));
    // Node projects are the apps with a tsconfig.json (Python apps get a v2 scaffold, tested in python.test.ts).
    const nodeApps = new Set([...tree.keys()].filter((k) => /^apps\/[^/]+\/tsconfig\.json$/.test(k)).map((k) => k.split('/')[1]!));
    for (const app of [...nodeApps].sort()) projects.push(path.join(out, estate, 'apps', app));
    if (nodeApps.size > 0) {
      mkdirSync(path.join(out, estate, 'node_modules'));
      symlinkSync(path.join(out, estate, 'packages/migrate-runtime'), path.join(out, estate, 'node_modules/migrate-runtime'), 'dir');
    }
  }
  // One installed copy of @azure/functions, @types/* and the AWS SDK for every project.
  symlinkSync(path.join(REPO, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  return { out, projects, expectedTests };
}

const converted = new Map<ConvertMode, Converted>();
beforeAll(async () => {
  for (const mode of MODES) converted.set(mode, await convertAll(mode));
}, 240_000);

afterAll(() => {
  if (!process.env.KEEP_CONVERT_OUT) for (const { out } of converted.values()) rmSync(out, { recursive: true, force: true });
});

/**
 * One `tsc -b` over the projects of both modes (run once, by the first test that needs it): the solution builder
 * parses the shared declarations (@types/node, @azure/functions, the AWS SDK) once for all of them.
 */
let tscBuild: { output: string; status: number | null } | undefined;
function buildAll(): { output: string; status: number | null } {
  if (!tscBuild) {
    const tsc = path.join(REPO, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-b', ...MODES.flatMap((m) => converted.get(m)!.projects)], { encoding: 'utf8' });
    tscBuild = { output: r.stdout + r.stderr, status: r.status };
  }
  return tscBuild;
}

for (const mode of MODES) {
  describe(`generated projects (--mode ${mode})`, () => {
    let out: string;
    let projects: string[];
    let expectedTests: string[];

    beforeAll(() => {
      ({ out, projects, expectedTests } = converted.get(mode)!);
    });

    it('converts every Node fixture function', () => {
      expect(projects.length).toBeGreaterThanOrEqual(NODE_ESTATES.length);
      expect(expectedTests.length).toBeGreaterThan(40);
    });

    it('type-checks and builds every project with tsc', () => {
      const r = buildAll();
      expect(r.output).toBe('');
      expect(r.status).toBe(0);
      const copyScript = path.join(path.dirname(path.dirname(projects[0]!)), 'packages/migrate-runtime/bin/copy-declared-js.mjs');
      const copy = spawnSync(process.execPath, [copyScript, ...projects], { encoding: 'utf8' });
      expect(copy.status, copy.stderr).toBe(0);
    }, 300_000);

    /**
     * Each app's generated test files, and one process per app with the given Node binary, its test files in that
     * process (not one process per file): an app's functions share one @azure/functions registry, as they do in the
     * Functions host. Node 22 runs them with `--test --experimental-test-isolation=none`; Node 20 has no such flag, so
     * it runs a module that imports the app's test files (node:test runs what they register, in the same process).
     * One process per file, `node --test`'s default, is checked on both majors by node-versions.test.ts.
     */
    const runAppTests = async (node: string, oneProcess: 'isolation-flag' | 'entry-module') => {
      const byApp = projects.map((p) =>
        readdirSync(path.join(p, 'dist/test'))
          .filter((f) => f.endsWith('.equivalence.test.js'))
          .sort()
          .map((f) => path.join(p, 'dist/test', f)),
      );
      const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' };
      const entries = path.join(out, '.test-entries');
      mkdirSync(entries, { recursive: true });
      const args = (appFiles: string[], i: number): string[] => {
        if (oneProcess === 'isolation-flag') return ['--test', '--experimental-test-isolation=none', '--test-reporter=tap', ...appFiles];
        const entry = path.join(entries, `app-${i}.mjs`);
        writeFileSync(entry, appFiles.map((f) => `import ${JSON.stringify(pathToFileURL(f).href)};\n`).join(''));
        return ['--test-reporter=tap', entry];
      };
      const runs = await mapLimit(
        byApp.filter((f) => f.length > 0),
        2,
        (files, i) =>
          new Promise<{ code: number | null; output: string }>((resolve) => {
            execFile(node, args(files, i), { encoding: 'utf8', cwd: out, env, maxBuffer: 1 << 26 }, (error, stdout, stderr) =>
              resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
            );
          }),
      );
      return { files: byApp.flat(), runs };
    };

    /** Every test passed or was not proven (both sides failed on I/O, docs/convert.md), and every file ran. */
    const expectAllPassOrNotProven = ({ files, runs }: Awaited<ReturnType<typeof runAppTests>>) => {
      expect(files.length).toBe(expectedTests.length);
      const output = runs.map((r) => r.output).join('\n');
      const failed = output.split('\n').filter((l) => /^\s*not ok/.test(l));
      expect(failed, output.slice(-6000)).toEqual([]);
      expect(runs.map((r) => r.code)).toEqual(runs.map(() => 0));
      // A test where both sides failed on I/O is skipped as "not proven", never passed.
      const skips = output.split('\n').filter((l) => /^\s*ok .* # SKIP/.test(l));
      expect(skips.filter((l) => !/# SKIP not proven: both sides failed on I\/O/.test(l))).toEqual([]);
      // Every file's tests ran: each generated file is one top-level test, passed or not proven.
      const sum = (what: string) => runs.reduce((n, r) => n + Number(new RegExp(`^# ${what} (\\d+)$`, 'm').exec(r.output)?.[1] ?? 0), 0);
      expect(sum('pass') + sum('skipped')).toBe(files.length);
      expect(sum('skipped')).toBe(skips.length);
      // harness-fidelity's UnreachableFunction only does I/O to a closed port: not proven.
      expect(skips.some((l) => /UnreachableFunction/.test(l)), output.slice(-6000)).toBe(true);
      expect(sum('pass')).toBeGreaterThan(files.length / 2);
    };

    it('passes every generated equivalence test', async () => {
      expectAllPassOrNotProven(await runAppTests(process.execPath, 'isolation-flag'));
    }, 300_000);

    // Generated projects target Node 22, but their tests must not depend on it: the same tests under the system's
    // Node 20.
    if (mode === 'auto') {
      it('passes every generated equivalence test under Node 20 too', async () => {
        const node20 = nodeOfMajor(20);
        expect(node20, 'a Node 20 on PATH (the system node)').toBeDefined();
        expectAllPassOrNotProven(await runAppTests(node20!, 'entry-module'));
      }, 300_000);
    }

    it('fails a generated test when the converted handler behaves differently', () => {
      // The app whose generated test runs the callback-style handler (app grouping is the planner's choice).
      const hit = projects
        .flatMap((p) => readdirSync(path.join(p, 'dist/test')).filter((f) => f.endsWith('.equivalence.test.js')).map((f) => [p, path.join(p, 'dist/test', f)] as const))
        .find(([, t]) => readFileSync(t, 'utf8').includes('lambda-original/callback-style.js'));
      expect(hit).toBeDefined();
      const [app, testFile] = hit!;
      const built = path.join(app, 'dist/src/callback-style.js');
      writeFileSync(built, readFileSync(built, 'utf8').replace('reserved: true', 'reserved: false'));
      const r = spawnSync(process.execPath, ['--test', testFile], { encoding: 'utf8', cwd: out });
      expect(r.status).not.toBe(0);
      expect(r.stdout).toMatch(/# fail 1/);
    }, 60_000);
  });
}

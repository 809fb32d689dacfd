import os from 'node:os';
import { defineConfig } from 'vitest/config';

const INCLUDE = ['test/**/*.test.ts', 'src/**/*.test.ts', 'runtime/**/*.test.ts'];

// Test files that change process-wide state another file in the same process would see, so each runs in a process
// of its own: a DOM on globalThis (happy-dom for Mermaid), process.env replaced wholesale, the `awslambda` global
// that the AWS SDK's InvokeStore also defines (lambda-context asserts the global its own import installs; the
// fixture handlers' test stubs streamifyResponse on it), and the harness's clock, random and I/O patches.
const ISOLATED = [
  'runtime/node/test/aws-keyless.test.ts',
  'runtime/node/test/harness.test.ts',
  'runtime/node/test/lambda-context.test.ts',
  'test/discover/templates/fixture-handlers.test.ts',
  'test/azure/target-units.test.ts',
  'test/plan/mermaid.test.ts',
  'test/report/screenshot.test.ts',
];

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/__fixtures__/**', 'out/**', 'tmp/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default on a 2-core machine is one worker (cores - 1); most of the slow files wait on child
    // processes (tsc, node --test, checkov, moto, Chromium), so two keep both cores busy (docs/performance.md).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // The contracts' precompiled validators (src/model/generated, git-ignored) exist before any test imports them.
    globalSetup: ['scripts/gen-validators.mjs'],
    // Every plan a test writes (in-process or through the CLI) is checked against the schema (src/model/io.ts).
    env: { MIGRATE_SELF_CHECK: '1' },
    projects: [
      // Most files share their worker process with the files before them: src modules, TypeScript and the SDKs
      // are loaded once per worker instead of once per file (about half of the suite's CPU time before).
      { extends: true, test: { name: 'shared', include: INCLUDE, exclude: ['**/node_modules/**', ...ISOLATED], isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});

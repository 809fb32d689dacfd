import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'runtime/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/__fixtures__/**', 'out/**', 'tmp/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The contracts' precompiled validators (src/model/generated, git-ignored) exist before any test imports them.
    globalSetup: ['scripts/gen-validators.mjs'],
    // Every plan a test writes (in-process or through the CLI) is checked against the schema (src/model/io.ts).
    env: { MIGRATE_SELF_CHECK: '1' },
  },
});

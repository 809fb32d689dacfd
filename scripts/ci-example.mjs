// Regenerates the worked example in docs/ci.md (and docs/ci-example/) by running the CI dry run for real on
// fixtures/ci-repo: `npm run build && node scripts/ci-example.mjs`. test/ci/ci.test.ts fails when they are stale.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exampleDocBlocks, runCiExample, spliceExampleDocs } from '../dist/ci/example.js';
import { run } from '../dist/cli/run.js';

const root = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'ci-example-'));
try {
  const result = await runCiExample(path.join(root, 'fixtures/ci-repo'), work, run);
  mkdirSync(path.join(root, 'docs/ci-example'), { recursive: true });
  writeFileSync(path.join(root, 'docs/ci-example/job-summary.md'), result.summary);
  writeFileSync(path.join(root, 'docs/ci-example/plan.sarif'), result.sarif);
  const doc = path.join(root, 'docs/ci.md');
  writeFileSync(doc, spliceExampleDocs(readFileSync(doc, 'utf8'), exampleDocBlocks(result)));
  process.stderr.write(`docs/ci.md and docs/ci-example/ regenerated (migrate ci exited ${result.exitCode})\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

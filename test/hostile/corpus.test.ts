// The hostile-input corpus: every case runs the real CLI in-process in its own sandbox and must end with its
// exit code; bad input with exactly one stderr line (no stack, no internal error); handled input with nothing on
// stderr (--json). In every case nothing outside repo/ and out/ changes, no temporary file is left, and the
// canary text from outside/ reaches no output.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import type { HostileCase } from './case.js';
import { CASES, prepareBasePlan } from './cases.js';
import { CANARY, filesContaining, Sandbox, snapshot } from './sandbox.js';

beforeAll(prepareBasePlan, 60_000);

const sandboxes: Sandbox[] = [];
afterAll(() => {
  for (const sb of sandboxes) sb.remove();
});

async function runCase(c: HostileCase): Promise<void> {
  const sb = new Sandbox();
  sandboxes.push(sb);
  c.arrange?.(sb);
  const outsideBefore = snapshot(sb.p('outside'));
  const outBefore = snapshot(sb.p('out'));
  const r = await runCli(c.argv(sb), { cwd: sb.p('work'), env: { NO_COLOR: '1' } });
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  const context = `${c.id}: exit ${r.code}, stderr: ${r.stderr}`;
  expect(r.code, context).toBe(c.exit);
  expect(r.stderr, context).not.toMatch(/internal error|\n\s+at /);
  if (c.exit === 2) {
    expect(lines, context).toHaveLength(1);
    expect(lines[0], context).toMatch(/^migrate: /);
    if (c.line) expect(lines[0], context).toMatch(c.line);
    // No partial output: the output root is exactly as it was.
    expect(snapshot(sb.p('out')), context).toEqual(outBefore);
  } else {
    expect(lines, context).toEqual([]);
  }
  expect(snapshot(sb.p('outside')), context).toEqual(outsideBefore);
  expect(Object.keys(snapshot(sb.root)).filter((p) => p.endsWith('.migrate.tmp')), context).toEqual([]);
  for (const dir of ['out', 'work']) expect(filesContaining(sb.p(dir), CANARY), `${context} (canary in ${dir})`).toEqual([]);
  await c.check?.(sb, r);
}

describe('hostile-input corpus', () => {
  it('has at least 150 cases with unique ids', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
  });
  for (const c of CASES) it(c.id, () => runCase(c));
});

// The worked example of docs/ci.md, run for real: fixtures/ci-repo/main becomes a repository whose accepted plan and
// conversion are committed under migration/, the pull request's files are copied over it, and `migrate ci` runs
// with the arguments the GitHub Action passes. scripts/ci-example.mjs writes the results into docs/ci.md;
// test/ci/ci.test.ts runs the same function and checks both the behaviour and that the docs are current.

import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliIO } from '../cli/io.js';

export type RunCli = (argv: string[], io: CliIO) => Promise<number>;

export interface CiExampleResult {
  /** Exit codes of the steps that made the baseline on main, then of `migrate ci` on the pull request. */
  baselineExitCodes: number[];
  exitCode: number;
  /** The `migrate ci` argument list, as the action builds it. */
  argv: string[];
  summary: string;
  sarif: string;
  /** What the action's step writes to $GITHUB_OUTPUT. */
  outputs: string;
  stderr: string;
}

/** The action's defaults for this repository: templates at the root, plan and conversion committed under migration/. */
export const EXAMPLE_CI_ARGV = ['ci', '--template', 'template.yaml', '--baseline', 'migration/plan.json', '--output', 'migration/azure', '--out-dir', 'migrate-ci', '--outputs', 'github-output.txt'];

/**
 * Runs the example in `<parent>/shop` (the directory name becomes the app names, so it is fixed). With
 * `pullRequest: false` the check runs on main itself, where everything is accepted and up to date.
 */
export async function runCiExample(fixture: string, parent: string, run: RunCli, opts: { pullRequest?: boolean } = {}): Promise<CiExampleResult> {
  const repo = path.join(parent, 'shop');
  let stderr = '';
  const io: CliIO = { stdout: () => {}, stderr: (t) => void (stderr += t), isTTY: false, env: { NO_COLOR: '1' }, cwd: repo };
  await cp(path.join(fixture, 'main'), repo, { recursive: true });
  const baselineExitCodes: number[] = [];
  for (const argv of [
    ['discover', '--template', 'template.yaml', '--out', 'migration/inventory.json'],
    ['plan', '--inventory', 'migration/inventory.json', '--out-dir', 'migration', '--fail-on', 'never'],
    ['convert', '--plan', 'migration/plan.json', '--out-dir', 'migration/azure'],
  ]) {
    baselineExitCodes.push(await run(argv, io));
  }
  if (opts.pullRequest !== false) await cp(path.join(fixture, 'pull-request'), repo, { recursive: true });
  const exitCode = await run(EXAMPLE_CI_ARGV, io);
  const read = (f: string) => readFile(path.join(repo, f), 'utf8');
  return { baselineExitCodes, exitCode, argv: EXAMPLE_CI_ARGV, summary: await read('migrate-ci/summary.md'), sarif: await read('migrate-ci/plan.sarif'), outputs: await read('github-output.txt'), stderr };
}

const BLOCKS = ['summary', 'sarif'] as const;

interface SarifResult {
  baselineState?: string;
  level: string;
  ruleId: string;
  partialFingerprints: Record<string, string>;
  properties: { subject: string };
}

/** The generated parts of docs/ci.md: the job summary as GitHub renders it, and the SARIF results code scanning reads. */
export function exampleDocBlocks(r: CiExampleResult): Record<(typeof BLOCKS)[number], string> {
  const results = (JSON.parse(r.sarif) as { runs: { results: SarifResult[] }[] }).runs[0]!.results;
  const changed = results.filter((x) => x.baselineState === 'new' || x.baselineState === 'absent');
  const counts = ['new', 'unchanged', 'absent'].map((s) => `${results.filter((x) => x.baselineState === s).length} ${s}`).join(', ');
  const full = [changed.find((x) => x.baselineState === 'new' && x.level === 'error'), changed.find((x) => x.baselineState === 'absent')].filter(Boolean);
  return {
    summary: r.summary.trimEnd().split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n'),
    sarif: [
      `${results.length} results (${counts}). The ones this pull request changes:`,
      '',
      '| baselineState | level | ruleId | subject | partialFingerprints |',
      '|---|---|---|---|---|',
      ...changed.map((x) => `| ${x.baselineState} | ${x.level} | ${x.ruleId} | ${x.properties.subject} | \`${Object.values(x.partialFingerprints).join('')}\` |`),
      '',
      'The new blocker and the first absent result as written:',
      '',
      '```json',
      JSON.stringify(full, null, 2),
      '```',
    ].join('\n'),
  };
}

/** docs/ci.md with its generated blocks replaced; throws when a marker pair is missing. */
export function spliceExampleDocs(doc: string, blocks: Record<(typeof BLOCKS)[number], string>): string {
  let out = doc;
  for (const name of BLOCKS) {
    const open = `<!-- generated:ci-example:${name} -->`;
    const close = `<!-- /generated:ci-example:${name} -->`;
    const a = out.indexOf(open);
    const b = out.indexOf(close);
    if (a < 0 || b < a) throw new Error(`docs/ci.md lacks ${open} … ${close}`);
    out = `${out.slice(0, a + open.length)}\n${blocks[name]}\n${out.slice(b)}`;
  }
  return out;
}

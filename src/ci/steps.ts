// The CI dry-run as three ordinary `migrate` commands: discover, plan (against a baseline), convert --check or
// --dry-run. `migrate ci` runs exactly these argument lists, and docs/ci.md shows them for CI systems without the
// GitHub Action, so what a pipeline runs and what the action runs cannot drift apart.

export interface CiOptions {
  /** Templates or directories; or an existing inventory instead. */
  templates: string[];
  inventory?: string;
  /** The committed plan.json that accepted findings live in. */
  baseline?: string;
  failOn: 'blocker' | 'warning' | 'never';
  rules: string[];
  config?: string;
  /** A committed `convert` output to check for drift; without it, convert runs as a dry run. */
  output?: string;
  /** Where inventory.json, plan.json/md/sarif and summary.md are written. */
  outDir: string;
}

export interface CiStep {
  name: 'discover' | 'plan' | 'convert';
  argv: string[];
}

const join = (dir: string, file: string) => `${dir.replace(/\/+$/, '') || '.'}/${file}`;

export function ciSteps(o: CiOptions): CiStep[] {
  const steps: CiStep[] = [];
  const inventory = o.inventory ?? join(o.outDir, 'inventory.json');
  if (!o.inventory) steps.push({ name: 'discover', argv: ['discover', ...o.templates.flatMap((t) => ['--template', t]), '--out', inventory] });
  steps.push({
    name: 'plan',
    argv: [
      'plan',
      '--inventory',
      inventory,
      '--out-dir',
      o.outDir,
      '--format',
      'json,md,sarif',
      '--fail-on',
      o.failOn,
      ...(o.baseline ? ['--baseline', o.baseline] : []),
      ...o.rules.flatMap((r) => ['--rules', r]),
      ...(o.config ? ['--config', o.config] : []),
    ],
  });
  const plan = join(o.outDir, 'plan.json');
  steps.push({
    name: 'convert',
    argv: o.output ? ['convert', '--plan', plan, '--out-dir', o.output, '--check', '--json'] : ['convert', '--plan', plan, '--out-dir', join(o.outDir, 'azure'), '--dry-run', '--json'],
  });
  return steps;
}

/** A command line a reader can paste into a shell: arguments quoted only where they need it. */
export function shellLine(argv: readonly string[]): string {
  return ['migrate', ...argv].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

// The convert stage: plan.json → one Azure Functions project per function app (+ the emitters' infra and manual).
// Pure over its inputs: sources are read only through the given functions, and the output is a FileTree.

import type { ConversionReport } from '../model/conversion.js';
import type { Plan } from '../model/plan.js';
import { mergeTrees, type FileTree } from '../util/file-tree.js';
import { compareStrings, sortBy } from '../util/json.js';
import { noProgress, type StartProgress } from '../util/progress.js';
import { validatePlanForConvert } from './validate-plan.js';
import { withInlineCode } from './fs-source.js';

export type ConvertMode = 'auto' | 'rewrite' | 'adapter';

export interface SourceReader {
  /** Read a file by posix path relative to plan.source.root; undefined when missing. */
  readSource(relPath: string): Promise<string | undefined>;
  /** Files under a directory (posix, relative to plan.source.root, recursive), excluding node_modules. */
  listSource(dir: string): Promise<string[]>;
}

export interface ConvertOptions {
  mode: ConvertMode;
  /** Merge the infrastructure/manual emitter's tree (default true). */
  emit?: boolean;
  /** Progress display (the CLI's, on a terminal): one tick per function converted. */
  progress?: StartProgress;
}

export async function convertPlan(plan: Plan, sourceOnDisk: SourceReader, options: ConvertOptions): Promise<{ tree: FileTree; report: ConversionReport }> {
  validatePlanForConvert(plan);
  const report: ConversionReport = { functions: [], todos: [], warnings: [] };
  const trees: FileTree[] = [];
  const { convertNodeApp } = await import('./node/convert-node-app.js');
  const { convertOtherApp } = await import('./other-language-app.js');
  const progress = (options.progress ?? noProgress)('convert', plan.apps.reduce((n, a) => n + a.functions.length, 0) + 1);
  for (const app of sortBy(plan.apps, (a) => a.name)) {
    const source = withInlineCode(sourceOnDisk, app.functions);
    const languages = [...new Set(app.functions.map((f) => f.language))].sort(compareStrings);
    const language = languages.length === 1 ? languages[0]! : languages.join(', ');
    const out =
      language === 'nodejs'
        ? await convertNodeApp(app, source, options.mode, plan.dataPlane)
        : language === 'python'
          ? await (await import('./python/convert-python-app.js')).convertPythonApp(app, source)
          : convertOtherApp(app, language);
    trees.push(out.tree);
    report.functions.push(...out.functions);
    report.warnings.push(...out.warnings);
    report.todos.push(...out.todos);
    progress.tick(app.functions.length);
  }
  // One runtime package per output repository, shared by every Node.js app.
  if (plan.apps.some((a) => a.functions.length > 0 && a.functions.every((f) => f.language === 'nodejs'))) {
    const { runtimePackageFiles } = await import('./node/runtime-package.js');
    trees.push(runtimePackageFiles());
  }
  let tree = mergeTrees(...trees);
  report.todos.sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line);
  report.functions = sortBy(report.functions, (f) => `${f.app}\u0000${f.lambdaName}`);
  if (options.emit !== false) {
    const emitTree = await emitInfrastructure(plan, report);
    if (emitTree) tree = mergeTrees(tree, emitTree);
  }
  progress.done();
  return { tree, report };
}

/** The infra/manual emitter lives in src/emit (another stage owner); loaded lazily like every heavy module. */
async function emitInfrastructure(plan: Plan, report: ConversionReport): Promise<FileTree | undefined> {
  const { emitEstate } = await import('../emit/index.js');
  return emitEstate(plan, report);
}

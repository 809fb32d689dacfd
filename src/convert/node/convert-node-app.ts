// One Node.js function app → apps/<app>/: project files, the user's modules (rewritten or byte-identical),
// one entry per Azure function, the originals and the equivalence tests. The runtime helpers come from the shared
// packages/migrate-runtime (runtime-package.ts), installed as a real copy (.npmrc install-links) so azd zips it.

import path from 'node:path';
import type { ConversionReport, ConvertedFunction, TodoMarker } from '../../model/conversion.js';
import type { ConversionStrategy, DataResource, FunctionApp, PlannedFunction } from '../../model/plan.js';
import { addFile, type FileTree } from '../../util/file-tree.js';
import { compareStrings } from '../../util/json.js';
import type { WrittenTodo } from '../generated-lines.js';
import type { ConvertMode, SourceReader } from '../index.js';
import { dataPlanePackages, funcignore, hostJson, localSettingsJson, npmrc, packageJson, tsconfigJson } from '../project-files.js';
import { insideRoot } from '../validate-plan.js';
import { missingExport } from './analyze-handler.js';
import { appDependencies, bareImports, userCompilerOptions } from './dependencies.js';
import { generateEntryFile } from './entry-file.js';
import { dataStores, generateDataPlaneTest, SEED_FILE } from './data-plane-test.js';
import { generateEquivalenceTest } from './equivalence-test.js';
import { reachableFiles } from './module-graph.js';
import type { ParseCache } from './parse-module.js';
import { rewriteModule } from './rewrite-module.js';
import { commonDir, functionCodeDir, relativeToBase } from '../source-paths.js';
import { awsSdkTodo } from './transforms/aws-sdk-todo/transform.js';
import { DATA_PLANE_TRANSFORMS } from './transforms/data-plane.js';
import { RULE_BATCH_FAILURES } from './transforms/rule-ids.js';

const GENERATED_DIRS = ['functions/'];
const SKIP = /(^|\/)(node_modules|\.git|\.aws-sam|\.serverless|dist|coverage)(\/|$)/;
const CODE = /\.(js|mjs|cjs|ts|mts|cts)$/;
function parseSeed(text: string, file: string, warnings: ConversionReport['warnings']): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    warnings.push({ code: 'convert.data-plane-seed', message: `${file} is not valid JSON; the data-plane tests start with empty stores`, file });
    return undefined;
  }
}

export async function convertNodeApp(app: FunctionApp, source: SourceReader, mode: ConvertMode, planDataPlane: readonly DataResource[] = []) {
  // The data resources this app's functions use: the data-plane codemods follow their move/stay decisions.
  const lambdaNames = new Set(app.functions.map((f) => f.lambdaName));
  const dataPlane = planDataPlane.filter((r) => r.usedBy.some((n) => lambdaNames.has(n)));
  const tree: FileTree = new Map();
  const todos: TodoMarker[] = [];
  const functions: ConvertedFunction[] = [];
  const warnings: ConversionReport['warnings'] = [];
  const root = `apps/${app.name}`;
  const put = (rel: string, content: string, fn?: string, written: WrittenTodo[] = []) => {
    const file = `${root}/${rel}`;
    addFile(tree, file, content);
    for (const t of written) todos.push({ ...t, file, app: app.name, ...(fn ? { function: fn } : {}) });
  };

  // Which directories make up the app's code.
  const codeDirs = app.functions.map((fn, i) => functionCodeDir(fn, insideRoot) ?? `__missing_${i}`);
  const base = commonDir(codeDirs.filter((d) => !d.startsWith('__missing_')));
  const userFiles = new Set<string>();
  for (const dir of [...new Set(codeDirs)].sort(compareStrings)) {
    if (dir.startsWith('__missing_')) continue;
    for (const f of await source.listSource(dir)) {
      const safe = insideRoot(`file ${f}`, f);
      // Code and JSON data travel with the handlers; templates and configs (serverless.yml, template.yaml) do not.
      if (!SKIP.test(safe) && (CODE.test(safe) || safe.endsWith('.json'))) userFiles.add(safe);
    }
  }
  for (const fn of app.functions) if (fn.handler) userFiles.add(insideRoot(`function ${fn.lambdaName} handler`, fn.handler.file));
  const sortedFiles = [...userFiles].sort(compareStrings);

  // Decide per function, and therefore per handler module, whether it is rewritten or kept byte-identical.
  const texts = new Map<string, string>();
  for (const f of sortedFiles) {
    const text = await source.readSource(f);
    if (text === undefined) {
      warnings.push({ code: 'convert.source-missing', message: `source file ${f} not found under the source root`, file: f });
      continue;
    }
    texts.set(f, text);
  }
  // Only the modules the handlers reach travel with the app (plus data files); the rest belong to other apps.
  const needed = reachableFiles(
    app.functions.flatMap((fn) => (fn.handler ? [fn.handler.file] : [])),
    texts,
    (f) => CODE.test(f),
  );
  for (const f of [...texts.keys()]) if (!needed.has(f)) texts.delete(f);
  const needsPrefix = [...texts.keys()].some((f) => GENERATED_DIRS.some((g) => relativeToBase(base, f).startsWith(g)));
  const projectPath = (f: string) => `src/${needsPrefix ? 'lambda/' : ''}${relativeToBase(base, f)}`;
  const originalPath = (f: string) => `test/lambda-original/${relativeToBase(base, f)}`;
  const strategyOf = new Map<PlannedFunction, { strategy: ConversionStrategy; reason: string }>();
  const rewritten = new Map<string, { text: string; todos: WrittenTodo[] }>();
  const adapterFiles = new Set<string>();
  const handlerFiles = new Set<string>();
  // Functions grouped by handler module: a module that serves several handlers (Serverless `handler.a`,
  // `handler.b`) is rewritten once for all of them, or kept byte-identical behind adapters for all of them. A module
  // is decided as soon as its last function has been checked, with the parse the export check made (held only
  // until then); its fallback warnings keep their place after the export warnings, in the order modules first serve.
  const byFile = new Map<string, PlannedFunction[]>();
  const parses: ParseCache = new Map();
  const fallbackWarnings = new Map<string, ConversionReport['warnings']>();
  const lastUse = new Map<string, number>();
  app.functions.forEach((fn, i) => fn.handler && lastUse.set(fn.handler.file, i));
  const decide = (file: string, fns: PlannedFunction[]) => {
    handlerFiles.add(file);
    const wantsAdapter = (fn: PlannedFunction) => mode === 'adapter' || (mode !== 'rewrite' && fn.strategy !== 'rewrite');
    const adapterReason = (fn: PlannedFunction, why?: string) => why ?? (mode === 'adapter' ? '--mode adapter' : fn.strategy === 'rewrite' ? `${file} also serves an adapter-converted handler; kept byte-identical for both` : fn.strategyReason);
    const useAdapter = (why?: string) => {
      adapterFiles.add(file);
      for (const fn of fns) strategyOf.set(fn, { strategy: 'adapter', reason: adapterReason(fn, why) });
    };
    if (fns.some(wantsAdapter)) return useAdapter();
    const exportNames = [...new Set(fns.map((fn) => fn.handler!.export))];
    const r = rewriteModule(file, texts.get(file)!, exportNames, undefined, dataPlane, parses);
    if (r.analysis && !r.analysis.ok) {
      const { reason } = r.analysis;
      useAdapter(`rewrite unsafe (${reason}); original kept byte-identical behind an adapter`);
      fallbackWarnings.set(file, fns.map((fn) => ({ code: 'convert.adapter-fallback', message: `${fn.lambdaName}: ${reason}; using an adapter`, file })));
      return;
    }
    for (const fn of fns) strategyOf.set(fn, { strategy: 'rewrite', reason: r.applied.length > 0 ? `${fn.strategyReason}; codemods: ${r.applied.join(', ')}` : fn.strategyReason });
    rewritten.set(file, { text: r.text, todos: r.todos });
  };
  app.functions.forEach((fn, i) => {
    const file = fn.handler?.file;
    if (!file || !texts.has(file)) {
      strategyOf.set(fn, { strategy: 'manual', reason: fn.strategy === 'manual' ? fn.strategyReason : fn.handler ? `handler file ${fn.handler.file} not found` : 'no handler in the plan' });
      return;
    }
    const missing = missingExport(file, texts.get(file)!, fn.handler!.export, parses);
    if (missing) {
      strategyOf.set(fn, { strategy: 'manual', reason: missing });
      warnings.push({ code: 'convert.handler-not-exported', message: `${fn.lambdaName}: ${missing}`, file });
    } else byFile.set(file, [...(byFile.get(file) ?? []), fn]);
    if (lastUse.get(file) !== i) return;
    const fns = byFile.get(file);
    if (fns) decide(file, fns);
    parses.delete(file);
  });
  for (const file of byFile.keys()) warnings.push(...(fallbackWarnings.get(file) ?? []));

  // The user's modules: handler modules rewritten (or byte-identical for adapters), others get only the SDK TODOs.
  const manifests: [string, string][] = [];
  const locks: [string, string][] = [];
  const imports = new Set<string>();
  const dataPlaneDeps: Record<string, string> = {};
  let userTsconfig: [string, string] | undefined;
  for (const [f, text] of texts) {
    if (/(^|\/)package\.json$/.test(f)) manifests.push([f, text]);
    else if (/(^|\/)package-lock\.json$/.test(f)) locks.push([f, text]);
    if (/(^|\/)package(-lock)?\.json$/.test(f)) continue;
    // The tsconfig nearest the app's base directory decides how the user's code type-checks.
    if (/(^|\/)tsconfig\.json$/.test(f) && (userTsconfig === undefined || f.length < userTsconfig[0].length)) userTsconfig = [f, text];
    let out: { text: string; todos: WrittenTodo[] } = { text, todos: [] };
    if (adapterFiles.has(f) || mode === 'adapter') out = { text, todos: [] };
    else if (rewritten.has(f)) out = rewritten.get(f)!;
    else if (CODE.test(f) && !handlerFiles.has(f)) out = rewriteModule(f, text, undefined, [...DATA_PLANE_TRANSFORMS, awsSdkTodo], dataPlane);
    const owner = app.functions.find((fn) => fn.handler?.file === f)?.lambdaName;
    put(projectPath(f), out.text, owner, out.todos);
    put(originalPath(f), text, owner);
    if (CODE.test(f)) {
      for (const dep of bareImports(text)) imports.add(dep);
      Object.assign(dataPlaneDeps, dataPlanePackages(out.text));
    }
  }

  // Entries, equivalence tests (and data-plane tests for rewritten functions that call moved resources), the report.
  const seedFile = [...texts.keys()].find((f) => path.posix.basename(f) === SEED_FILE);
  const seed = seedFile === undefined ? undefined : parseSeed(texts.get(seedFile)!, seedFile, warnings);
  let dataPlaneTests = false;
  for (const fn of app.functions) {
    const decided = strategyOf.get(fn)!;
    const file = fn.handler?.file;
    const azureFunctions = fn.entries.map((e) => e.name);
    if (decided.strategy === 'manual' || !file) {
      functions.push({ app: app.name, lambdaName: fn.lambdaName, azureFunctions, strategy: 'manual', reason: decided.reason });
      warnings.push({ code: 'convert.manual', message: `${fn.lambdaName}: ${decided.reason}; not converted` });
      continue;
    }
    const note = decided.strategy === 'adapter' ? 'Adapter: the Lambda handler module is unchanged.' : 'Rewrite: the handler module carries the codemods.';
    let testFile: string | undefined;
    for (const entry of fn.entries) {
      const e = generateEntryFile(fn, entry, projectPath(file), fn.handler!.export, note);
      put(e.path, e.content, fn.lambdaName, e.todos);
      const t = generateEquivalenceTest(fn, entry, e, originalPath(file), fn.handler!.export);
      put(t.path, t.content, fn.lambdaName);
      testFile ??= `${root}/${t.path}`;
      if (decided.strategy === 'rewrite') {
        const d = generateDataPlaneTest(fn, entry, e, originalPath(file), fn.handler!.export, dataStores(fn, dataPlane), seed);
        if (d) put(d.path, d.content, fn.lambdaName);
        dataPlaneTests ||= d !== undefined;
      }
      if (entry.lambdaEvent === 'sqs') {
        warnings.push({ code: 'convert.sqs-per-message', message: `${fn.lambdaName}: SQS batches become one message per invocation; batchItemFailures become a per-message failure (rule ${RULE_BATCH_FAILURES})` });
      }
    }
    functions.push({
      app: app.name,
      lambdaName: fn.lambdaName,
      azureFunctions,
      strategy: decided.strategy,
      reason: decided.reason,
      file: `${root}/${projectPath(file)}`,
      ...(testFile ? { testFile } : {}),
    });
  }
  const deps = appDependencies({ manifests, locks, imports }, warnings);
  put('package.json', packageJson(app, { ...deps, dependencies: { ...deps.dependencies, ...dataPlaneDeps } }, dataPlaneTests));
  put('tsconfig.json', tsconfigJson(userTsconfig ? await userCompilerOptions(userTsconfig[0], userTsconfig[1], warnings) : undefined));
  put('host.json', hostJson(app));
  put('.funcignore', funcignore());
  put('local.settings.json', localSettingsJson(app));
  put('.npmrc', npmrc());
  return { tree, functions, warnings, todos };
}

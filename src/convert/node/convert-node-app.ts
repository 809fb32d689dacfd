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
import { generateEntryFile } from './entry-file.js';
import { dataStores, generateDataPlaneTest, SEED_FILE } from './data-plane-test.js';
import { generateEquivalenceTest } from './equivalence-test.js';
import { reachableFiles } from './module-graph.js';
import { rewriteModule } from './rewrite-module.js';
import { commonDir, relativeToBase } from '../source-paths.js';
import { awsSdkTodo } from './transforms/aws-sdk-todo/transform.js';
import { DATA_PLANE_TRANSFORMS } from './transforms/data-plane.js';
import { RULE_BATCH_FAILURES } from './transforms/rule-ids.js';

const GENERATED_DIRS = ['functions/'];
const SKIP = /(^|\/)(node_modules|\.git|\.aws-sam|\.serverless|dist|coverage)(\/|$)/;
const CODE = /\.(js|mjs|cjs|ts|mts|cts)$/;
const BUILTINS = new Set(['fs', 'path', 'os', 'url', 'util', 'crypto', 'zlib', 'http', 'https', 'stream', 'events', 'buffer', 'querystring', 'assert', 'child_process', 'net', 'dns', 'timers', 'string_decoder', 'readline', 'worker_threads']);

function bareImports(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"./][^'"]*)['"]/g)) {
    const spec = m[1]!;
    if (spec.startsWith('node:')) continue;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    if (!BUILTINS.has(name) && name !== 'aws-lambda') out.add(name);
  }
  return [...out];
}

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
  const codeDirs = app.functions.map((fn, i) => {
    if (fn.codeDir !== undefined) return insideRoot(`function ${fn.lambdaName} codeDir`, fn.codeDir);
    if (fn.handler) return path.posix.dirname(insideRoot(`function ${fn.lambdaName} handler`, fn.handler.file)).replace(/^\.$/, '');
    return `__missing_${i}`;
  });
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
  for (const fn of app.functions) {
    const file = fn.handler?.file;
    if (!file || !texts.has(file)) {
      strategyOf.set(fn, { strategy: 'manual', reason: fn.handler ? `handler file ${fn.handler.file} not found` : 'no handler in the plan' });
      continue;
    }
    handlerFiles.add(file);
    const wanted = mode === 'adapter' ? 'adapter' : mode === 'rewrite' ? 'rewrite' : fn.strategy === 'rewrite' ? 'rewrite' : 'adapter';
    if (wanted === 'adapter') {
      strategyOf.set(fn, { strategy: 'adapter', reason: mode === 'adapter' ? '--mode adapter' : fn.strategyReason });
      adapterFiles.add(file);
      continue;
    }
    const r = rewriteModule(file, texts.get(file)!, fn.handler!.export, undefined, dataPlane);
    if (r.analysis && !r.analysis.ok) {
      strategyOf.set(fn, { strategy: 'adapter', reason: `rewrite unsafe (${r.analysis.reason}); original kept byte-identical behind an adapter` });
      adapterFiles.add(file);
      warnings.push({ code: 'convert.adapter-fallback', message: `${fn.lambdaName}: ${r.analysis.reason}; using an adapter`, file });
      continue;
    }
    strategyOf.set(fn, { strategy: 'rewrite', reason: r.applied.length > 0 ? `${fn.strategyReason}; codemods: ${r.applied.join(', ')}` : fn.strategyReason });
    if (rewritten.has(file) && rewritten.get(file)!.text !== r.text) throw new Error(`internal: two rewrites of ${file} differ`);
    rewritten.set(file, { text: r.text, todos: r.todos });
  }

  // The user's modules: handler modules rewritten (or byte-identical for adapters), others get only the SDK TODOs.
  const dependencies: Record<string, string> = {};
  let usesLambdaTypes = false;
  for (const [f, text] of texts) {
    if (/(^|\/)package(-lock)?\.json$/.test(f)) {
      if (f.endsWith('package.json')) {
        try {
          const pkg = JSON.parse(text) as { dependencies?: Record<string, string> };
          for (const [k, v] of Object.entries(pkg.dependencies ?? {})) if (k !== 'aws-lambda') dependencies[k] = v;
        } catch {
          warnings.push({ code: 'convert.package-json', message: `${f} is not valid JSON; its dependencies were not carried over`, file: f });
        }
      }
      continue;
    }
    let out: { text: string; todos: WrittenTodo[] } = { text, todos: [] };
    if (adapterFiles.has(f) || mode === 'adapter') out = { text, todos: [] };
    else if (rewritten.has(f)) out = rewritten.get(f)!;
    else if (CODE.test(f) && !handlerFiles.has(f)) out = rewriteModule(f, text, undefined, [...DATA_PLANE_TRANSFORMS, awsSdkTodo], dataPlane);
    const owner = app.functions.find((fn) => fn.handler?.file === f)?.lambdaName;
    put(projectPath(f), out.text, owner, out.todos);
    put(originalPath(f), text, owner);
    if (CODE.test(f)) {
      for (const dep of bareImports(text)) dependencies[dep] ??= dep.startsWith('@aws-sdk/') ? '^3.0.0' : '*';
      if (/from\s+['"]aws-lambda['"]/.test(text)) usesLambdaTypes = true;
      Object.assign(dependencies, dataPlanePackages(out.text));
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
  put('package.json', packageJson(app, dependencies, usesLambdaTypes, dataPlaneTests));
  put('tsconfig.json', tsconfigJson());
  put('host.json', hostJson(app));
  put('.funcignore', funcignore());
  put('local.settings.json', localSettingsJson(app));
  put('.npmrc', npmrc());
  return { tree, functions, warnings, todos };
}

// A Python function app → a minimal Azure Functions Python v2 project: function_app.py registers one decorated
// function per entry and calls the ORIGINAL handler module (kept byte-identical) through migrate_runtime.py adapters.

import type { ConversionReport, ConvertedFunction, TodoMarker } from '../../model/conversion.js';
import type { FunctionApp, PlannedEntry, PlannedFunction } from '../../model/plan.js';
import { addFile, type FileTree } from '../../util/file-tree.js';
import { compareStrings, stableStringify } from '../../util/json.js';
import type { SourceReader } from '../index.js';
import { GeneratedLines, type WrittenTodo } from '../generated-lines.js';
import { hostJson } from '../project-files.js';
import { RULE_AWS_SDK_USAGE, RULE_PASSTHROUGH } from '../node/transforms/rule-ids.js';
import { insideRoot } from '../validate-plan.js';
import { pythonHarnessModules, pythonRuntimeModule } from './runtime-module.js';
import { generatePythonEquivalenceTests, type PythonTestCase } from './equivalence-test.js';
import { commonDir, functionCodeDir, relativeToBase } from '../source-paths.js';
import { isManual } from '../../triggers/module.js';
import { triggerModule } from '../../triggers/registry.js';
import { py, pyHttp, type PyEntryContext } from '../../triggers/shared/python-binding.js';

const SKIP = /(^|\/)(__pycache__|\.venv|venv|\.aws-sam|\.serverless|node_modules)(\/|$)/;

function pyIdent(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `fn_${id}`;
}

interface EntryCode {
  lines: string[];
  /** Written as a comment above the lines when the entry has no generated mapping. */
  todo?: { ruleId: string; message: string };
}

/** The decorators and body of one entry, from its trigger kind's module; a pass-through TODO when it has none. */
function entryCode(fn: PlannedFunction, entry: PlannedEntry, module: string, exportName: string): EntryCode {
  const t = entry.trigger;
  const c: PyEntryContext = {
    fn,
    entry,
    ident: pyIdent(entry.name),
    name: `@app.function_name(name=${py(entry.name)})`,
    load: `    handler = load_handler(${py(module)}, ${py(exportName)})`,
    lambdaContext: `LambdaContext(context, ${py(fn.lambdaName)}, ${fn.timeoutSeconds * 1000})`,
  };
  const binding = entry.lambdaEvent === 'direct-invoke' ? pyHttp : triggerModule(entry.lambdaEvent).convert.python;
  const lines = isManual(binding) ? undefined : binding(c);
  if (lines) return { lines };
  return {
    todo: { ruleId: RULE_PASSTHROUGH, message: `${entry.name} (${entry.lambdaEvent} → ${t.type}) has no generated Python mapping; register it by hand.` },
    lines: [`def ${c.ident}(event, context):`, c.load, `    return handler(event, ${c.lambdaContext})`],
  };
}

export async function convertPythonApp(app: FunctionApp, source: SourceReader) {
  const tree: FileTree = new Map();
  const functions: ConvertedFunction[] = [];
  const warnings: ConversionReport['warnings'] = [];
  const root = `apps/${app.name}`;
  const todos: TodoMarker[] = [];
  const put = (rel: string, content: string, fn?: string, written: WrittenTodo[] = []) => {
    addFile(tree, `${root}/${rel}`, content);
    for (const t of written) todos.push({ ...t, file: `${root}/${rel}`, app: app.name, ...(fn ? { function: fn } : {}) });
  };
  const codeDirs = app.functions.flatMap((fn) => functionCodeDir(fn, insideRoot) ?? []);
  const base = commonDir(codeDirs);
  const rel = (f: string) => relativeToBase(base, f);
  const files = new Set<string>();
  for (const dir of [...new Set(codeDirs)].sort(compareStrings)) {
    for (const f of await source.listSource(dir)) if (!SKIP.test(f) && /\.(py|json|txt|csv)$/.test(f)) files.add(insideRoot(`file ${f}`, f));
  }
  let requirements = new Set<string>();
  let usesBoto = false;
  for (const f of [...files].sort(compareStrings)) {
    const text = await source.readSource(f);
    if (text === undefined) continue;
    const target = rel(f);
    if (target === 'requirements.txt') {
      for (const line of text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) requirements.add(line);
      continue;
    }
    if (['function_app.py', 'migrate_runtime.py', 'host.json', 'local.settings.json', 'tests/test_equivalence.py', 'tests/migrate_harness.py', 'tests/migrate_world.py'].includes(target)) {
      warnings.push({ code: 'convert.name-clash', message: `${f} clashes with a generated file and was not carried over`, file: f });
      continue;
    }
    if (/^\s*(import boto3|from boto3|import botocore|from botocore)/m.test(text)) usesBoto = true;
    put(target, text, app.functions.find((fn) => fn.handler?.file === f)?.lambdaName);
  }
  // Lambda puts a layer's python/ folder on the import path (/opt/python); on Azure the app root is on it.
  const layerDirs = [...new Set(app.functions.flatMap((fn) => fn.layerDirs ?? []))];
  for (const dir of layerDirs) {
    const pythonDir = `${insideRoot(`layer ${dir}`, dir)}/python`;
    for (const f of (await source.listSource(pythonDir)).sort(compareStrings)) {
      if (SKIP.test(f) || !/\.(py|json|txt|csv)$/.test(f)) continue;
      const target = relativeToBase(pythonDir, insideRoot(`file ${f}`, f));
      if (tree.has(`${root}/${target}`)) {
        warnings.push({ code: 'convert.name-clash', message: `${f} (layer ${dir}) clashes with a file already in app ${app.name} and was not carried over`, file: f });
        continue;
      }
      const text = await source.readSource(f);
      if (text !== undefined) put(target, text);
    }
  }
  requirements = new Set([...requirements].filter((r) => !/^azure-functions(\b|[<>=~])/.test(r)));
  const w = new GeneratedLines().push(
    `# Generated by migrate convert from plan.json (app ${app.name}): Azure Functions Python v2 programming model.`,
    '# Each function calls the original Lambda handler module unchanged through migrate_runtime adapters.',
    'import azure.functions as func',
    '',
    'from migrate_runtime import (LambdaContext, api_gateway_v1_event, api_gateway_v2_event, eventbridge_event, http_response,',
    '                             load_handler, s3_event, scheduled_event, settle_sqs_result, sns_event, sqs_event)',
    '',
    'app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)',
  );
  const testCases: PythonTestCase[] = [];
  for (const fn of app.functions) {
    const azureFunctions = fn.entries.map((e) => e.name);
    const file = fn.handler?.file;
    if (!file || !files.has(insideRoot(`function ${fn.lambdaName} handler`, file))) {
      functions.push({ app: app.name, lambdaName: fn.lambdaName, azureFunctions, strategy: 'manual', reason: file ? `handler file ${file} not found` : 'no handler in the plan' });
      warnings.push({ code: 'convert.manual', message: `${fn.lambdaName}: handler not found; not converted` });
      continue;
    }
    const module = rel(file).replace(/\.py$/, '').split('/').join('.');
    for (const entry of fn.entries) {
      const code = entryCode(fn, entry, module, fn.handler!.export);
      if (!code.todo) testCases.push({ fn, entry, module, ident: pyIdent(entry.name) });
      w.push('', '');
      if (code.todo) w.todo('#', code.todo.ruleId, code.todo.message);
      w.push(...code.lines);
    }
    functions.push({ app: app.name, lambdaName: fn.lambdaName, azureFunctions, strategy: 'adapter', reason: 'Python: original handler kept byte-identical behind a generated v2 adapter', file: `${root}/${rel(file)}` });
  }
  put('function_app.py', w.text(), undefined, w.todos);
  put('migrate_runtime.py', pythonRuntimeModule());
  const tests = generatePythonEquivalenceTests(app.name, testCases);
  if (tests !== undefined) {
    put('tests/test_equivalence.py', tests);
    for (const [name, text] of Object.entries(pythonHarnessModules())) put(`tests/${name}`, text);
  }
  const req = new GeneratedLines().push('# Generated by migrate convert. Do not add azure-functions-worker.', 'azure-functions', ...[...requirements].sort(compareStrings));
  if (usesBoto && !requirements.has('boto3')) req.todo('#', RULE_AWS_SDK_USAGE, 'boto3 is imported by the handlers (AWS SDK calls kept as is).').push('boto3');
  put('requirements.txt', req.text(), undefined, req.todos);
  put('host.json', hostJson(app));
  put('.funcignore', ['# Generated by migrate: files not deployed to Azure.', '.venv/', '__pycache__/', 'local.settings.json', 'tests/', '.migrate/', ''].join('\n'));
  const values: Record<string, string> = { AzureWebJobsStorage: 'UseDevelopmentStorage=true', FUNCTIONS_WORKER_RUNTIME: 'python' };
  for (const s of app.settings) {
    if (s.kind === 'keyvault') values[s.name] = `@Microsoft.KeyVault(VaultName=<key-vault-name>;SecretName=${s.secretName ?? s.name})`;
    else values[s.name] = s.kind === 'placeholder' ? '' : (s.value ?? '');
  }
  put('local.settings.json', stableStringify({ IsEncrypted: false, Values: values }));
  return { tree, functions, warnings, todos };
}

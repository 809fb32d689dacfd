// convertPlan over in-memory sources: strategy decisions and fallbacks, the report's TODO positions, path safety.

import { describe, expect, it } from 'vitest';
import { convertPlan, type SourceReader } from '../../src/convert/index.js';
import type { Plan, PlannedFunction } from '../../src/model/plan.js';
import { planFromInventory } from './support/plan-from-inventory.js';

function memorySource(files: Record<string, string>): SourceReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readSource: async (p) => {
      reads.push(p);
      return files[p];
    },
    listSource: async (dir) => Object.keys(files).filter((f) => f.startsWith(`${dir}/`)).sort(),
  };
}

function planWith(functions: PlannedFunction[]): Plan {
  const plan = planFromInventory({ schemaVersion: 1, source: { kind: 'templates', includeValues: false, root: '.' }, functions: [], roles: [], layers: [], apis: [], warnings: [] }, 'mem-app');
  plan.apps[0]!.functions = functions;
  return plan;
}

const fn = (name: string, file: string, extra: Partial<PlannedFunction> = {}): PlannedFunction => ({
  lambdaId: `t#${name}`,
  lambdaName: name,
  language: 'nodejs',
  handler: { file, export: 'handler' },
  codeDir: 'code',
  strategy: 'rewrite',
  strategyReason: 'test',
  timeoutSeconds: 10,
  entries: [{ name, lambdaEvent: 'sqs', trigger: { type: 'storageQueue', queueName: 'jobs-queue', connection: 'AzureWebJobsStorage' } }],
  ...extra,
});

const SDK = "const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');\nconst s3 = new S3Client({});\n";

describe('convertPlan', () => {
  it('rewrites safe handlers, falls back to byte-identical adapters for unsafe ones, and reports TODOs at their output lines', async () => {
    const safe = `${SDK}exports.handler = async (event, context) => {\n  console.log('n', event.Records.length);\n  return s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));\n};\n`;
    const dynamic = `exports.handler = async (event) => event[process.env.FIELD];\n`;
    const src = memorySource({ 'code/safe.js': safe, 'code/dynamic.js': dynamic });
    const { tree, report } = await convertPlan(planWith([fn('safe', 'code/safe.js'), fn('dynamic', 'code/dynamic.js')]), src, { mode: 'auto', emit: false });
    const byName = Object.fromEntries(report.functions.map((f) => [f.lambdaName, f]));
    expect(byName.safe!.strategy).toBe('rewrite');
    expect(byName.dynamic!.strategy).toBe('adapter');
    expect(byName.dynamic!.reason).toContain('dynamic event[...]');
    expect(tree.get('apps/mem-app/src/dynamic.js')).toBe(dynamic);
    expect(tree.get('apps/mem-app/test/lambda-original/safe.js')).toBe(safe);
    const rewritten = tree.get('apps/mem-app/src/safe.js')!;
    expect(rewritten).toContain("context.log('n', event.Records.length);");
    const sdkTodos = report.todos.filter((t) => t.file === 'apps/mem-app/src/safe.js' && t.ruleId === 'DPN-W002');
    expect(sdkTodos).toHaveLength(2);
    for (const t of sdkTodos) expect(rewritten.split('\n')[t.line - 1]).toContain('TODO(migrate:DPN-W002)');
    expect(report.warnings.map((w) => w.code)).toContain('convert.adapter-fallback');
  });

  it('--mode adapter keeps every module byte-identical', async () => {
    const safe = `${SDK}exports.handler = async (event, context) => { console.log(1); };\n`;
    const { tree, report } = await convertPlan(planWith([fn('safe', 'code/safe.js')]), memorySource({ 'code/safe.js': safe }), { mode: 'adapter', emit: false });
    expect(tree.get('apps/mem-app/src/safe.js')).toBe(safe);
    expect(report.functions[0]!.strategy).toBe('adapter');
  });

  it('reports a missing handler as manual instead of failing the run', async () => {
    const { report } = await convertPlan(planWith([fn('gone', 'code/gone.js'), fn('here', 'code/here.js')]), memorySource({ 'code/here.js': 'exports.handler = async () => 1;\n' }), { mode: 'auto', emit: false });
    expect(report.functions.find((f) => f.lambdaName === 'gone')!.strategy).toBe('manual');
    expect(report.warnings.some((w) => w.code === 'convert.source-missing')).toBe(true);
  });

  it('never reads outside the source root', async () => {
    const src = memorySource({});
    await expect(convertPlan(planWith([fn('esc', '../outside/h.js', { codeDir: 'code/../../x' })]), src, { mode: 'auto', emit: false })).rejects.toThrow(/outside plan.source.root/);
    expect(src.reads).toEqual([]);
  });

  it('is deterministic', async () => {
    const files = {
      'code/a.js': "exports.handler = async (e) => (await import('./lib/b.mjs')).b + e;\n",
      'code/lib/b.mjs': 'export const b = 1;\n',
      'code/other/unrelated.js': 'exports.handler = async () => 0;\n',
    };
    const plan = planWith([fn('a', 'code/a.js')]);
    const one = await convertPlan(plan, memorySource(files), { mode: 'auto', emit: false });
    const two = await convertPlan(plan, memorySource(files), { mode: 'auto', emit: false });
    expect([...two.tree.entries()]).toEqual([...one.tree.entries()]);
    expect(one.tree.get('apps/mem-app/src/lib/b.mjs')).toBe(files['code/lib/b.mjs']);
    // Modules no handler of the app reaches stay behind.
    expect([...one.tree.keys()].some((k) => k.includes('unrelated'))).toBe(false);
  });
});

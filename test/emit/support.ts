// Shared by the emit tests: fixture loading (validated against the Plan contract) and the tree-sitter Bicep parser.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Node as TsNode, Parser as TsParser } from 'web-tree-sitter';
import type { ConversionReport } from '../../src/model/conversion.js';
import { estatePlan } from '../convert/support/convert-estate.js';
import { validateContract } from '../../src/model/io.js';
import type { Plan } from '../../src/model/plan.js';
import { deploymentTargets } from '../../src/emit/deploy-targets.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const ROOT = path.resolve(FIXTURES, '../../..');

export interface EmitFixture {
  name: string;
  /** `fixture`: test/emit/fixtures (with a conversion report and golden output); `plan`: a real plan from elsewhere. */
  source: 'fixture' | 'plan';
  plan: Plan;
  report: ConversionReport;
}

/** The apps the emitted repository deploys: those with a converted function (src/emit/deploy-targets.ts). */
export const deployedApps = (fx: EmitFixture): Plan['apps'] => deploymentTargets(fx.plan, fx.report).plan.apps;

export async function loadFixtures(): Promise<EmitFixture[]> {
  const out: EmitFixture[] = [];
  for (const f of readdirSync(FIXTURES).filter((n) => n.endsWith('.plan.json')).sort()) {
    const name = f.slice(0, -'.plan.json'.length);
    const file = path.join(FIXTURES, f);
    const plan = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    await validateContract('plan', plan, file);
    const reportFile = path.join(FIXTURES, `${name}.report.json`);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ConversionReport;
    out.push({ name, source: 'fixture', plan: plan as Plan, report });
  }
  // Real plans: the planner's plan for every golden inventory, and EMIT_PLANS_DIR=<dir>/<estate>/plan.json if set.
  for (const estate of readdirSync(path.join(ROOT, 'fixtures/golden')).sort()) {
    if (!existsSync(path.join(ROOT, 'fixtures/golden', estate, 'inventory.json'))) continue;
    const { plan } = await estatePlan(estate);
    out.push({ name: `golden-${estate}`, source: 'plan', plan, report: { functions: [], todos: [], warnings: [] } });
  }
  const extra = process.env.EMIT_PLANS_DIR ? path.resolve(ROOT, process.env.EMIT_PLANS_DIR) : undefined;
  for (const estate of extra && existsSync(extra) ? readdirSync(extra).sort() : []) {
    const file = path.join(extra!, estate, 'plan.json');
    if (!existsSync(file)) continue;
    const plan = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    await validateContract('plan', plan, file);
    out.push({ name: `extra-${estate}`, source: 'plan', plan: plan as Plan, report: { functions: [], todos: [], warnings: [] } });
  }
  return out;
}

let parser: TsParser | undefined;

export async function bicepParser(): Promise<TsParser> {
  if (parser) return parser;
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const lang = await Language.load(path.join(ROOT, 'node_modules/tree-sitter-bicep/tree-sitter-bicep.wasm'));
  const p = new Parser();
  p.setLanguage(lang);
  parser = p;
  return p;
}

/** Every ERROR or MISSING node, as `line:column type`. */
export function syntaxProblems(root: TsNode): string[] {
  const problems: string[] = [];
  const walk = (n: TsNode) => {
    if (n.isError || n.isMissing) problems.push(`${n.startPosition.row + 1}:${n.startPosition.column + 1} ${n.isMissing ? 'MISSING' : 'ERROR'} ${n.type}`);
    for (const c of n.children) if (c) walk(c);
  };
  walk(root);
  return problems;
}

/** Top-level resource declarations as `type@apiVersion` with their symbolic names. */
export function resourceDeclarations(root: TsNode): { symbol: string; typeAtVersion: string; node: TsNode }[] {
  return root.namedChildren
    .filter((n): n is TsNode => n !== null && n.type === 'resource_declaration')
    .map((n) => ({
      symbol: n.namedChildren[0]?.text ?? '',
      typeAtVersion: (n.namedChildren[1]?.text ?? '').replace(/^'|'$/g, ''),
      node: n,
    }));
}

/** The value node of `key` in an object node (direct properties only). */
export function property(objectNode: TsNode | null | undefined, key: string): TsNode | undefined {
  if (!objectNode) return undefined;
  for (const p of objectNode.namedChildren) {
    if (p?.type !== 'object_property') continue;
    const k = p.namedChildren[0];
    const name = k?.type === 'string' ? k.text.slice(1, -1) : k?.text;
    if (name === key) return p.namedChildren[1] ?? undefined;
  }
  return undefined;
}

/** The body object of a resource declaration (after an optional `if (...)`). */
export function resourceBody(decl: TsNode): TsNode | undefined {
  const last = decl.namedChildren[decl.namedChildren.length - 1];
  if (!last) return undefined;
  if (last.type === 'object') return last;
  return last.namedChildren.find((c) => c?.type === 'object') ?? undefined;
}

/** Follow a property path through nested objects. */
export function propertyPath(objectNode: TsNode | undefined, ...keys: string[]): TsNode | undefined {
  let cur = objectNode;
  for (const k of keys) cur = property(cur, k);
  return cur;
}

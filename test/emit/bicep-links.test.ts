// What a Bicep compiler would catch across files, checked on the tree-sitter parse: module paths resolve, every
// parameter passed is declared, every parameter without a default is passed, every `<module>.outputs.<x>` exists.

import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Node as TsNode } from 'web-tree-sitter';
import { emitEstate } from '../../src/emit/index.js';
import { bicepParser, loadFixtures, property, deployedApps } from './support.js';

const fixtures = await loadFixtures();

interface ModuleFacts {
  params: Map<string, boolean>;
  outputs: Set<string>;
  modules: { symbol: string; path: string; passed: string[] }[];
  text: string;
}

function facts(root: TsNode, text: string): ModuleFacts {
  const params = new Map<string, boolean>();
  const outputs = new Set<string>();
  const modules: ModuleFacts['modules'] = [];
  for (const n of root.namedChildren) {
    if (!n) continue;
    if (n.type === 'parameter_declaration') params.set(n.namedChildren[0]!.text, n.namedChildren.length > 2);
    if (n.type === 'output_declaration') outputs.add(n.namedChildren[0]!.text);
    if (n.type === 'module_declaration') {
      const body = n.namedChildren[n.namedChildren.length - 1]!;
      const obj = body.type === 'object' ? body : body.namedChildren.find((c) => c?.type === 'object')!;
      const ps = property(obj, 'params');
      modules.push({
        symbol: n.namedChildren[0]!.text,
        path: n.namedChildren[1]!.text.slice(1, -1),
        passed: (ps?.namedChildren ?? []).filter((p) => p?.type === 'object_property').map((p) => p!.namedChildren[0]!.text),
      });
    }
  }
  return { params, outputs, modules, text };
}

describe.each(fixtures.map((f) => [f.name, f] as const))('estate %s', (_name, fx) => {
  test('module links are consistent across the generated Bicep files', async () => {
    const tree = emitEstate(fx.plan, fx.report);
    const parser = await bicepParser();
    const files = new Map<string, ModuleFacts>();
    for (const [p, t] of tree) if (p.endsWith('.bicep')) files.set(p, facts(parser.parse(t)!.rootNode, t));
    let links = 0;
    for (const [file, f] of files) {
      for (const m of f.modules) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m.path));
        const callee = files.get(target);
        expect(callee, `${file}: module ${m.symbol} → ${target}`).toBeDefined();
        for (const p of m.passed) expect([...callee!.params.keys()], `${file}: ${m.symbol} passes undeclared ${p}`).toContain(p);
        for (const [p, hasDefault] of callee!.params) if (!hasDefault) expect(m.passed, `${file}: ${m.symbol} misses ${p}`).toContain(p);
        for (const use of f.text.matchAll(new RegExp(`\\b${m.symbol}\\.outputs\\.([A-Za-z_][A-Za-z0-9_]*)`, 'g'))) {
          expect([...callee!.outputs], `${file}: ${m.symbol}.outputs.${use[1]}`).toContain(use[1]);
        }
        links++;
      }
    }
    expect(links).toBeGreaterThan(deployedApps(fx).length);
  });
});

const BUILTIN = new Set(['resourceGroup', 'subscription', 'tenant', 'deployer', 'az', 'sys']);

/** Identifiers used as references (not property keys, function names, decorators or declaration names). */
function references(root: TsNode): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  const walk = (n: TsNode, parent: TsNode | null, index: number) => {
    if (n.type === 'identifier') {
      const isKey = parent?.type === 'object_property' && index === 0;
      const isFunction = parent?.type === 'call_expression' && index === 0;
      const isDeclName = parent !== null && /_declaration$/.test(parent.type) && index === 0;
      const isLoopVar = parent?.type === 'for_statement' && index === 0;
      if (!isKey && !isFunction && !isDeclName && !isLoopVar) out.push({ name: n.text, line: n.startPosition.row + 1 });
      return;
    }
    n.namedChildren.forEach((c, i) => c && walk(c, n, i));
  };
  walk(root, null, 0);
  return out;
}

describe.each(fixtures.map((f) => [f.name, f] as const))('symbols in estate %s', (_name, fx) => {
  test('every identifier a Bicep file references is declared in it', async () => {
    const tree = emitEstate(fx.plan, fx.report);
    const parser = await bicepParser();
    for (const [file, text] of tree) {
      if (!file.endsWith('.bicep')) continue;
      const root = parser.parse(text)!.rootNode;
      const declared = new Set<string>(BUILTIN);
      for (const n of root.namedChildren) if (n && /_declaration$/.test(n.type) && n.type !== 'output_declaration') declared.add(n.namedChildren[0]!.text);
      const loopVars = new Set<string>();
      const collectLoops = (n: TsNode) => {
        const head = n.type === 'for_statement' ? n.namedChildren[0] : undefined;
        // `for x in …` or `for (x, i) in …`
        if (head?.type === 'identifier') loopVars.add(head.text);
        else for (const v of head?.namedChildren ?? []) if (v?.type === 'loop_variable' || v?.type === 'loop_enumerator') loopVars.add(v.text);
        n.namedChildren.forEach((c) => c && collectLoops(c));
      };
      collectLoops(root);
      const unknown = references(root).filter((r) => !declared.has(r.name) && !loopVars.has(r.name));
      expect(unknown.map((u) => `${file}:${u.line} ${u.name}`)).toEqual([]);
    }
  });
});

// Finds the exported Lambda handler in a parsed module and decides whether rewriting it is safe;
// anything it cannot prove (unknown export form, reassigned handler, dynamic event access) falls back to an adapter.

import ts from './ts-compiler.js';
import { parseModule, type ParseCache } from './parse-module.js';
import type { HandlerShape } from './transforms/types.js';

export type HandlerAnalysis = { ok: true; shape: HandlerShape } | { ok: false; reason: string };

function isFunctionLike(node: ts.Node | undefined): node is ts.FunctionLikeDeclaration {
  return node !== undefined && (ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isFunctionDeclaration(node));
}

function paramName(fn: ts.FunctionLikeDeclaration, i: number): string | undefined {
  const p = fn.parameters[i];
  return p && ts.isIdentifier(p.name) ? p.name.text : undefined;
}

/** `exports.x`, `module.exports.x` → x; `module.exports` → '' ; otherwise undefined. */
function exportsTarget(node: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(node)) {
    const obj = node.expression;
    if (ts.isIdentifier(obj) && obj.text === 'exports') return node.name.text;
    if (ts.isPropertyAccessExpression(obj) && ts.isIdentifier(obj.expression) && obj.expression.text === 'module' && obj.name.text === 'exports') return node.name.text;
    if (ts.isIdentifier(obj) && obj.text === 'module' && node.name.text === 'exports') return '';
  }
  return undefined;
}

export function analyzeHandler(sf: ts.SourceFile, exportName: string): HandlerAnalysis {
  const localFunctions = new Map<string, ts.FunctionLikeDeclaration>();
  const found: { form: string; fn?: ts.FunctionLikeDeclaration }[] = [];
  let reassigned = false;

  const resolveLocal = (expr: ts.Expression | undefined): ts.FunctionLikeDeclaration | undefined => {
    if (expr === undefined) return undefined;
    if (isFunctionLike(expr)) return expr;
    if (ts.isIdentifier(expr)) return localFunctions.get(expr.text);
    return undefined;
  };

  // Pass 1: top-level function declarations and `const f = () => ...`.
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name) localFunctions.set(st.name.text, st);
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && isFunctionLike(d.initializer)) localFunctions.set(d.name.text, d.initializer);
      }
    }
  }
  // Pass 2: the export forms.
  for (const st of sf.statements) {
    const mods = ts.canHaveModifiers(st) ? (ts.getModifiers(st) ?? []) : [];
    const isExport = mods.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (ts.isFunctionDeclaration(st) && isExport) {
      if ((isDefault && exportName === 'default') || st.name?.text === exportName) found.push({ form: isDefault ? 'export default function' : 'export function', fn: st });
    } else if (ts.isVariableStatement(st) && isExport) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === exportName) found.push({ form: 'export const', fn: resolveLocal(d.initializer) });
      }
    } else if (ts.isExportAssignment(st) && exportName === 'default') {
      found.push({ form: 'export default', fn: resolveLocal(st.expression) });
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause) && !st.moduleSpecifier) {
      for (const el of st.exportClause.elements) {
        if (el.name.text === exportName) found.push({ form: 'export { }', fn: localFunctions.get((el.propertyName ?? el.name).text) });
      }
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = exportsTarget(st.expression.left);
      if (target === exportName) found.push({ form: 'exports.' + exportName, fn: resolveLocal(st.expression.right) });
      else if (target === '' && ts.isObjectLiteralExpression(st.expression.right)) {
        for (const p of st.expression.right.properties) {
          if (ts.isShorthandPropertyAssignment(p) && p.name.text === exportName) found.push({ form: 'module.exports = { }', fn: localFunctions.get(p.name.text) });
          if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === exportName) found.push({ form: 'module.exports = { }', fn: resolveLocal(p.initializer) });
          if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name) && p.name.text === exportName) found.push({ form: 'module.exports = { }', fn: p });
        }
      }
    }
  }
  // Any second assignment to the export (top level or inside a function) makes the handler unpredictable.
  reassigned = (scanExports(sf).assignments.get(exportName) ?? 0) > 1;

  if (found.length === 0) return { ok: false, reason: `unknown export form for "${exportName}"` };
  if (found.length > 1 || reassigned) return { ok: false, reason: `handler "${exportName}" is assigned more than once` };
  const { form, fn } = found[0]!;
  if (!fn) return { ok: false, reason: `handler "${exportName}" (${form}) is not a function literal in this file` };
  const eventParam = paramName(fn, 0);
  if (eventParam && fn.body && hasDynamicAccess(fn.body, eventParam)) {
    return { ok: false, reason: `dynamic ${eventParam}[...] access in the handler` };
  }
  return { ok: true, shape: { form, fn, eventParam, contextParam: paramName(fn, 1) } };
}

function hasDynamicAccess(body: ts.Node, name: string): boolean {
  let dynamic = false;
  const visit = (n: ts.Node): void => {
    if (dynamic) return;
    if (ts.isElementAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name && !ts.isStringLiteralLike(n.argumentExpression) && !ts.isNumericLiteral(n.argumentExpression)) {
      dynamic = true;
      return;
    }
    n.forEachChild(visit);
  };
  visit(body);
  return dynamic;
}

interface ExportScan {
  names: Set<string>;
  open: boolean;
  /** Assignments anywhere in the module per `exports` target (`exports.x =`, `module.exports.x =`; '' for `module.exports =`). */
  assignments: Map<string, number>;
}

const scans = new WeakMap<ts.SourceFile, ExportScan>();

/**
 * The names a module exports, read syntactically (ESM `export`, CommonJS `exports.x =`, `module.exports = {…}`,
 * `Object.defineProperty(exports, 'x', …)`); `open` when something could export more (`export *`, a computed
 * `exports[…]`, `module.exports = <not an object literal>`, `Object.assign(module.exports, …)`); and the count of
 * assignments per export target. One walk per parsed module: the export check and every handler's analysis read
 * the same scan. Once the exports are open, names are no longer collected (they are not needed), assignments still are.
 */
function scanExports(sf: ts.SourceFile): ExportScan {
  const hit = scans.get(sf);
  if (hit) return hit;
  const names = new Set<string>();
  const assignments = new Map<string, number>();
  let open = false;
  const isExportsObject = (e: ts.Expression): boolean => exportsTarget(e) === '' || (ts.isIdentifier(e) && e.text === 'exports');
  for (const st of sf.statements) {
    const mods = ts.canHaveModifiers(st) ? (ts.getModifiers(st) ?? []) : [];
    if (mods.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      if (mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) names.add('default');
      else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) names.add(st.name.text);
      else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          if (ts.isIdentifier(d.name)) names.add(d.name.text);
          else open = true; // destructured export
        }
      } else open = true;
    } else if (ts.isExportAssignment(st)) {
      if (st.isExportEquals) open = true;
      else names.add('default');
    } else if (ts.isExportDeclaration(st)) {
      if (st.exportClause && ts.isNamedExports(st.exportClause)) for (const el of st.exportClause.elements) names.add(el.name.text);
      else open = true;
    }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = exportsTarget(node.left);
      if (target !== undefined) assignments.set(target, (assignments.get(target) ?? 0) + 1);
      if (open || target === undefined) {
        // not an export, or the names no longer matter
      } else if (target === '') {
        if (ts.isObjectLiteralExpression(node.right)) {
          for (const p of node.right.properties) {
            if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) names.add(p.name.text);
            else open = true;
          }
        } else open = true;
      } else names.add(target);
    }
    if (!open && ts.isElementAccessExpression(node) && isExportsObject(node.expression)) open = true;
    if (!open && ts.isCallExpression(node) && node.arguments.some(isExportsObject)) {
      // Object.defineProperty(exports, 'name', …) names one export; any other call handed `exports` may add some.
      const name = node.arguments[1];
      if (/defineProperty$/.test(node.expression.getText(sf)) && isExportsObject(node.arguments[0]!) && name && ts.isStringLiteral(name)) names.add(name.text);
      else open = true;
    }
    node.forEachChild(visit);
  };
  visit(sf);
  names.delete('__esModule');
  const scan = { names, open, assignments };
  scans.set(sf, scan);
  return scan;
}

/**
 * Why `file` cannot serve handler `exportName` (it provably does not export it), or undefined. With `parses`, a
 * module serving several handlers is parsed and scanned once, and the rewrite reuses the parse.
 */
export function missingExport(file: string, text: string, exportName: string, parses?: ParseCache): string | undefined {
  if (!/\.(js|mjs|cjs|ts|mts|cts)$/.test(file)) return undefined;
  const kind = /\.(ts|mts|cts)$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const { names, open } = scanExports(parseModule(file, text, kind, parses));
  if (open || names.has(exportName)) return undefined;
  const has = [...names].sort();
  return `${file} does not export "${exportName}" (${has.length > 0 ? `it exports ${has.map((n) => `"${n}"`).join(', ')}` : 'it exports nothing'}); Lambda would fail with Runtime.HandlerNotFound`;
}

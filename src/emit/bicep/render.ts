// The one Bicep writer: renders the typed model to text, deterministically, with 2-space indentation.
// Nothing else in the project concatenates Bicep source.

import type { BicepFile, Decl, DeclLoop, Decorator, Expr, ObjProp } from './ast.js';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PAD = '  ';

export function isBicepIdentifier(name: string): boolean {
  return IDENT.test(name);
}

function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`internal: not a Bicep identifier: ${JSON.stringify(name)}`);
  return name;
}

/** Escape a string's content for a single-quoted Bicep literal (`\\`, `\'`, `\${`, control characters). */
export function escapeBicepString(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const code = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '$' && value[i + 1] === '{') out += '\\$';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16).toUpperCase()}}`;
    else out += ch;
  }
  return out;
}

function propertyKey(key: string): string {
  return IDENT.test(key) ? key : `'${escapeBicepString(key)}'`;
}

export function renderExpr(e: Expr, depth = 0): string {
  const pad = PAD.repeat(depth);
  switch (e.k) {
    case 'str':
      return `'${escapeBicepString(e.value)}'`;
    case 'interp':
      return `'${e.parts
        .map((p) => {
          if (typeof p === 'string') return escapeBicepString(p);
          if (p.k === 'str') return escapeBicepString(p.value);
          const inner = renderExpr(p, depth);
          if (inner.includes('\n')) throw new Error('internal: a multi-line expression cannot be interpolated');
          return `\${${inner}}`;
        })
        .join('')}'`;
    case 'num':
      if (!Number.isSafeInteger(e.value)) throw new Error(`internal: Bicep has integers only, got ${e.value}`);
      return String(e.value);
    case 'bool':
      return e.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'obj':
      return renderObject(e.props, depth);
    case 'arr':
      if (e.items.length === 0) return '[]';
      return `[\n${e.items.map((i) => `${pad}${PAD}${renderExpr(i, depth + 1)}\n`).join('')}${pad}]`;
    case 'sym':
      return ident(e.name);
    case 'member':
      return IDENT.test(e.name) ? `${renderExpr(e.target, depth)}.${e.name}` : `${renderExpr(e.target, depth)}['${escapeBicepString(e.name)}']`;
    case 'index':
      return `${renderExpr(e.target, depth)}[${renderExpr(e.index, depth)}]`;
    case 'call':
      return `${ident(e.fn)}(${e.args.map((a) => renderExpr(a, depth)).join(', ')})`;
    case 'binary':
      return `(${renderExpr(e.left, depth)} ${e.op} ${renderExpr(e.right, depth)})`;
    case 'ternary':
      return `(${renderExpr(e.cond, depth)} ? ${renderExpr(e.then, depth)} : ${renderExpr(e.else, depth)})`;
    case 'for': {
      const head = e.index ? `(${ident(e.item)}, ${ident(e.index)})` : ident(e.item);
      const filter = e.filter ? `if (${renderExpr(e.filter, depth)}) ` : '';
      return `[for ${head} in ${renderExpr(e.source, depth)}: ${filter}${renderExpr(e.body, depth)}]`;
    }
  }
}

function renderObject(props: ObjProp[], depth: number): string {
  if (props.length === 0) return '{}';
  const pad = PAD.repeat(depth);
  const seen = new Set<string>();
  let out = '{\n';
  for (const p of props) {
    if (seen.has(p.key)) throw new Error(`internal: duplicate Bicep property ${p.key}`);
    seen.add(p.key);
    const key = p.keyExpr ? renderExpr(p.keyExpr, depth + 1) : propertyKey(p.key);
    out += `${pad}${PAD}${key}: ${renderExpr(p.value, depth + 1)}\n`;
  }
  return `${out}${pad}}`;
}

function renderDecorators(decorators: Decorator[] | undefined): string {
  return (decorators ?? []).map((d) => `@${ident(d.name)}(${d.args.map((a) => renderExpr(a, 0)).join(', ')})\n`).join('');
}

const symbolList = (names: string[]): ObjProp => ({
  key: 'dependsOn',
  value: { k: 'arr', items: names.map((name) => ({ k: 'sym', name })) },
});

/** The right-hand side of a resource or module: `if (c) {…}`, `[for x in xs: {…}]` or the plain body. */
function declBody(body: ObjProp[], condition: Expr | undefined, loop: DeclLoop | undefined): string {
  if (condition && loop) throw new Error('internal: a declaration is either conditional or a loop');
  if (loop) {
    const head = loop.index ? `(${ident(loop.item)}, ${ident(loop.index)})` : ident(loop.item);
    return `[for ${head} in ${renderExpr(loop.source)}: ${renderObject(body, 0)}]`;
  }
  return `${condition ? `if (${renderExpr(condition)}) ` : ''}${renderObject(body, 0)}`;
}

export function renderDecl(d: Decl): string {
  switch (d.kind) {
    case 'targetScope':
      return `targetScope = '${d.scope}'`;
    case 'comment':
      return d.text
        .split('\n')
        .map((l) => (l === '' ? '//' : `// ${l}`))
        .join('\n');
    case 'param':
      return `${renderDecorators(d.decorators)}param ${ident(d.name)} ${d.type}${d.default ? ` = ${renderExpr(d.default)}` : ''}`;
    case 'var':
      return `${renderDecorators(d.decorators)}var ${ident(d.name)} = ${renderExpr(d.value)}`;
    case 'output':
      return `${renderDecorators(d.decorators)}output ${ident(d.name)} ${d.type} = ${renderExpr(d.value)}`;
    case 'resource': {
      if (!/^[A-Za-z0-9.]+\/[A-Za-z0-9/]+$/.test(d.type) || !/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(d.apiVersion)) {
        throw new Error(`internal: bad resource type ${d.type}@${d.apiVersion}`);
      }
      const body: ObjProp[] = [];
      if (d.parent) body.push({ key: 'parent', value: { k: 'sym', name: d.parent } });
      if (d.scope) body.push({ key: 'scope', value: d.scope });
      body.push(...d.body);
      if (d.dependsOn && d.dependsOn.length > 0) body.push(symbolList(d.dependsOn));
      return `${renderDecorators(d.decorators)}resource ${ident(d.name)} '${d.type}@${d.apiVersion}'${d.existing ? ' existing' : ''} = ${declBody(body, d.condition, d.loop)}`;
    }
    case 'module': {
      const body: ObjProp[] = [{ key: 'name', value: d.deploymentName }];
      if (d.scope) body.push({ key: 'scope', value: d.scope });
      body.push({ key: 'params', value: { k: 'obj', props: d.params } });
      if (d.dependsOn && d.dependsOn.length > 0) body.push(symbolList(d.dependsOn));
      return `${renderDecorators(d.decorators)}module ${ident(d.name)} '${escapeBicepString(d.path)}' = ${declBody(body, d.condition, d.loop)}`;
    }
  }
}

/** Render a whole file: header comments, then declarations separated by one blank line, LF endings. */
export function renderBicep(file: BicepFile): string {
  const names = new Set<string>();
  for (const d of file.decls) {
    if (d.kind === 'targetScope' || d.kind === 'comment') continue;
    if (d.kind !== 'output' && names.has(d.name)) throw new Error(`internal: duplicate Bicep symbol ${d.name} in ${file.path}`);
    if (d.kind !== 'output') names.add(d.name);
  }
  const head = file.header.map((l) => `// ${l}\n`).join('');
  return `${head}${head ? '\n' : ''}${file.decls.map(renderDecl).join('\n\n')}\n`;
}

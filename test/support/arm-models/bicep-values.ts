// Reads the resource declarations of a parsed Bicep file as plain value trees: literals where the file has literals,
// `expr` where a value is only known at deployment (parameters, function calls, interpolated strings, conditions).

import type { Node } from 'web-tree-sitter';

export type BicepValue =
  | { kind: 'object'; props: Map<string, BicepValue>; line: number }
  | { kind: 'array'; items: BicepValue[]; line: number }
  | { kind: 'string'; value: string; line: number }
  | { kind: 'number'; value: number; line: number }
  | { kind: 'boolean'; value: boolean; line: number }
  | { kind: 'null'; line: number }
  | { kind: 'expr'; text: string; line: number };

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  existing: boolean;
  line: number;
  body: BicepValue;
}

const lineOf = (n: Node) => n.startPosition.row + 1;

function propertyKey(n: Node): string {
  const key = n.namedChildren[0];
  if (!key) return '';
  if (key.type === 'string') return key.namedChildren.map((c) => c?.text ?? '').join('');
  return key.text;
}

export function bicepValue(n: Node): BicepValue {
  const line = lineOf(n);
  switch (n.type) {
    case 'object': {
      const props = new Map<string, BicepValue>();
      for (const p of n.namedChildren) {
        if (p?.type !== 'object_property') continue;
        const value = p.namedChildren[1];
        props.set(propertyKey(p), value ? bicepValue(value) : { kind: 'expr', text: '', line: lineOf(p) });
      }
      return { kind: 'object', props, line };
    }
    case 'array':
      return { kind: 'array', items: n.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment').map(bicepValue), line };
    case 'for_statement': {
      // [for x in xs: body] — the body stands for every element.
      const body = n.namedChildren[n.namedChildren.length - 1];
      return { kind: 'array', items: body ? [bicepValue(body)] : [], line };
    }
    case 'if_statement': {
      const body = n.namedChildren[n.namedChildren.length - 1];
      return body ? bicepValue(body) : { kind: 'expr', text: n.text, line };
    }
    case 'parenthesized_expression': {
      const inner = n.namedChildren[0];
      return inner ? bicepValue(inner) : { kind: 'expr', text: n.text, line };
    }
    case 'string': {
      const parts = n.namedChildren.filter((c): c is Node => c !== null);
      if (parts.every((c) => c.type === 'string_content' || c.type === 'escape_sequence')) {
        return { kind: 'string', value: parts.map((c) => (c.type === 'escape_sequence' ? unescape(c.text) : c.text)).join(''), line };
      }
      return { kind: 'expr', text: n.text, line };
    }
    case 'multiline_string':
      return { kind: 'string', value: n.text.slice(3, -3), line };
    case 'number':
      return { kind: 'number', value: Number(n.text), line };
    case 'boolean':
      return { kind: 'boolean', value: n.text === 'true', line };
    case 'null':
      return { kind: 'null', line };
    default:
      return { kind: 'expr', text: n.text, line };
  }
}

function unescape(seq: string): string {
  const map: Record<string, string> = { "\\'": "'", '\\\\': '\\', '\\n': '\n', '\\r': '\r', '\\t': '\t', '\\$': '$' };
  return map[seq] ?? seq;
}

/** Every resource declaration of a file, top level only (modules are separate files). */
export function bicepResources(root: Node): BicepResource[] {
  const out: BicepResource[] = [];
  for (const n of root.namedChildren) {
    if (n?.type !== 'resource_declaration') continue;
    const [symbol, typeNode] = n.namedChildren;
    const typeAtVersion = typeNode?.namedChildren.map((c) => c?.text ?? '').join('') ?? '';
    const [type = '', apiVersion = ''] = typeAtVersion.split('@');
    const bodyNode = n.namedChildren[n.namedChildren.length - 1];
    const existing = n.children.some((c) => c?.type === 'existing' || c?.text === 'existing');
    out.push({ symbol: symbol?.text ?? '', type, apiVersion, existing, line: lineOf(n), body: bodyNode ? bicepValue(bodyNode) : { kind: 'expr', text: '', line: lineOf(n) } });
  }
  return out;
}

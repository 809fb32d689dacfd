// A tiny deterministic template renderer for the manual (no eval, no helpers):
// `{{name}}` and `{{a.b}}` insert a value; `{{#list}}...{{/list}}` repeats for each item (or renders once for a
// truthy non-array); `{{^list}}...{{/list}}` renders when the value is empty or falsy. A section tag alone on a
// line swallows that line, so templates stay readable.

export type TemplateValue = string | number | boolean | undefined | null | TemplateContext | TemplateValue[];
export interface TemplateContext {
  [key: string]: TemplateValue;
}

type Node = { t: 'text'; text: string } | { t: 'var'; name: string } | { t: 'section'; name: string; inverted: boolean; body: Node[] };

const TAG = /\{\{([#^/]?)\s*([A-Za-z0-9_.]+)\s*\}\}/g;

export function parseTemplate(source: string, file: string): Node[] {
  // Standalone section tags: drop the whole line (indentation and newline).
  const text = source.replace(/^[ \t]*(\{\{[#^/]\s*[A-Za-z0-9_.]+\s*\}\})[ \t]*\r?\n/gm, '$1');
  const root: Node[] = [];
  const stack: { name: string; nodes: Node[] }[] = [{ name: '', nodes: root }];
  let last = 0;
  for (const m of text.matchAll(TAG)) {
    const top = stack[stack.length - 1]!;
    if (m.index > last) top.nodes.push({ t: 'text', text: text.slice(last, m.index) });
    last = m.index + m[0].length;
    const [, sigil, name] = m as unknown as [string, string, string];
    if (sigil === '#' || sigil === '^') {
      const body: Node[] = [];
      top.nodes.push({ t: 'section', name, inverted: sigil === '^', body });
      stack.push({ name, nodes: body });
    } else if (sigil === '/') {
      if (stack.length === 1 || top.name !== name) throw new Error(`internal: template ${file}: unexpected {{/${name}}}`);
      stack.pop();
    } else top.nodes.push({ t: 'var', name });
  }
  if (stack.length !== 1) throw new Error(`internal: template ${file}: unclosed {{#${stack[stack.length - 1]!.name}}}`);
  if (last < text.length) root.push({ t: 'text', text: text.slice(last) });
  return root;
}

function lookup(name: string, scopes: TemplateValue[]): TemplateValue {
  if (name === '.') return scopes[scopes.length - 1];
  const [head, ...rest] = name.split('.');
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i];
    if (s !== null && typeof s === 'object' && !Array.isArray(s) && Object.prototype.hasOwnProperty.call(s, head!)) {
      let v: TemplateValue = s[head!];
      for (const r of rest) v = v !== null && typeof v === 'object' && !Array.isArray(v) ? v[r] : undefined;
      return v;
    }
  }
  return undefined;
}

function renderNodes(nodes: Node[], scopes: TemplateValue[], file: string): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.text;
    else if (n.t === 'var') {
      const v = lookup(n.name, scopes);
      if (v === undefined || v === null || typeof v === 'object') throw new Error(`internal: template ${file}: {{${n.name}}} has no printable value`);
      out += String(v);
    } else {
      const v = lookup(n.name, scopes);
      const empty = v === undefined || v === null || v === false || v === '' || (Array.isArray(v) && v.length === 0);
      if (n.inverted) {
        if (empty) out += renderNodes(n.body, scopes, file);
      } else if (!empty) {
        if (Array.isArray(v)) for (const item of v) out += renderNodes(n.body, [...scopes, item], file);
        else out += renderNodes(n.body, [...scopes, v], file);
      }
    }
  }
  return out;
}

export function renderTemplate(source: string, context: TemplateContext, file = 'template'): string {
  return renderNodes(parseTemplate(source, file), [context], file);
}

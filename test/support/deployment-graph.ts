// A deployment-graph check over generated Bicep (parsed with tree-sitter-bicep), standing in for what only a real
// `azd provision` would reveal:
//  - every `existing` reference resolves: its name and scope come from a parameter azd can set (main.parameters.json),
//    from a module output, or from a resource created by a deployment it waits for;
//  - no two writes the service serialises per parent (Cosmos DB sqlRoleAssignments: the account is locked per write)
//    run unordered: in one loop without @batchSize(1), or in module deployments with no dependency between them;
//  - resource names, evaluated for a sample environment, are within each type's length and character limits.

import type { Node, Parser } from 'web-tree-sitter';

/** Child types whose concurrent writes under one parent fail ("another operation is in progress"). */
export const SERIALISED_TYPES = ['Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments'];

/** Name limits (Azure resource naming rules) for the types the generator names itself. */
const NAME_RULES: Record<string, { min: number; max: number; pattern: RegExp }> = {
  'Microsoft.Storage/storageAccounts': { min: 3, max: 24, pattern: /^[a-z0-9]+$/ },
  'Microsoft.KeyVault/vaults': { min: 3, max: 24, pattern: /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/ },
  'Microsoft.Web/sites': { min: 2, max: 60, pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]$/ },
  'Microsoft.Web/serverfarms': { min: 1, max: 60, pattern: /^[a-zA-Z0-9-]+$/ },
  'Microsoft.ManagedIdentity/userAssignedIdentities': { min: 3, max: 128, pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/ },
  'Microsoft.ServiceBus/namespaces': { min: 6, max: 50, pattern: /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/ },
  'Microsoft.EventHub/namespaces': { min: 6, max: 50, pattern: /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/ },
  'Microsoft.EventGrid/topics': { min: 3, max: 50, pattern: /^[a-zA-Z0-9-]+$/ },
  'Microsoft.EventGrid/systemTopics': { min: 3, max: 128, pattern: /^[a-zA-Z0-9-]+$/ },
  'Microsoft.Insights/components': { min: 1, max: 260, pattern: /^[^%&\\?/]+$/ },
  'Microsoft.OperationalInsights/workspaces': { min: 4, max: 63, pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]$/ },
  'Microsoft.Storage/storageAccounts/blobServices/containers': { min: 3, max: 63, pattern: /^[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$/ },
  'Microsoft.Storage/storageAccounts/queueServices/queues': { min: 3, max: 63, pattern: /^[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]$/ },
  'Microsoft.Network/virtualNetworks': { min: 2, max: 64, pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*[a-zA-Z0-9_]$/ },
  'Microsoft.Resources/resourceGroups': { min: 1, max: 90, pattern: /^[-\w._()]*[-\w_()]$/ },
};

interface Declaration {
  kind: 'param' | 'var' | 'resource' | 'module';
  name: string;
  line: number;
  /** resource type, or module path */
  target: string;
  existing: boolean;
  batchSize1: boolean;
  /** The identifier a `for` loop iterates over, when the declaration is a loop. */
  loopOver?: string;
  /** Declared with `if (...)`: may not be deployed at all. */
  conditional: boolean;
  /** The declaration's value (param default, var value, resource/module body object). */
  value?: Node;
}

interface BicepFileModel {
  path: string;
  decls: Map<string, Declaration>;
}

const props = (obj: Node | undefined): Map<string, Node> => {
  const out = new Map<string, Node>();
  for (const p of obj?.namedChildren ?? []) {
    if (p?.type !== 'object_property') continue;
    const [k, v] = p.namedChildren;
    if (k && v) out.set(k.type === 'string' ? k.text.slice(1, -1) : k.text, v);
  }
  return out;
};

/** Identifiers an expression refers to (not property names after a dot, not object keys, not function names). */
function identifiers(n: Node | undefined, out = new Set<string>()): Set<string> {
  if (!n) return out;
  if (n.type === 'identifier') {
    const parent = n.parent;
    const isCallee = parent?.type === 'call_expression' && parent.namedChildren[0]?.id === n.id;
    const isKey = parent?.type === 'object_property' && parent.namedChildren[0]?.id === n.id;
    const isMember = parent?.type === 'member_expression' && parent.namedChildren[0]?.id !== n.id;
    if (!isCallee && !isKey && !isMember) out.add(n.text);
  }
  for (const c of n.namedChildren) if (c) identifiers(c, out);
  return out;
}

const DECLARATION_KINDS: Record<string, Declaration['kind'] | undefined> = {
  parameter_declaration: 'param',
  variable_declaration: 'var',
  resource_declaration: 'resource',
  module_declaration: 'module',
};

export function readBicep(parser: Parser, path: string, source: string): BicepFileModel {
  const tree = parser.parse(source);
  if (!tree) throw new Error(`tree-sitter could not parse ${path}`);
  const decls = new Map<string, Declaration>();
  let decorators = '';
  for (const n of tree.rootNode.namedChildren) {
    if (!n) continue;
    if (n.type === 'decorators') {
      decorators = n.text;
      continue;
    }
    const kind = DECLARATION_KINDS[n.type];
    if (!kind) {
      decorators = '';
      continue;
    }
    const [id, second] = n.namedChildren;
    let value = n.namedChildren[n.namedChildren.length - 1] ?? undefined;
    let loopOver: string | undefined;
    if (value?.type === 'for_statement') {
      // [for <variable(s)> in <iterated>: <body>]: the iterated expression sits just before the body.
      loopOver = value.namedChildren[value.namedChildren.length - 2]?.text;
      value = value.namedChildren[value.namedChildren.length - 1] ?? undefined;
    }
    const conditional = value?.type === 'if_statement';
    if (conditional) value = value!.namedChildren[value!.namedChildren.length - 1] ?? undefined;
    decls.set(id!.text, {
      kind,
      name: id!.text,
      line: n.startPosition.row + 1,
      target: kind === 'resource' ? second!.text.slice(1, -1).split('@')[0]! : kind === 'module' ? second!.text.slice(1, -1) : '',
      existing: kind === 'resource' && n.children.some((c) => c?.text === 'existing'),
      batchSize1: /@batchSize\(\s*1\s*\)/.test(decorators),
      loopOver,
      conditional,
      value: kind === 'param' ? (n.namedChildren.length > 2 ? value : undefined) : value,
    });
    decorators = '';
  }
  return { path, decls };
}

/** A module path in a file, resolved to the path of the file it names (posix, relative to the output root). */
const resolveModule = (from: string, rel: string): string => {
  const parts = from.split('/').slice(0, -1);
  for (const seg of rel.split('/')) {
    if (seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
};

/** Module declarations `a` waits for: its explicit dependsOn and every module/resource symbol it references. */
function waitsFor(file: BicepFileModel, a: Declaration, seen = new Set<string>()): Set<string> {
  for (const id of identifiers(a.value)) {
    const d = file.decls.get(id);
    if (!d || seen.has(id) || (d.kind !== 'module' && d.kind !== 'resource')) continue;
    seen.add(id);
    waitsFor(file, d, seen);
  }
  return seen;
}

// ---- name evaluation for a sample environment -------------------------------------------------------------------

const SAMPLE_TOKEN = 'abcdefghijklm';
type Env = Map<string, string | undefined>;

function evaluate(n: Node | undefined, env: Env, file: BicepFileModel, depth = 0): string | undefined {
  if (!n || depth > 20) return undefined;
  switch (n.type) {
    case 'string': {
      let out = '';
      for (const c of n.namedChildren) {
        if (!c) continue;
        if (c.type === 'string_content') out += c.text;
        else if (c.type === 'escape_sequence') out += c.text.slice(1);
        else if (c.type === 'interpolation') {
          const v = evaluate(c.namedChildren[0] ?? undefined, env, file, depth + 1);
          if (v === undefined) return undefined;
          out += v;
        } else return undefined;
      }
      return out;
    }
    case 'identifier': {
      if (env.has(n.text)) return env.get(n.text);
      const d = file.decls.get(n.text);
      if (d?.kind === 'var' || d?.kind === 'param') return evaluate(d.value, env, file, depth + 1);
      return undefined;
    }
    case 'parenthesized_expression':
      return evaluate(n.namedChildren[0] ?? undefined, env, file, depth + 1);
    case 'call_expression': {
      const [fn, args] = n.namedChildren;
      const a = (args?.namedChildren ?? []).filter((x): x is Node => x !== null);
      const arg = (i: number) => evaluate(a[i], env, file, depth + 1);
      switch (fn?.text) {
        case 'uniqueString':
          return SAMPLE_TOKEN;
        case 'toLower':
          return arg(0)?.toLowerCase();
        case 'take': {
          const s = arg(0);
          return s === undefined ? undefined : s.slice(0, Number(a[1]?.text));
        }
        case 'replace': {
          const [s, from, to] = [arg(0), arg(1), arg(2)];
          return s === undefined || from === undefined || to === undefined ? undefined : s.split(from).join(to);
        }
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}

export interface GraphFinding {
  file: string;
  line: number;
  message: string;
}

/**
 * Check a generated infra/ tree. `files` maps output paths (infra/main.bicep, infra/modules/*.bicep) to source;
 * `parameters` is main.parameters.json.
 */
export function checkDeploymentGraph(parser: Parser, files: Map<string, string>, parameters: string): GraphFinding[] {
  const models = new Map([...files].map(([p, s]) => [p, readBicep(parser, p, s)]));
  const settable = new Set(Object.keys((JSON.parse(parameters) as { parameters: Record<string, unknown> }).parameters));
  const findings: GraphFinding[] = [];
  const main = models.get('infra/main.bicep');
  if (!main) return [{ file: 'infra/main.bicep', line: 1, message: 'missing' }];
  /** Every call of each module file: the calling file and its declaration. */
  const calls = new Map<string, { file: BicepFileModel; decl: Declaration }[]>();
  for (const file of models.values()) {
    for (const d of file.decls.values()) {
      if (d.kind !== 'module') continue;
      const target = resolveModule(file.path, d.target);
      calls.set(target, [...(calls.get(target) ?? []), { file, decl: d }]);
    }
  }

  // 1. Existing references resolve.
  const paramSource = (file: BicepFileModel, param: string, trail: string): string | undefined => {
    if (file === main) return settable.has(param) ? undefined : `${trail} comes from main.bicep parameter '${param}', which main.parameters.json does not set (azd env set cannot change it)`;
    for (const call of calls.get(file.path) ?? []) {
      const passed = props(props(call.decl.value).get('params')).get(param);
      if (!passed) {
        const own = file.decls.get(param);
        if (own?.value) continue; // its default applies; defaults are checked where they are declared
        return `${trail}: module '${call.decl.name}' in ${call.file.path} does not pass '${param}'`;
      }
      const problem = valueSource(call.file, call.decl, passed, `${trail} (passed as ${passed.text} by '${call.decl.name}')`);
      if (problem) return problem;
    }
    return undefined;
  };
  const valueSource = (file: BicepFileModel, user: Declaration, value: Node, trail: string): string | undefined => {
    const ids = identifiers(value);
    for (const id of ids) {
      const d = file.decls.get(id);
      if (!d || id === user.loopOver) continue;
      if (d.kind === 'param') {
        const p = paramSource(file, id, trail);
        if (p) return p;
      } else if (d.kind === 'var') {
        const v = d.value && valueSource(file, user, d.value, trail);
        if (v) return v;
      }
    }
    // Built only from names (no parameter, output or resource in it): some deployment must create that name first.
    const references = [...ids].some((id) => ['module', 'resource'].includes(file.decls.get(id)?.kind ?? ''));
    if (references || ids.size === 0) return undefined;
    // A module creates the name only if its file declares a (non-existing) resource named from the parameter it gets.
    const createsFrom = (d: Declaration, param: string) =>
      [...(models.get(resolveModule(file.path, d.target))?.decls.values() ?? [])].some((r) => r.kind === 'resource' && !r.existing && identifiers(props(r.value).get('name') ?? r.value!).has(param));
    const creators = [...file.decls.values()].filter((d) => d !== user && d.kind === 'module' && [...props(props(d.value).get('params'))].some(([param, v]) => v.text === value.text && createsFrom(d, param)));
    if (creators.length === 0) return undefined;
    const waits = waitsFor(file, user);
    const unordered = creators.filter((c) => !waits.has(c.name));
    return unordered.length > 0 ? `${trail}: created by '${unordered.map((c) => c.name).join("', '")}', which '${user.name}' does not wait for` : undefined;
  };
  for (const file of models.values()) {
    for (const d of file.decls.values()) {
      if (d.kind !== 'resource' || !d.existing) continue;
      const body = props(d.value);
      for (const key of ['name', 'scope'] as const) {
        const v = body.get(key);
        if (!v) continue;
        const problem = valueSource(file, d, v, `existing '${d.name}' (${d.target}) ${key}`);
        if (problem) findings.push({ file: file.path, line: d.line, message: problem });
      }
    }
  }

  // 2. Serialised writes.
  const writesIn = (path: string, type: string, seen = new Set<string>()): Declaration[] => {
    const file = models.get(path);
    if (!file || seen.has(path)) return [];
    seen.add(path);
    return [...file.decls.values()].filter(
      (d) => (d.kind === 'resource' && !d.existing && d.target === type) || (d.kind === 'module' && writesIn(resolveModule(path, d.target), type, new Set(seen)).length > 0),
    );
  };
  /** How many writes one call of a module makes at once: 0 when its loop's array is passed empty. */
  const activeWriters = (file: BicepFileModel, type: string, passed: Map<string, Node>): { decl: Declaration; count: number }[] =>
    writesIn(file.path, type).flatMap((d) => {
      if (!d.loopOver) return [{ decl: d, count: 1 }];
      const arr = passed.get(d.loopOver) ?? file.decls.get(d.loopOver)?.value;
      const count = arr?.type === 'array' ? arr.namedChildren.filter((c) => c?.type !== 'comment').length : 2;
      return count > 0 ? [{ decl: d, count }] : [];
    });
  for (const type of SERIALISED_TYPES) {
    for (const file of models.values()) {
      // Writers declared in this file that run in the same deployment: loops must be @batchSize(1), and two of them
      // must wait for one another.
      const writers: { decl: Declaration; count: number }[] = [];
      for (const d of file.decls.values()) {
        if (d.kind === 'resource' && !d.existing && d.target === type) writers.push({ decl: d, count: d.loopOver ? 2 : 1 });
        if (d.kind !== 'module') continue;
        const target = models.get(resolveModule(file.path, d.target));
        if (!target) continue;
        const inner = activeWriters(target, type, props(props(d.value).get('params')));
        const total = inner.reduce((n, w) => n + (w.decl.batchSize1 ? 1 : w.count), 0);
        for (const w of inner) {
          if (w.count > 1 && !w.decl.batchSize1) findings.push({ file: target.path, line: w.decl.line, message: `${w.count} ${type} writes in loop '${w.decl.name}' run in parallel (no @batchSize(1)), called by '${d.name}' in ${file.path}` });
        }
        if (total > 0) writers.push({ decl: d, count: d.loopOver && !d.batchSize1 ? 2 : 1 });
      }
      const unordered: string[] = [];
      for (const [i, a] of writers.entries()) {
        for (const b of writers.slice(i + 1)) {
          if (!waitsFor(file, a.decl).has(b.decl.name) && !waitsFor(file, b.decl).has(a.decl.name)) unordered.push(`'${a.decl.name}' and '${b.decl.name}'`);
        }
      }
      if (unordered.length > 0) findings.push({ file: file.path, line: writers[0]!.decl.line, message: `${type} written by deployments that run in parallel: ${unordered.join(', ')}` });
    }
  }

  // 3. Names within limits, for a sample environment.
  const mainEnv: Env = new Map([
    ['environmentName', 'dev'],
    ['location', 'eastus'],
  ]);
  const checkNames = (file: BicepFileModel, env: Env) => {
    for (const d of file.decls.values()) {
      if (d.kind !== 'resource' || d.existing || d.loopOver) continue;
      const rule = NAME_RULES[d.target];
      const name = rule && evaluate(props(d.value).get('name'), env, file);
      // A conditional resource gets an empty name where its condition is false (Flex-only deployment containers).
      if (!rule || name === undefined || (d.conditional && name === '')) continue;
      if (name.length < rule.min || name.length > rule.max || !rule.pattern.test(name)) {
        findings.push({ file: file.path, line: d.line, message: `${d.target} name '${name}' breaks its limits (${rule.min}-${rule.max} characters, ${rule.pattern})` });
      }
    }
  };
  checkNames(main, mainEnv);
  for (const d of main.decls.values()) {
    if (d.kind !== 'module' || d.loopOver) continue;
    const target = models.get(resolveModule(main.path, d.target));
    if (!target) continue;
    const env: Env = new Map();
    for (const [k, v] of props(props(d.value).get('params'))) env.set(k, evaluate(v, mainEnv, main));
    checkNames(target, env);
  }
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

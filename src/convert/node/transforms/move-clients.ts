// The shared engine of the data-plane codemods. For each AWS SDK v3 client of a service whose calls all target
// resources the plan moves, and whose commands all have a helper: the client becomes the Azure client factory of
// migrate-runtime (one client per module), each `client.send(new XCommand(params))` becomes `helper(client, params)`
// with the params untouched (their Bucket/TableName/... environment variables now hold the Azure names), and the
// SDK imports nobody uses any more are removed. Anything else stays on AWS and aws-sdk-todo marks it.

import ts from '../ts-compiler.js';
import type { DataResource } from '../../../model/plan.js';
import { RUNTIME_PACKAGE_NAME } from '../runtime-package.js';
import { indentationAt, lineStartOf, newlineOf, removeStatement } from './edit-helpers.js';
import { analyzeSdkCalls, type ClientService, type SdkCall, type SdkClient } from './sdk-calls.js';
import type { TextEdit, TransformInput } from './types.js';

export interface ServiceMove {
  /** migrate-runtime module the helpers come from, e.g. `blob`. */
  module: string;
  /** Command → helper function name. */
  helpers: Record<string, string>;
  /** Presigned commands (getSignedUrl) the module's `presignedUrl` covers. */
  presign?: string[];
  /** The factory call that replaces `new XxxClient(...)`, or undefined when the client cannot be moved. */
  factory(client: SdkClient, calls: SdkCall[]): { text: string; names: string[] } | undefined;
  /** A call replaced by an expression that needs no client (e.g. a secret read from its app setting). */
  inline?(call: SdkCall, input: TransformInput): string | undefined;
}

/** The calls of each client, and whether the plan moves every resource they target. */
export function clientCalls(input: TransformInput, client: SdkClient): SdkCall[] {
  return analyzeSdkCalls(input).calls.filter((c) => c.client === client);
}

function allMoved(calls: SdkCall[]): boolean {
  return calls.length > 0 && calls.every((c) => c.resource?.decision === 'move');
}

/** Whether the codemods rewrite this client: all calls moved, every command has a helper, and the factory can be made. */
function movable(input: TransformInput, client: SdkClient, spec: ServiceMove): boolean {
  const calls = clientCalls(input, client);
  if (!allMoved(calls)) return false;
  const mechanical = calls.every((c) => (c.presigned ? spec.presign?.includes(c.command) : spec.helpers[c.command] !== undefined || spec.inline?.(c, input) !== undefined));
  return mechanical && (calls.every((c) => spec.inline?.(c, input) !== undefined) || spec.factory(client, calls) !== undefined);
}

/** Multi-line parameters move up to the call's line: their continuation lines lose the extra indentation. */
function reindent(text: string, params: string, paramsAt: number, callAt: number): string {
  const extra = indentationAt(text, paramsAt).length - indentationAt(text, callAt).length;
  if (extra <= 0 || !params.includes('\n')) return params;
  return params.replace(new RegExp(`\n {${extra}}`, 'g'), '\n');
}

/** Every identifier in the file named `name`, outside the given ranges (the text being replaced). */
function usedOutside(sf: ts.SourceFile, name: string, ranges: [number, number][]): boolean {
  let used = false;
  const visit = (n: ts.Node): void => {
    if (used) return;
    if (ts.isIdentifier(n) && n.text === name) {
      const at = n.getStart(sf);
      if (!ranges.some(([s, e]) => at >= s && at < e)) used = true;
    }
    n.forEachChild(visit);
  };
  visit(sf);
  return used;
}

/** Rewrite the movable clients of the given services (one runtime module for all), then drop unused SDK imports. */
export function moveClients(input: TransformInput, specs: Partial<Record<ClientService, ServiceMove>>, modules: (m: string) => boolean): TextEdit[] {
  const { sf, text } = input;
  const analysis = analyzeSdkCalls(input);
  const edits: TextEdit[] = [];
  const replaced: [number, number][] = [];
  const names = new Set<string>();
  let runtimeModule = '';
  for (const client of analysis.clients) {
    const spec = specs[client.service];
    if (!spec || !movable(input, client, spec)) continue;
    runtimeModule = spec.module;
    const calls = clientCalls(input, client);
    const needsClient = calls.some((c) => spec.inline?.(c, input) === undefined);
    if (needsClient) {
      const f = spec.factory(client, calls)!;
      f.names.forEach((n) => names.add(n));
      const init = client.init;
      edits.push({ start: init.getStart(sf), end: init.getEnd(), text: f.text });
      replaced.push([init.getStart(sf), init.getEnd()]);
      // A lazily built client's cache keeps its declaration; its AWS type becomes the factory's.
      const annotation = client.cache?.type;
      if (annotation) {
        const factory = /^[A-Za-z_$][\w$]*/.exec(f.text)![0];
        edits.push({ start: annotation.getStart(sf), end: annotation.getEnd(), text: `ReturnType<typeof ${factory}> | undefined` });
        replaced.push([annotation.getStart(sf), annotation.getEnd()]);
      }
    } else {
      edits.push(removeStatement(text, client.statement.getStart(sf), client.statement.getEnd()));
      replaced.push([client.statement.getStart(sf), client.statement.getEnd()]);
    }
    for (const c of calls) {
      const inline = spec.inline?.(c, input);
      let out: string;
      let params = c.params ? reindent(text, c.params.getText(sf), c.params.getStart(sf), c.call.getStart(sf)) : '{}';
      if (c.commandDecl) {
        // `const put = new PutCommand({...})` keeps its name and now holds just the parameters.
        const init = c.commandDecl.initializer!;
        edits.push({ start: init.getStart(sf), end: init.getEnd(), text: params });
        replaced.push([init.getStart(sf), init.getEnd()]);
        params = c.commandDecl.name.getText(sf);
      }
      if (inline !== undefined) out = inline;
      else if (c.presigned) {
        names.add('presignedUrl');
        out = `presignedUrl(${client.ref}, '${c.command}', ${params}${c.presignOptions ? `, ${c.presignOptions.getText(sf)}` : ''})`;
      } else {
        const helper = spec.helpers[c.command]!;
        names.add(helper);
        out = `${helper}(${client.ref}, ${params})`;
      }
      // An inline value needs no `await`: the awaited call is replaced as a whole.
      const node = inline !== undefined && ts.isAwaitExpression(c.call.parent) ? c.call.parent : c.call;
      edits.push({ start: node.getStart(sf), end: node.getEnd(), text: out });
      replaced.push([node.getStart(sf), node.getEnd()]);
    }
  }
  if (edits.length === 0) return edits;
  // A client only the moved ones were built from (`DynamoDBDocumentClient.from(client)`) goes away with them.
  for (const client of analysis.clients) {
    if (!specs[client.service] || clientCalls(input, client).length > 0) continue;
    const range: [number, number] = [client.statement.getStart(sf), client.statement.getEnd()];
    if (client.statement.declarationList.declarations.length === 1 && !usedOutside(sf, client.name, [...replaced, range])) {
      edits.push(removeStatement(text, ...range));
      replaced.push(range);
    }
  }
  // The SDK imports of these services that nothing outside the replaced code refers to any more go away.
  const mine = analysis.imports.filter((i) => modules(i.module));
  for (const imp of mine) {
    const range: [number, number] = [imp.node.getStart(sf), imp.node.getEnd()];
    if ([...imp.names.keys()].every((n) => !usedOutside(sf, n, [...replaced, range]))) {
      edits.push(removeStatement(text, ...range));
    }
  }
  if (names.size > 0) {
    const first = [...analysis.imports].sort((a, b) => a.node.getStart(sf) - b.node.getStart(sf))[0];
    const at = first ? lineStartOf(text, first.node.getStart(sf)) : 0;
    const list = [...names].sort().join(', ');
    const esm = first ? ts.isImportDeclaration(first.node) : true;
    const line = esm ? `import { ${list} } from '${RUNTIME_PACKAGE_NAME}/${runtimeModule}';` : `const { ${list} } = require('${RUNTIME_PACKAGE_NAME}/${runtimeModule}');`;
    edits.push({ start: at, end: at, text: line + newlineOf(text) });
  }
  return edits;
}

/** A single-quoted string literal (the codemods' generated code uses the common Node style). */
export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A property access on process.env that is valid for any setting name. */
export function envRead(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `process.env.${name}` : `process.env[${quote(name)}]`;
}

/** The environment variable that names a resource in this module's calls (seen at the call, else the plan's first). */
export function resourceEnv(call: SdkCall): string | undefined {
  return call.envVar ?? call.resource?.envVars[0];
}

export function resourcesOf(calls: SdkCall[]): DataResource[] {
  return [...new Set(calls.map((c) => c.resource!))];
}

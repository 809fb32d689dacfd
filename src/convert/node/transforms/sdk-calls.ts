// The AWS SDK v3 call sites of one module, found once and shared by the data-plane codemods and aws-sdk-todo:
// which local names come from which @aws-sdk package, which variables hold clients, every `client.send(new
// XCommand(params))` / `getSignedUrl(client, new XCommand(params))`, and the plan's data resource each call targets
// (through the environment variable its Bucket/TableName/QueueUrl/... reads). Cached per parsed file.

import ts from '../ts-compiler.js';
import type { DataResource, DataService } from '../../../model/plan.js';
import type { TransformInput } from './types.js';

export type ClientService = DataService | 'dynamodb-doc';

export interface SdkClient {
  name: string;
  service: ClientService;
  /** The variable declaration holding the client (or, for a lazily built one, the getter). */
  decl: ts.VariableDeclaration;
  /** The expression that builds the client: the declaration's initializer, or the getter's `cache ??= <this>`. */
  init: ts.Expression;
  /** How calls refer to the client: its name, or `getter()` for `const getter = () => (cache ??= new XClient())`. */
  ref: string;
  /** A lazily built client's cache variable (`let cache: XClient | undefined`), whose type annotation must follow. */
  cache?: ts.VariableDeclaration;
  /** The `new XxxClient(config)` expression (for lib-dynamodb, the inner DynamoDBClient). */
  construct: ts.NewExpression;
  /** The statement declaring the client. */
  statement: ts.VariableStatement;
}

export interface SdkCall {
  client: SdkClient;
  /** v3 command name without `Command`, e.g. `GetObject`, `Put` (lib-dynamodb). */
  command: string;
  /** The whole call expression to replace: `client.send(new XCommand(p))` or `getSignedUrl(...)`. */
  call: ts.CallExpression;
  params?: ts.Expression;
  /** `const cmd = new XCommand(params)` sent later as `client.send(cmd)`: the declaration holding the command. */
  commandDecl?: ts.VariableDeclaration;
  /** getSignedUrl's options argument. */
  presignOptions?: ts.Expression;
  presigned: boolean;
  /** The environment variable the call's resource field reads, when it can be seen. */
  envVar?: string;
  resource?: DataResource;
}

export interface SdkImport {
  node: ts.ImportDeclaration | ts.VariableStatement;
  module: string;
  /** Local name → exported name. */
  names: Map<string, string>;
}

export interface SdkAnalysis {
  imports: SdkImport[];
  clients: SdkClient[];
  calls: SdkCall[];
}

const CLIENT_SERVICE: Record<string, DataService> = {
  S3Client: 's3',
  DynamoDBClient: 'dynamodb',
  SQSClient: 'sqs',
  SNSClient: 'sns',
  EventBridgeClient: 'eventbridge',
  SecretsManagerClient: 'secretsmanager',
  SSMClient: 'ssm',
};

/** The parameter naming the resource, per service. */
const RESOURCE_FIELD: Record<ClientService, string> = {
  s3: 'Bucket',
  dynamodb: 'TableName',
  'dynamodb-doc': 'TableName',
  sqs: 'QueueUrl',
  sns: 'TopicArn',
  eventbridge: 'EventBusName',
  secretsmanager: 'SecretId',
  ssm: 'Name',
  kinesis: 'StreamName',
};

const dataServiceOf = (s: ClientService): DataService => (s === 'dynamodb-doc' ? 'dynamodb' : s);

const cache = new WeakMap<ts.SourceFile, SdkAnalysis>();

export function isSdkModule(m: string): boolean {
  return m === 'aws-sdk' || m.startsWith('aws-sdk/') || m.startsWith('@aws-sdk/');
}

function collectImports(sf: ts.SourceFile): SdkImport[] {
  const out: SdkImport[] = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && isSdkModule(st.moduleSpecifier.text)) {
      const names = new Map<string, string>();
      const nb = st.importClause?.namedBindings;
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) names.set(el.name.text, (el.propertyName ?? el.name).text);
      out.push({ node: st, module: st.moduleSpecifier.text, names });
    } else if (ts.isVariableStatement(st) && st.declarationList.declarations.length === 1) {
      const d = st.declarationList.declarations[0]!;
      const init = d.initializer;
      if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments.length === 1) {
        const arg = init.arguments[0]!;
        if (ts.isStringLiteralLike(arg) && isSdkModule(arg.text) && ts.isObjectBindingPattern(d.name)) {
          const names = new Map<string, string>();
          for (const el of d.name.elements) if (ts.isIdentifier(el.name)) names.set(el.name.text, el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text);
          out.push({ node: st, module: arg.text, names });
        }
      }
    }
  }
  return out;
}

/** `process.env.X`, `process.env['X']`, optionally behind `?? 'default'` / `|| 'default'`. */
function envVarOf(e: ts.Expression | undefined): string | undefined {
  if (!e) return undefined;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) return envVarOf(e.left);
  const isEnv = (x: ts.Expression) => ts.isPropertyAccessExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === 'process' && x.name.text === 'env';
  if (ts.isPropertyAccessExpression(e) && isEnv(e.expression)) return e.name.text;
  if (ts.isElementAccessExpression(e) && isEnv(e.expression) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  return undefined;
}

/** The only variable declaration named `name` in the file (any scope), if there is exactly one. */
function singleDeclaration(sf: ts.SourceFile, name: string): ts.VariableDeclaration | undefined {
  const found: ts.VariableDeclaration[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name) found.push(n);
    n.forEachChild(visit);
  };
  visit(sf);
  return found.length === 1 ? found[0] : undefined;
}

function countIdentifiers(sf: ts.SourceFile, name: string): number {
  let count = 0;
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name) count++;
    n.forEachChild(visit);
  };
  visit(sf);
  return count;
}

/** The initializer of the single `const name = <init>` of an identifier. */
function constInitializer(sf: ts.SourceFile, name: string): ts.Expression | undefined {
  return singleDeclaration(sf, name)?.initializer;
}

/** Follow an identifier to its single const initializer (one step, then env var). */
function resolveValue(sf: ts.SourceFile, e: ts.Expression | undefined): ts.Expression | undefined {
  if (e && ts.isIdentifier(e)) return constInitializer(sf, e.text) ?? e;
  return e;
}

function objectLiteralOf(sf: ts.SourceFile, e: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  const v = resolveValue(sf, e);
  return v && ts.isObjectLiteralExpression(v) ? v : undefined;
}

export function propertyOf(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

function resourceEnvVar(sf: ts.SourceFile, service: ClientService, command: string, params: ts.Expression | undefined): string | undefined {
  const obj = objectLiteralOf(sf, params);
  if (!obj) return undefined;
  if (command === 'BatchWriteItem' || command === 'BatchWrite') {
    const items = objectLiteralOf(sf, propertyOf(obj, 'RequestItems'));
    const first = items?.properties[0];
    if (items?.properties.length === 1 && first && ts.isPropertyAssignment(first) && ts.isComputedPropertyName(first.name)) return envVarOf(resolveValue(sf, first.name.expression));
    return undefined;
  }
  if (service === 'eventbridge') {
    const entries = propertyOf(obj, 'Entries');
    const list = entries && ts.isArrayLiteralExpression(entries) ? entries.elements : [];
    const vars = new Set(list.map((el) => (ts.isObjectLiteralExpression(el) ? envVarOf(resolveValue(sf, propertyOf(el, 'EventBusName'))) : undefined)));
    return vars.size === 1 ? [...vars][0] : undefined;
  }
  return envVarOf(resolveValue(sf, propertyOf(obj, RESOURCE_FIELD[service])));
}

function pickResource(resources: readonly DataResource[], service: ClientService, envVar: string | undefined): DataResource | undefined {
  const mine = resources.filter((r) => r.service === dataServiceOf(service));
  if (envVar !== undefined) {
    const hit = mine.filter((r) => r.envVars.includes(envVar));
    if (hit.length === 1) return hit[0];
  }
  // One resource of the service in the app: the call can only mean that one (EventBridge's default bus too).
  return mine.length === 1 ? mine[0] : undefined;
}

function unwrapNew(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

/** `getter()`: a call of an identifier with no arguments. */
function isGetterCall(e: ts.Expression): e is ts.CallExpression & { expression: ts.Identifier } {
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.arguments.length === 0;
}

function unwrapParens(e: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(e) ? unwrapParens(e.expression) : e;
}

/**
 * A lazily built client: `() => (cache ??= <client>)` (or `||=`) whose cache is a module-level `let` used nowhere
 * else, so the getter can keep its name and hand out the Azure client instead.
 */
function lazyClient(sf: ts.SourceFile, initializer: ts.Expression): { init: ts.Expression; cache: ts.VariableDeclaration } | undefined {
  const fn = unwrapParens(initializer);
  if (!ts.isArrowFunction(fn) || fn.parameters.length > 0 || ts.isBlock(fn.body)) return undefined;
  const body = unwrapParens(fn.body);
  if (!ts.isBinaryExpression(body) || !ts.isIdentifier(body.left)) return undefined;
  const op = body.operatorToken.kind;
  if (op !== ts.SyntaxKind.QuestionQuestionEqualsToken && op !== ts.SyntaxKind.BarBarEqualsToken) return undefined;
  const cache = singleDeclaration(sf, body.left.text);
  if (!cache || cache.initializer || !ts.isVariableDeclarationList(cache.parent) || (cache.parent.flags & ts.NodeFlags.Let) === 0) return undefined;
  // The declaration and the getter's assignment: nothing else may read or write the cache.
  if (countIdentifiers(sf, body.left.text) !== 2) return undefined;
  return { init: body.right, cache };
}

export function analyzeSdkCalls(input: TransformInput): SdkAnalysis {
  const hit = cache.get(input.sf);
  if (hit) return hit;
  const { sf } = input;
  const resources = input.dataPlane ?? [];
  const imports = collectImports(sf);
  const exported = new Map<string, string>();
  for (const imp of imports) for (const [local, name] of imp.names) exported.set(local, name);
  const clients: SdkClient[] = [];
  const calls: SdkCall[] = [];
  const clientByName = new Map<string, SdkClient>();
  const visitClients = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.isVariableDeclarationList(n.parent) && ts.isVariableStatement(n.parent.parent)) {
      const lazy = lazyClient(sf, n.initializer);
      const built = lazy?.init ?? n.initializer;
      const init = unwrapNew(built);
      const base = { name: n.name.text, decl: n, init: built, ref: lazy ? `${n.name.text}()` : n.name.text, statement: n.parent.parent, ...(lazy?.cache ? { cache: lazy.cache } : {}) };
      let client: SdkClient | undefined;
      if (ts.isNewExpression(init) && ts.isIdentifier(init.expression)) {
        const service = CLIENT_SERVICE[exported.get(init.expression.text) ?? ''];
        if (service) client = { ...base, service, construct: init };
      } else if (ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && init.expression.name.text === 'from' && ts.isIdentifier(init.expression.expression)) {
        const arg = init.arguments[0] ? unwrapNew(init.arguments[0]) : undefined;
        const inner = arg && ts.isIdentifier(arg) ? clientByName.get(arg.text)?.construct : arg;
        if (exported.get(init.expression.expression.text) === 'DynamoDBDocumentClient' && inner && ts.isNewExpression(inner)) {
          client = { ...base, service: 'dynamodb-doc', construct: inner };
        }
      }
      if (client && !clientByName.has(client.name)) {
        clients.push(client);
        clientByName.set(client.name, client);
      }
    }
    n.forEachChild(visitClients);
  };
  visitClients(sf);
  const commandOf = (e: ts.Expression | undefined): { command: string; params?: ts.Expression; commandDecl?: ts.VariableDeclaration } | undefined => {
    if (!e) return undefined;
    const x = unwrapNew(e);
    if (ts.isIdentifier(x)) {
      // A command built first and sent later, used nowhere else.
      const decl = singleDeclaration(sf, x.text);
      const init = decl?.initializer;
      const inner = init && ts.isNewExpression(init) ? commandOf(init) : undefined;
      return inner && countIdentifiers(sf, x.text) === 2 ? { ...inner, commandDecl: decl } : undefined;
    }
    if (!ts.isNewExpression(x) || !ts.isIdentifier(x.expression)) return undefined;
    const name = exported.get(x.expression.text);
    return name && /Command$/.test(name) ? { command: name.replace(/Command$/, ''), params: x.arguments?.[0] } : undefined;
  };
  const visitCalls = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      let client: SdkClient | undefined;
      let cmd: ReturnType<typeof commandOf>;
      let presigned = false;
      let presignOptions: ts.Expression | undefined;
      if (ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'send' && ts.isIdentifier(n.expression.expression)) {
        client = clientByName.get(n.expression.expression.text);
        if (client?.cache) client = undefined; // the getter itself, not its client
        cmd = commandOf(n.arguments[0]);
      } else if (ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'send' && isGetterCall(n.expression.expression)) {
        client = clientByName.get(n.expression.expression.expression.text);
        if (!client?.cache) client = undefined;
        cmd = commandOf(n.arguments[0]);
      } else if (ts.isIdentifier(n.expression) && exported.get(n.expression.text) === 'getSignedUrl' && n.arguments[0] && ts.isIdentifier(n.arguments[0])) {
        client = clientByName.get(n.arguments[0].text);
        cmd = commandOf(n.arguments[1]);
        presigned = true;
        presignOptions = n.arguments[2];
      }
      if (client && cmd) {
        const envVar = resourceEnvVar(sf, client.service, cmd.command, cmd.params);
        const resource = pickResource(resources, client.service, envVar);
        calls.push({ client, command: cmd.command, call: n, params: cmd.params, commandDecl: cmd.commandDecl, presigned, presignOptions, envVar, resource });
      }
    }
    n.forEachChild(visitCalls);
  };
  visitCalls(sf);
  const out = { imports, clients, calls };
  cache.set(sf, out);
  return out;
}

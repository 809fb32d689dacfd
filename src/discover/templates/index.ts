// Offline discovery: SAM, CloudFormation and Serverless Framework templates → Inventory.
// Finds the templates, parses each one (positions kept), dispatches on its flavour, then sorts everything
// so the same files always give a byte-identical inventory, whatever the cwd.

import { statSync } from 'node:fs';
import path from 'node:path';
import { INVENTORY_SCHEMA_VERSION, type Inventory, type LambdaFunction } from '../../model/inventory.js';
import { checkSourceFile, MAX_TEMPLATE_BYTES, readInputFile, refusalError } from '../../util/contain.js';
import { MigrateError } from '../../util/errors.js';
import { compareStrings, sortBy } from '../../util/json.js';
import { collectCfnFunctions, collectRoles, warnDependencyCycles } from './cloudformation.js';
import { joinCfnResources } from './cfn-joins.js';
import { collectDataResources } from './data-resources.js';
import { asRecord, type Collected, functionId, locate, type TemplateContext } from './context.js';
import { type Candidate, isServerlessName, searchDirectory } from './find-templates.js';
import { IntrinsicResolver } from './intrinsics.js';
import { type ParsedFile, parseTemplateText } from './parse-template.js';
import { collectLayers, collectSamApis, collectSamFunctions } from './sam.js';
import { collectServerlessApis, collectServerlessFunctions } from './serverless.js';
import { ServerlessVariables } from './serverless-variables.js';

export interface TemplateDiscoverOptions {
  cwd: string;
  /** Directory of the inventory file; paths in the inventory are made relative to it. */
  outDir: string;
  includeValues: boolean;
  functionGlobs?: string[];
}

type Flavour = 'sam' | 'cloudformation' | 'serverless';

const NOT_A_TEMPLATE = 'not a SAM, CloudFormation or Serverless Framework template (no Resources, AWSTemplateFormatVersion, or service/provider)';

const posix = (p: string) => p.split(path.sep).join('/');

function commonRoot(paths: string[]): string {
  let root = paths[0]!;
  for (const p of paths.slice(1)) {
    while (root !== path.dirname(root) && !(p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep))) root = path.dirname(root);
  }
  return root;
}

export function flavourOf(file: string, body: unknown): Flavour | undefined {
  const b = asRecord(body);
  if (isServerlessName(file) || (b.service !== undefined && b.provider !== undefined)) return 'serverless';
  const resources = asRecord(b.Resources);
  const transform = JSON.stringify(b.Transform ?? '');
  if (transform.includes('AWS::Serverless-2016-10-31') || Object.values(resources).some((r) => {
    const type = asRecord(r).Type;
    return typeof type === 'string' && type.startsWith('AWS::Serverless::');
  })) return 'sam';
  if (b.AWSTemplateFormatVersion !== undefined || (b.Resources !== undefined && Object.keys(resources).length > 0)) return 'cloudformation';
  return undefined;
}

/** The stack-ish name of a template: its directory for `template.yaml`, else its file stem. */
function stackName(abs: string): string {
  const base = path.basename(abs).replace(/\.(ya?ml|json)$/i, '').replace(/\.template$/i, '');
  return /^template$/i.test(base) ? path.basename(path.dirname(abs)) : base;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

function makeContext(abs: string, root: string, parsed: ParsedFile, body: Record<string, unknown>, resources: Record<string, unknown>, out: Collected, includeValues: boolean, overrides?: Record<string, unknown>): TemplateContext {
  const file = posix(path.relative(root, abs));
  const conditions = asRecord(body.Conditions);
  const resolver = new IntrinsicResolver(
    { Parameters: body.Parameters, Mappings: body.Mappings, Conditions: body.Conditions, Resources: resources },
    {
      file,
      conditionPosition: (name) => parsed.positions.key(conditions, name),
      positionOf: (obj) => parsed.positions.of(obj),
      warn: (w) => out.warnings.push({ code: w.code, message: w.message, source: w.pos ? { file, line: w.pos.line, column: w.pos.column } : { file } }),
      overrides,
    },
  );
  const noEcho = new Set(Object.entries(asRecord(body.Parameters)).filter(([, p]) => asRecord(p).NoEcho === true || asRecord(p).NoEcho === 'true').map(([k]) => k));
  const ctx: TemplateContext = {
    file,
    dir: path.dirname(abs),
    root,
    positions: parsed.positions,
    resolver,
    body,
    resources: resources as Record<string, Record<string, unknown>>,
    env: { includeValues, noEchoParameters: noEcho },
    out,
  };
  for (const t of parsed.unknownTags) out.warnings.push({ code: 'template.unknown-tag', message: `unknown tag ${t.tag} kept as plain data`, source: { file, line: t.pos.line, column: t.pos.column } });
  return ctx;
}

function discoverCfn(abs: string, root: string, parsed: ParsedFile, flavour: 'sam' | 'cloudformation', out: Collected, includeValues: boolean): LambdaFunction[] {
  const body = asRecord(parsed.body);
  const ctx = makeContext(abs, root, parsed, body, asRecord(body.Resources), out, includeValues);
  // Evaluate every condition once up front so a circular one fails the template, with its position.
  for (const name of Object.keys(asRecord(body.Conditions))) ctx.resolver.condition(name);
  const fns = new Map<string, LambdaFunction>();
  const stack = stackName(abs);
  if (flavour === 'sam') collectSamFunctions(ctx, stack, fns);
  collectCfnFunctions(ctx, stack, fns);
  collectRoles(ctx);
  collectLayers(ctx);
  if (flavour === 'sam') collectSamApis(ctx, fns);
  joinCfnResources(ctx, fns);
  collectDataResources(ctx);
  warnDependencyCycles(ctx);
  out.stacks.push({ name: stack, templateAvailable: true, file: ctx.file });
  return [...fns.values()];
}

/** Serverless names functions in CloudFormation `<Key>LambdaFunction`, with `-`/`_` spelled out. */
const normalizedFunctionKey = (key: string) => `${key.charAt(0).toUpperCase()}${key.slice(1).replace(/-/g, 'Dash').replace(/_/g, 'Underscore')}LambdaFunction`;

function discoverServerless(abs: string, root: string, parsed: ParsedFile, out: Collected, includeValues: boolean): LambdaFunction[] {
  const raw = asRecord(parsed.body);
  const file = posix(path.relative(root, abs));
  const varWarn = (code: string, message: string) => out.warnings.push({ code, message, source: { file } });
  const probe = new ServerlessVariables({ config: raw, dir: path.dirname(abs), root, file, warn: () => {} });
  const rawProvider = asRecord(raw.provider);
  const stageV = rawProvider.stage === undefined ? undefined : probe.resolveDeep(rawProvider.stage);
  const stage = typeof stageV === 'string' ? stageV : 'dev';
  const regionV = rawProvider.region === undefined ? undefined : probe.resolveDeep(rawProvider.region);
  const region = typeof regionV === 'string' ? regionV : 'us-east-1';
  const positionOf = (keyPath: string) => {
    const segs = keyPath.split('.');
    let parent: unknown = raw;
    for (const seg of segs.slice(0, -1)) parent = asRecord(parent)[seg];
    return parsed.positions.key(parent, segs[segs.length - 1]!);
  };
  const vars = new ServerlessVariables({ config: raw, dir: path.dirname(abs), root, file, stage, region, warn: varWarn, positionOf });
  const config = asRecord(vars.resolveDeep(raw));
  const serviceV = typeof config.service === 'string' ? config.service : asRecord(config.service).name;
  const service = typeof serviceV === 'string' ? serviceV : path.basename(path.dirname(abs));
  const cfn = asRecord(config.resources);
  const resources = { ...asRecord(cfn.Resources) };
  const ctx = makeContext(abs, root, parsed, { ...cfn, Resources: resources }, resources, out, includeValues, { 'AWS::Region': region });
  const fns = new Map<string, LambdaFunction>();
  collectCfnFunctions(ctx, service, fns);
  const slsFns = collectServerlessFunctions(ctx, config, raw, { service, stage, region });
  collectServerlessApis(ctx, config, raw, { service, stage, region }, slsFns);
  collectRoles(ctx);
  for (const [name, layer] of Object.entries(asRecord(config.layers))) {
    const l = asRecord(layer);
    const p = typeof l.path === 'string' ? l.path : undefined;
    ctx.out.layers.push({
      id: functionId(ctx, name),
      name: typeof l.name === 'string' ? l.name : name,
      source: locate(ctx, raw.layers, name, name),
      ...(p ? { contentPath: posix(path.relative(root, path.resolve(ctx.dir, p))) } : {}),
      ...(Array.isArray(l.compatibleRuntimes) ? { compatibleRuntimes: l.compatibleRuntimes.filter((x): x is string => typeof x === 'string') } : {}),
    });
  }
  // Resources may refer to Serverless functions by their generated logical ids.
  for (const fn of slsFns) {
    const key = fn.source?.logicalId ?? fn.name;
    const logical = normalizedFunctionKey(key);
    if (!(logical in resources)) resources[logical] = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: fn.name } };
    fns.set(logical, fn);
  }
  joinCfnResources(ctx, fns);
  collectDataResources(ctx);
  out.stacks.push({ name: service, templateAvailable: true, file });
  return [...new Set(fns.values())];
}

async function readCandidate(c: Candidate, root: string): Promise<ParsedFile> {
  const file = posix(path.relative(root, c.abs)) || path.basename(c.abs);
  // Found by the directory search: the real path must stay under the root. Named on the command line: any
  // regular file. Either way bounded in size and time.
  if (!c.explicit) {
    const check = checkSourceFile(root, c.abs, MAX_TEMPLATE_BYTES);
    if (!check.ok) throw refusalError(check, file);
  }
  return parseTemplateText(await readInputFile(c.abs, file), file);
}

export async function discoverTemplates(inputs: string[], opts: TemplateDiscoverOptions): Promise<Inventory> {
  const absInputs = inputs.map((i) => path.resolve(opts.cwd, i));
  const candidates: Candidate[] = [];
  const rootParts: string[] = [];
  for (let i = 0; i < absInputs.length; i++) {
    const abs = absInputs[i]!;
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      throw new MigrateError('input.not-found', 'no such file or directory', { file: inputs[i], hint: 'give a template file or a directory holding templates' });
    }
    if (isDir) {
      const found = searchDirectory(abs);
      if (found.length === 0) {
        throw new MigrateError('input.not-found', 'no SAM, CloudFormation or Serverless Framework templates found in this directory', { file: inputs[i], hint: 'expected template.yaml, *.template.json, serverless.yml or a CloudFormation file' });
      }
      candidates.push(...found);
      rootParts.push(abs);
    } else {
      candidates.push({ abs, explicit: true, byName: true });
      rootParts.push(path.dirname(abs));
    }
  }
  const root = commonRoot(rootParts);
  const out: Collected = { functions: [], roles: [], layers: [], apis: [], warnings: [], stacks: [], dataResources: [] };
  const seen = new Set<string>();
  let usable = 0;
  let firstSkipped: string | undefined;
  try {
    for (const c of candidates) {
    if (seen.has(c.abs)) continue;
    seen.add(c.abs);
    const file = posix(path.relative(root, c.abs));
      let parsed: ParsedFile;
      try {
        parsed = await readCandidate(c, root);
      } catch (e) {
        // A file found only because its text mentions a Lambda type may not be a template at all (a test
        // snapshot, JSON with comments): skip it loudly. Files named like templates fail the run instead.
        if (c.byName || !(e instanceof MigrateError)) throw e;
        out.warnings.push({ code: 'template.unparseable', message: `mentions CloudFormation types but does not parse (${e.message}); skipped`, source: { file, line: e.line, column: e.column } });
        continue;
      }
      const flavour = flavourOf(c.abs, parsed.body);
      if (!flavour) {
        if (c.explicit) throw new MigrateError('input.unsupported', NOT_A_TEMPLATE, { file, line: 1, column: 1 });
        if (c.byName) out.warnings.push({ code: 'template.unsupported', message: 'named like a template but has no Resources or service/provider; skipped', source: { file, line: 1, column: 1 } });
        firstSkipped ??= file;
        continue;
      }
      usable++;
      const fns = flavour === 'serverless' ? discoverServerless(c.abs, root, parsed, out, opts.includeValues) : discoverCfn(c.abs, root, parsed, flavour, out, opts.includeValues);
      if (fns.length === 0) out.warnings.push({ code: 'template.no-functions', message: `no Lambda functions in this ${flavour} template`, source: { file } });
      out.functions.push(...fns);
    }
    if (usable === 0) throw new MigrateError('input.unsupported', NOT_A_TEMPLATE, { file: firstSkipped, line: 1, column: 1 });
  } catch (e) {
    // Name files as the user can open them: relative to the working directory, not to the discovery root.
    if (e instanceof MigrateError && e.file !== undefined) {
      const shown = posix(path.relative(opts.cwd, path.resolve(root, e.file))) || e.file;
      throw new MigrateError(e.code, e.message, { file: shown, line: e.line, column: e.column, hint: e.hint, cause: e.cause });
    }
    throw e;
  }
  return assemble(out, { absInputs, root, opts });
}

function dedupeById<T extends { id: string }>(items: T[]): T[] {
  const m = new Map<string, T>();
  for (const i of items) if (!m.has(i.id)) m.set(i.id, i);
  return sortBy([...m.values()], (x) => x.id);
}

function assemble(out: Collected, a: { absInputs: string[]; root: string; opts: TemplateDiscoverOptions }): Inventory {
  const globs = (a.opts.functionGlobs ?? []).map(globToRegExp);
  let functions = out.functions;
  if (globs.length > 0) functions = functions.filter((f) => globs.some((g) => g.test(f.name)));
  functions = sortBy(functions, (f) => f.id).map((f) => ({ ...f, triggers: sortBy(f.triggers, (t) => t.id) }));
  const warnings = [...out.warnings]
    .map((w) => ({ w, key: [w.source?.file ?? '', String(w.source?.line ?? 0).padStart(8, '0'), String(w.source?.column ?? 0).padStart(6, '0'), w.code, w.message, w.subject ?? ''] }))
    .sort((x, y) => {
      for (let i = 0; i < x.key.length; i++) {
        const c = compareStrings(x.key[i]!, y.key[i]!);
        if (c !== 0) return c;
      }
      return 0;
    })
    .map((x) => x.w)
    .filter((w, i, arr) => i === 0 || JSON.stringify(w) !== JSON.stringify(arr[i - 1]));
  const rootRel = posix(path.relative(path.resolve(a.opts.outDir), a.root)) || '.';
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    source: {
      kind: 'templates',
      paths: [...new Set(a.absInputs.map((p) => posix(path.relative(a.root, p)) || '.'))].sort(compareStrings),
      root: rootRel,
      includeValues: a.opts.includeValues,
    },
    functions,
    roles: dedupeById(out.roles),
    layers: dedupeById(out.layers),
    apis: dedupeById(out.apis),
    stacks: sortBy(out.stacks, (s) => `${s.file ?? ''}|${s.name}`),
    ...(out.dataResources.length > 0 ? { dataResources: dedupeById(out.dataResources) } : {}),
    warnings,
  };
}

// Function properties common to AWS::Serverless::Function and AWS::Lambda::Function → the inventory's
// LambdaFunction fields (runtime, handler, sizing, environment, networking, logging, async config).

import path from 'node:path';
import type { FileSystemMount, LambdaFunction, LoggingInfo, Resolvable } from '../../model/inventory.js';
import { type ClassifyOptions, classifyEnvironment, secretValueReason } from '../environment.js';
import { asArray, asRecord, functionId, locate, relToRoot, type TemplateContext, warn } from './context.js';
import { dirExists, fileExists, imageLanguageFromDockerfile, isGoCodeDir, resolveHandler } from './handler.js';
import { display, toPlain } from './symbolic.js';
import { mapRuntime } from './runtime.js';

export interface CodeLocation {
  /** Absolute code directory when the code is local. */
  dir?: string;
  /** Absolute path of the one source file CodeUri names (SAM packages that file alone); `dir` is its directory. */
  file?: string;
  /** Absolute path of a built archive CodeUri names (`.zip`, `.jar`): there is no source to read. */
  archive?: string;
  repositoryType: 'Zip' | 'S3' | 'ECR' | 'Inline';
  imageUri?: Resolvable;
  /** Inline handler source (SAM `InlineCode`, CloudFormation `Code.ZipFile`) when it is a literal. */
  inline?: string;
}

/** Inline code above this size is not carried (CloudFormation's own limit is 4 KB for ZipFile). */
const MAX_INLINE_BYTES = 64 * 1024;
const ARCHIVE = /\.(zip|jar|war)$/i;

/** A local CodeUri/Code path: a directory, a single source file, or a built archive. */
export function localCode(ctx: TemplateContext, codeUri: string): CodeLocation {
  const abs = path.resolve(ctx.dir, codeUri);
  if (ARCHIVE.test(codeUri) && !dirExists(abs)) return { repositoryType: 'Zip', archive: abs };
  if (fileExists(abs)) return { repositoryType: 'Zip', dir: path.dirname(abs), file: abs };
  return { repositoryType: 'Zip', dir: abs };
}

/** Inline code: the literal text (bounded), else only the repository type. */
export function inlineCode(ctx: TemplateContext, raw: unknown): CodeLocation {
  const text = ctx.resolver.literal(raw);
  return text !== undefined && Buffer.byteLength(text) <= MAX_INLINE_BYTES ? { repositoryType: 'Inline', inline: text } : { repositoryType: 'Inline' };
}

/** Environment values: strings, numbers and booleans as text, intrinsics resolved or symbolic. */
export function environmentValues(ctx: TemplateContext, variables: unknown): Record<string, Resolvable> {
  const out: Record<string, Resolvable> = {};
  for (const [name, raw] of Object.entries(asRecord(variables))) {
    const v = ctx.resolver.str(raw);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** Classifier options for one function's variables: the intrinsic parts of each raw value are followed. */
export function envOptions(ctx: TemplateContext, variables: unknown): ClassifyOptions {
  const raw = asRecord(variables);
  return { ...ctx.env, partsOf: (name) => (name in raw ? ctx.resolver.parts(raw[name]) : undefined) };
}

export function tagsOf(ctx: TemplateContext, raw: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  // CloudFormation tags are a list of {Key, Value}; SAM and Serverless use a map.
  if (Array.isArray(raw)) {
    for (const t of raw) {
      const k = ctx.resolver.literal(asRecord(t).Key);
      if (k !== undefined) tags[k] = display(ctx.resolver.str(asRecord(t).Value) ?? '');
    }
  } else {
    for (const [k, v] of Object.entries(asRecord(raw))) tags[k] = typeof v === 'string' ? v : display(ctx.resolver.str(v) ?? '');
  }
  for (const [k, v] of Object.entries(tags)) {
    const reason = secretValueReason(String(v));
    tags[k] = reason ? `[redacted: ${reason}]` : String(v);
  }
  return tags;
}


export interface BaseFunctionInput {
  ctx: TemplateContext;
  logicalId: string;
  /** The resource (or Serverless function) mapping, for its key position. */
  container: Record<string, unknown>;
  props: Record<string, unknown>;
  /** The function's own properties before a Globals merge (they carry positions; merged ones do not). */
  ownProps?: Record<string, unknown>;
  code: CodeLocation;
  name: string;
  stack: string;
  /** SAM esbuild entry points (relative to the code dir). */
  entryPoints?: string[];
  /** The property naming the code (CodeUri, Code), for warnings about it. */
  codeKey?: string;
}

/** The fields every template flavour fills the same way; the caller adds triggers, role, aliases and extras. */
export function baseFunction(b: BaseFunctionInput): LambdaFunction {
  const { ctx, props } = b;
  const r = ctx.resolver;
  const id = functionId(ctx, b.logicalId);
  const packageType = r.literal(props.PackageType) === 'Image' ? 'Image' : 'Zip';
  const runtimeId = r.literal(props.Runtime);
  const { info: runtime, known } = mapRuntime(packageType === 'Image' ? runtimeId : (runtimeId ?? undefined));
  const source = locate(ctx, b.container, b.logicalId, b.logicalId);
  const own = b.ownProps ?? props;
  // Point at the property when the function sets it, else at the function (the value came from Globals).
  const at = (key: string) => (key in own ? { obj: own, key } : { obj: b.container, key: b.logicalId });
  if (!known) {
    warn(ctx, 'runtime.unknown', `runtime ${runtimeId} is not a Lambda runtime id (language recorded as unknown)`, { ...at('Runtime'), subject: id, logicalId: b.logicalId });
  } else if (runtime.deprecated) {
    warn(ctx, 'runtime.deprecated', `runtime ${runtimeId} is deprecated by AWS`, { ...at('Runtime'), subject: id, logicalId: b.logicalId });
  }
  if (packageType === 'Zip' && runtimeId === undefined && props.Runtime !== undefined) {
    warn(ctx, 'runtime.unresolved', `runtime is not a literal (${display(r.str(props.Runtime))})`, { ...at('Runtime'), subject: id });
  }
  if (runtime.language === 'custom' && b.code.dir && isGoCodeDir(b.code.dir)) {
    runtime.language = 'go';
  }
  if (packageType === 'Image' && runtime.language === 'unknown' && b.code.dir) {
    const fromImage = imageLanguageFromDockerfile(b.code.dir, ctx.root);
    if (fromImage) Object.assign(runtime, fromImage);
  }

  const fn: LambdaFunction = {
    id,
    name: b.name,
    source,
    stack: b.stack,
    runtime,
    packageType,
    memorySize: r.num(props.MemorySize) ?? 128,
    timeout: r.num(props.Timeout) ?? 3,
    architecture: asArray(r.resolve(props.Architectures))[0] === 'arm64' ? 'arm64' : 'x86_64',
    ephemeralStorage: r.num(asRecord(props.EphemeralStorage).Size) ?? 512,
    environment: classifyEnvironment(environmentValues(ctx, asRecord(props.Environment).Variables), envOptions(ctx, asRecord(props.Environment).Variables)),
    layers: r.list(props.Layers),
    fileSystems: [],
    aliases: [],
    tags: {},
    triggers: [],
  };
  const description = r.literal(props.Description);
  if (description) fn.description = description;

  // Code and handler
  const code: LambdaFunction['code'] = { repositoryType: b.code.repositoryType };
  if (b.code.file ?? b.code.dir) code.path = relToRoot(ctx, b.code.file ?? b.code.dir!);
  if (b.code.archive) code.archive = relToRoot(ctx, b.code.archive);
  if (b.code.imageUri !== undefined) code.imageUri = b.code.imageUri;
  fn.code = code;
  const rawHandler = r.literal(props.Handler);
  if (rawHandler !== undefined && packageType === 'Zip') {
    if (b.code.dir && b.code.repositoryType === 'Zip') {
      const { handler, missing, legacyStyle, refused } = resolveHandler({ raw: rawHandler, language: runtime.language, codeDir: b.code.dir, root: ctx.root, entryPoints: b.entryPoints });
      // CodeUri naming one file: that file is the whole package, so the handler must be it.
      const outside = b.code.file !== undefined && handler.file !== undefined && handler.file !== relToRoot(ctx, b.code.file);
      fn.handler = outside ? { raw: handler.raw, ...(handler.export ? { export: handler.export } : {}), exists: false } : handler;
      if (legacyStyle && !outside) warnLegacyStyle(ctx, legacyStyle, handler.file ?? rawHandler, { ...at('Handler'), subject: id, logicalId: b.logicalId });
      if (missing || outside) {
        warn(ctx, 'handler.missing-file', `handler ${rawHandler} has no source file ${b.code.file ? `in ${relToRoot(ctx, b.code.file)} (CodeUri names that one file)` : `under ${relToRoot(ctx, b.code.dir)}`}${refused ? ` (refused: ${refused})` : ''}`, { ...at('Handler'), subject: id, logicalId: b.logicalId });
      }
    } else if (b.code.archive) {
      fn.handler = { raw: rawHandler, export: rawHandler.slice(rawHandler.lastIndexOf('.') + 1) };
      warn(ctx, 'code.archive', `the code is a built archive (${relToRoot(ctx, b.code.archive)}); its source is not read, so the function is converted by hand`, { ...at(b.codeKey ?? 'Handler'), subject: id, logicalId: b.logicalId });
    } else if (b.code.inline !== undefined && (runtime.language === 'nodejs' || runtime.language === 'python')) {
      // Lambda writes inline code to index.js / index.py; the handler's module name must be `index`.
      const dot = rawHandler.lastIndexOf('.');
      const moduleName = dot > 0 ? rawHandler.slice(0, dot) : 'index';
      const ext = runtime.language === 'python' ? 'py' : 'js';
      const file = relToRoot(ctx, path.join(ctx.dir, 'inline-code', b.logicalId, `${moduleName}.${ext}`));
      fn.handler = { raw: rawHandler, file, export: dot > 0 ? rawHandler.slice(dot + 1) : 'handler', exists: true };
      code.inline = b.code.inline;
    } else {
      fn.handler = { raw: rawHandler, export: rawHandler.includes('::') ? rawHandler : rawHandler.slice(rawHandler.lastIndexOf('.') + 1) };
    }
  } else if (packageType === 'Image') {
    const cmd = asArray(r.resolve(asRecord(props.ImageConfig).Command));
    if (typeof cmd[0] === 'string') fn.handler = { raw: cmd[0] };
  }

  const kms = r.str(props.KmsKeyArn);
  if (kms !== undefined) fn.kmsKeyArn = kms;
  const vpc = asRecord(props.VpcConfig);
  if (props.VpcConfig !== undefined) {
    fn.vpc = { subnetIds: r.list(vpc.SubnetIds), securityGroupIds: r.list(vpc.SecurityGroupIds) };
    const dual = r.bool(vpc.Ipv6AllowedForDualStack);
    if (dual !== undefined) fn.vpc.ipv6AllowedForDualStack = dual;
  }
  for (const fs of asArray(props.FileSystemConfigs)) {
    const m: FileSystemMount = { arn: r.str(asRecord(fs).Arn) ?? { symbol: 'unknown-file-system' }, localMountPath: r.literal(asRecord(fs).LocalMountPath) ?? '' };
    fn.fileSystems.push(m);
  }
  const logging = loggingOf(ctx, props.LoggingConfig);
  if (logging) fn.logging = logging;
  const reserved = r.num(props.ReservedConcurrentExecutions);
  if (reserved !== undefined) fn.reservedConcurrency = reserved;
  if (r.literal(asRecord(props.SnapStart).ApplyOn) === 'PublishedVersions') fn.snapStart = true;
  if (props.CodeSigningConfigArn !== undefined) fn.codeSigning = true;
  const extras: Record<string, unknown> = {};
  for (const key of ['DurableConfig', 'CapacityProviderConfig', 'TenancyConfig', 'RecursiveLoop', 'RuntimeManagementConfig']) {
    if (props[key] !== undefined) extras[key] = toPlain(r.resolve(props[key]));
  }
  if (Object.keys(extras).length > 0) fn.extras = extras;
  return fn;
}

export function loggingOf(ctx: TemplateContext, raw: unknown): LoggingInfo | undefined {
  if (raw === undefined) return undefined;
  const l = asRecord(raw);
  const r = ctx.resolver;
  const out: LoggingInfo = {};
  const fmt = r.literal(l.LogFormat);
  if (fmt === 'JSON' || fmt === 'Text') out.logFormat = fmt;
  const app = r.literal(l.ApplicationLogLevel);
  if (app) out.applicationLogLevel = app;
  const sys = r.literal(l.SystemLogLevel);
  if (sys) out.systemLogLevel = sys;
  const group = r.str(l.LogGroup);
  if (group !== undefined) out.logGroup = display(group);
  return out;
}

export function applyAsyncConfig(ctx: TemplateContext, fn: LambdaFunction, cfg: Record<string, unknown>): void {
  const r = ctx.resolver;
  const out: NonNullable<LambdaFunction['asyncInvoke']> = fn.asyncInvoke ?? {};
  const retries = r.num(cfg.MaximumRetryAttempts);
  if (retries !== undefined) out.maximumRetryAttempts = retries;
  const age = r.num(cfg.MaximumEventAgeInSeconds);
  if (age !== undefined) out.maximumEventAgeInSeconds = age;
  const dest = asRecord(cfg.DestinationConfig);
  const onSuccess = r.str(asRecord(dest.OnSuccess).Destination);
  const onFailure = r.str(asRecord(dest.OnFailure).Destination);
  if (onSuccess !== undefined || onFailure !== undefined) {
    out.destinations = {};
    if (onSuccess !== undefined) out.destinations.onSuccess = onSuccess;
    if (onFailure !== undefined) out.destinations.onFailure = onFailure;
  }
  if (Object.keys(out).length > 0) fn.asyncInvoke = out;
}

export function warnLegacyStyle(ctx: TemplateContext, style: 'callback' | 'context-methods', file: string, where: Parameters<typeof warn>[3]): void {
  const how = style === 'callback' ? 'completes through a callback (event, context, callback)' : 'uses context.succeed/fail/done';
  warn(ctx, 'handler.callback-style', `${file} ${how}; Node.js 24 runs only async handlers`, where);
}

// What a generated Node.js app depends on, and the compiler options it keeps: the user's package.json ranges, pinned
// to the exact versions their lockfile resolved (so peer-dependency conflicts resolve the way they did on AWS), SDK v3
// clients the Lambda runtime preinstalled (imported but never declared), the type packages the code imports, and the
// user's tsconfig compiler options that decide what type-checks. Every version the generator adds comes from
// VERSIONS, the one table of pinned versions.

import type { ConversionReport } from '../../model/conversion.js';

/** Exact versions of every package the generator itself adds (no ranges: the build is reproducible). */
export const VERSIONS = {
  '@azure/functions': '4.16.5',
  typescript: '5.9.3',
  /** The Node.js 22 runtime's types. */
  '@types/node': '22.20.7',
  '@types/aws-lambda': '8.10.164',
  /** AWS SDK for JavaScript v3 clients the code imports without declaring them (the Lambda runtime ships them). */
  '@aws-sdk/*': '3.1169.0',
  // The Azure SDK packages the migrate-runtime data-plane modules need, and the data-plane tests' stand-ins.
  '@azure/identity': '4.14.1',
  '@aws-sdk/credential-providers': '3.1169.0',
  '@azure/storage-blob': '12.34.0',
  '@azure/cosmos': '4.10.1',
  '@azure/eventgrid': '5.12.0',
  '@azure/service-bus': '7.9.5',
  '@azure/storage-queue': '12.32.0',
  '@azure/keyvault-secrets': '4.12.0',
  '@aws-sdk/client-dynamodb': '3.1164.0',
  '@aws-sdk/client-eventbridge': '3.1169.0',
  '@aws-sdk/client-s3': '3.1169.0',
  '@aws-sdk/client-secrets-manager': '3.1164.0',
  '@aws-sdk/client-sns': '3.1169.0',
  '@aws-sdk/client-sqs': '3.1169.0',
  '@aws-sdk/client-ssm': '3.1169.0',
  '@vercel/cosmosdb-server': '1.0.1',
  azurite: '3.37.0',
} as const;

/** `{ name: exact version }` for packages of the table. */
export function pinned(...names: (keyof typeof VERSIONS)[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, VERSIONS[n]]));
}

/** SDK v3 clients whose releases stopped before VERSIONS['@aws-sdk/*'] (the service was retired): their last version. */
const SDK_FINAL_VERSIONS: Record<string, string> = {
  '@aws-sdk/client-qldb': '3.918.0',
  '@aws-sdk/client-qldb-session': '3.918.0',
};

const BUILTINS = new Set(['assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto', 'dgram', 'diagnostics_channel', 'dns', 'domain', 'events', 'fs', 'http', 'http2', 'https', 'inspector', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'punycode', 'querystring', 'readline', 'repl', 'stream', 'string_decoder', 'timers', 'tls', 'trace_events', 'tty', 'url', 'util', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib']);

/** Package names a module imports or requires (bare specifiers; `node:` and built-ins excluded), `aws-lambda` included. */
export function bareImports(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s+|\brequire\(\s*|\bimport\(\s*)['"]([^'"./][^'"]*)['"]/g)) {
    const spec = m[1]!;
    if (spec.startsWith('node:')) continue;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    if (!BUILTINS.has(name)) out.add(name);
  }
  return [...out];
}

interface PackageManifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  overrides?: Record<string, unknown>;
}

/** What the app's package.json gets from the user's project and code. */
export interface AppDependencies {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  overrides?: Record<string, unknown>;
}

/**
 * Collects dependencies over an app's files: `manifests` (package.json texts), `locks` (package-lock.json texts),
 * `imports` (bare package names the code imports). The lockfile's resolved version wins over the manifest's range.
 */
export function appDependencies(
  files: { manifests: [string, string][]; locks: [string, string][]; imports: Set<string> },
  warnings: ConversionReport['warnings'],
): AppDependencies {
  const declared: Record<string, string> = {};
  const declaredDev: Record<string, string> = {};
  let overrides: Record<string, unknown> | undefined;
  for (const [file, text] of files.manifests) {
    let pkg: PackageManifest;
    try {
      pkg = JSON.parse(text) as PackageManifest;
    } catch {
      warnings.push({ code: 'convert.package-json', message: `${file} is not valid JSON; its dependencies were not carried over`, file });
      continue;
    }
    Object.assign(declared, stringRecord(pkg.dependencies));
    Object.assign(declaredDev, stringRecord(pkg.devDependencies));
    if (pkg.overrides && typeof pkg.overrides === 'object') overrides = { ...overrides, ...pkg.overrides };
  }
  const resolved = new Map<string, string>();
  for (const [file, text] of files.locks) {
    try {
      const lock = JSON.parse(text) as { packages?: Record<string, { version?: unknown }>; dependencies?: Record<string, { version?: unknown }> };
      for (const [key, entry] of Object.entries(lock.packages ?? {})) {
        const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key);
        if (m && typeof entry?.version === 'string') resolved.set(m[1]!, entry.version);
      }
      for (const [name, entry] of Object.entries(lock.dependencies ?? {})) if (typeof entry?.version === 'string' && !resolved.has(name)) resolved.set(name, entry.version);
    } catch {
      warnings.push({ code: 'convert.package-lock', message: `${file} is not valid JSON; dependency versions come from package.json ranges`, file });
    }
  }
  const pin = (name: string, range: string) => (/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(resolved.get(name) ?? '') && !/^(file|link|git|github|https?):/.test(range) ? resolved.get(name)! : range);

  const dependencies: Record<string, string> = {};
  for (const [name, range] of Object.entries(declared)) if (name !== 'aws-lambda' && !name.startsWith('@types/')) dependencies[name] = pin(name, range);
  for (const name of files.imports) {
    if (name === 'aws-lambda' || dependencies[name] !== undefined) continue;
    if (declaredDev[name] !== undefined) dependencies[name] = pin(name, declaredDev[name]);
    else if (name.startsWith('@aws-sdk/')) dependencies[name] = resolved.get(name) ?? SDK_FINAL_VERSIONS[name] ?? VERSIONS['@aws-sdk/*'];
    else {
      dependencies[name] = resolved.get(name) ?? '*';
      warnings.push({ code: 'convert.undeclared-dependency', message: `${name} is imported but not declared in package.json; added as "${dependencies[name]}": pin the version the Lambda package shipped` });
    }
  }
  // Type packages: @types/aws-lambda for any aws-lambda import (also `aws-lambda/trigger/...`), and the user's
  // @types/<pkg> for every package the code imports.
  const devDependencies: Record<string, string> = { '@types/node': VERSIONS['@types/node'], typescript: VERSIONS.typescript };
  if (files.imports.has('aws-lambda')) devDependencies['@types/aws-lambda'] = pin('@types/aws-lambda', declaredDev['@types/aws-lambda'] ?? declared['@types/aws-lambda'] ?? VERSIONS['@types/aws-lambda']);
  for (const name of files.imports) {
    const types = `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;
    const range = declaredDev[types] ?? declared[types];
    if (range !== undefined && types !== '@types/node') devDependencies[types] = pin(types, range);
  }
  if (files.locks.length === 0 && Object.keys(declared).length > 0) {
    warnings.push({ code: 'convert.no-lockfile', message: 'the Lambda code has no package-lock.json: dependency ranges come from package.json; run npm install in the app and commit the lockfile it writes' });
  }
  return { dependencies, devDependencies, ...(overrides ? { overrides } : {}) };
}

function stringRecord(r: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (r && typeof r === 'object') for (const [k, v] of Object.entries(r)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Compiler options of the user's tsconfig that decide what type-checks (strictness, decorators, JSX, lib). */
const KEPT_OPTIONS = [
  'strict', 'noImplicitAny', 'strictNullChecks', 'strictFunctionTypes', 'strictBindCallApply', 'strictPropertyInitialization',
  'noImplicitThis', 'useUnknownInCatchVariables', 'alwaysStrict', 'noImplicitReturns', 'noImplicitOverride', 'noUnusedLocals',
  'noUnusedParameters', 'exactOptionalPropertyTypes', 'noUncheckedIndexedAccess', 'noFallthroughCasesInSwitch',
  'noPropertyAccessFromIndexSignature', 'allowUnreachableCode', 'allowUnusedLabels', 'experimentalDecorators',
  'emitDecoratorMetadata', 'useDefineForClassFields', 'jsx', 'jsxFactory', 'jsxFragmentFactory', 'jsxImportSource', 'lib',
  'allowSyntheticDefaultImports', 'downlevelIteration',
];

/**
 * The user's compiler options worth keeping, from their tsconfig text (JSON with comments, parsed by TypeScript's
 * own reader); `extends` is not followed (a warning says so). Undefined when there is no usable tsconfig.
 */
export async function userCompilerOptions(file: string, text: string, warnings: ConversionReport['warnings']): Promise<Record<string, unknown> | undefined> {
  const { default: ts } = await import('./ts-compiler.js');
  const parsed = ts.parseConfigFileTextToJson(file, text);
  if (parsed.error || !parsed.config || typeof parsed.config !== 'object') {
    warnings.push({ code: 'convert.tsconfig', message: `${file} could not be read; the generated tsconfig uses strict defaults`, file });
    return undefined;
  }
  const config = parsed.config as { extends?: unknown; compilerOptions?: Record<string, unknown> };
  if (config.extends !== undefined) warnings.push({ code: 'convert.tsconfig-extends', message: `${file} extends ${JSON.stringify(config.extends)}; only its own compiler options were kept`, file });
  const out: Record<string, unknown> = {};
  for (const key of KEPT_OPTIONS) if (config.compilerOptions && key in config.compilerOptions) out[key] = config.compilerOptions[key];
  return out;
}

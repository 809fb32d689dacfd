// FunctionFacts (what the Lambda API said) + triggers + log retention → the Inventory's LambdaFunction.
// Volatile fields (LastModified, RevisionId, CodeSha256, presigned code URLs, ESM UUIDs) are left out on purpose.

import type { AliasInfo, AsyncInvokeConfig, LambdaFunction, LoggingInfo, Trigger } from '../../model/inventory.js';
import { compareStrings, sortBy } from '../../util/json.js';
import { classifyEnvironment } from '../environment.js';
import { parseArn } from './arn.js';
import type { FunctionFacts } from './collect-functions.js';
import { runtimeInfo } from './runtime-info.js';

/** The exported symbol of a `file.export` handler (Node, Python, Ruby); Java/.NET handlers are kept whole. */
function handlerExport(raw: string, language: string): string | undefined {
  if (raw.includes('::')) return raw.slice(raw.indexOf('::') + 2) || undefined;
  if (!['nodejs', 'python', 'ruby'].includes(language)) return undefined;
  const dot = raw.lastIndexOf('.');
  return dot > 0 ? raw.slice(dot + 1) : undefined;
}

function defined<T extends object>(o: T): T | undefined {
  return Object.values(o).some((v) => v !== undefined) ? o : undefined;
}

export function assembleFunction(f: FunctionFacts, triggers: readonly Trigger[], retention: Map<string, number | null> | undefined, includeValues: boolean): LambdaFunction {
  const c = f.config;
  const arn = parseArn(f.arn);
  const runtime = runtimeInfo(c.Runtime);
  const packageType = c.PackageType === 'Image' ? 'Image' : 'Zip';
  const tags = Object.fromEntries(Object.entries(f.tags ?? {}).sort(([a], [b]) => compareStrings(a, b)));
  const fn: LambdaFunction = {
    id: f.arn,
    name: f.name,
    arn: f.arn,
    region: arn?.region,
    account: arn?.account,
    description: c.Description || undefined,
    runtime,
    packageType,
    memorySize: c.MemorySize ?? 128,
    timeout: c.Timeout ?? 3,
    architecture: c.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
    ephemeralStorage: c.EphemeralStorage?.Size ?? 512,
    environment: classifyEnvironment(c.Environment?.Variables, { includeValues }),
    kmsKeyArn: c.KMSKeyArn,
    layers: (c.Layers ?? []).flatMap((l) => (l.Arn ? [l.Arn] : [])),
    fileSystems: sortBy(
      (c.FileSystemConfigs ?? []).flatMap((m) => (m.Arn && m.LocalMountPath ? [{ arn: m.Arn, localMountPath: m.LocalMountPath }] : [])),
      (m) => m.localMountPath,
    ),
    tracing: c.TracingConfig?.Mode === 'Active' ? 'Active' : c.TracingConfig?.Mode === 'PassThrough' ? 'PassThrough' : undefined,
    deadLetter: c.DeadLetterConfig?.TargetArn,
    reservedConcurrency: f.reservedConcurrency,
    aliases: f.aliases.map((a): AliasInfo => {
      const alias: AliasInfo = { name: a.Name ?? '' };
      if (a.FunctionVersion) alias.functionVersion = a.FunctionVersion;
      const w = a.RoutingConfig?.AdditionalVersionWeights;
      if (w && Object.keys(w).length > 0) alias.additionalVersionWeights = Object.fromEntries(Object.entries(w).sort(([x], [y]) => compareStrings(x, y)));
      return alias;
    }),
    tags,
    roleRef: c.Role,
    triggers: sortBy(triggers, (t) => `${t.kind}\u0000${t.id}`),
  };
  if (c.Handler) fn.handler = { raw: c.Handler, export: handlerExport(c.Handler, runtime.language) };
  fn.code = defined({ repositoryType: f.code?.RepositoryType === 'ECR' ? 'ECR' : f.code?.RepositoryType === 'S3' ? 'S3' : undefined, imageUri: f.code?.ImageUri, size: c.CodeSize || undefined });
  const stack = tags['aws:cloudformation:stack-name'];
  if (stack) fn.stack = stack;
  const logicalId = tags['aws:cloudformation:logical-id'];
  if (logicalId) fn.source = { logicalId };
  const vpc = c.VpcConfig;
  if (vpc?.SubnetIds?.length) {
    fn.vpc = { subnetIds: [...vpc.SubnetIds].sort(), securityGroupIds: [...(vpc.SecurityGroupIds ?? [])].sort() };
    if (vpc.Ipv6AllowedForDualStack) fn.vpc.ipv6AllowedForDualStack = true;
  }
  const logGroup = c.LoggingConfig?.LogGroup ?? `/aws/lambda/${f.name}`;
  const logging: LoggingInfo = { logGroup };
  if (c.LoggingConfig?.LogFormat) logging.logFormat = c.LoggingConfig.LogFormat === 'JSON' ? 'JSON' : 'Text';
  if (c.LoggingConfig?.ApplicationLogLevel) logging.applicationLogLevel = c.LoggingConfig.ApplicationLogLevel;
  if (c.LoggingConfig?.SystemLogLevel) logging.systemLogLevel = c.LoggingConfig.SystemLogLevel;
  if (retention) {
    logging.retentionKnown = true;
    const days = retention.get(logGroup);
    if (typeof days === 'number') logging.retentionInDays = days;
  } else {
    logging.retentionKnown = false;
  }
  fn.logging = logging;
  if (f.eventInvoke) {
    const e = f.eventInvoke;
    const asyncInvoke: AsyncInvokeConfig = { maximumRetryAttempts: e.MaximumRetryAttempts, maximumEventAgeInSeconds: e.MaximumEventAgeInSeconds };
    const destinations = defined({ onSuccess: e.DestinationConfig?.OnSuccess?.Destination, onFailure: e.DestinationConfig?.OnFailure?.Destination });
    if (destinations) asyncInvoke.destinations = destinations;
    fn.asyncInvoke = asyncInvoke;
  }
  const provisioned = f.provisioned.reduce((n, p) => n + (p.RequestedProvisionedConcurrentExecutions ?? 0), 0);
  if (provisioned > 0) fn.provisionedConcurrency = provisioned;
  if (c.SnapStart?.ApplyOn === 'PublishedVersions') fn.snapStart = true;
  if (f.versions.length > 0) fn.versions = [...f.versions];
  if (f.url?.AuthType) {
    const authType = f.url.AuthType === 'NONE' ? 'NONE' : 'AWS_IAM';
    const invokeMode = f.url.InvokeMode === 'RESPONSE_STREAM' ? 'RESPONSE_STREAMING' : f.url.InvokeMode === 'BUFFERED' ? 'BUFFERED' : undefined;
    const cors = f.url.Cors ? (JSON.parse(JSON.stringify(f.url.Cors)) as Record<string, unknown>) : undefined;
    fn.functionUrl = { authType, invokeMode, cors };
    fn.triggers = sortBy([...fn.triggers, { kind: 'function-url', id: 'function-url', authType, invokeMode, cors }], (t) => `${t.kind}\u0000${t.id}`);
  }
  const extras: Record<string, unknown> = {};
  const raw = c as Record<string, unknown>;
  for (const key of ['DurableConfig', 'CapacityProviderConfig', 'TenancyConfig', 'ImageConfigResponse']) {
    if (raw[key] !== undefined) extras[key] = raw[key];
  }
  if (Object.keys(extras).length > 0) fn.extras = JSON.parse(JSON.stringify(extras)) as Record<string, unknown>;
  return fn;
}

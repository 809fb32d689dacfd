// An in-process fake of the Lambda control plane (plus the few STS, IAM, Logs, Scheduler and tagging calls a discovery
// run makes), for what moto cannot do: small pages, injected throttling and AccessDenied, and real quota enforcement.
// The contract is written down in README.md beside this file.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface FakeFunction {
  name: string;
  runtime?: string;
  handler?: string;
  memorySize?: number;
  timeout?: number;
  /** Role name; the role ARN is built from the account. Default `fake-role`. */
  role?: string;
  environment?: Record<string, string>;
  tags?: Record<string, string>;
  /** Resource-policy statements (GetPolicy answers 404 when absent). */
  policy?: object[];
  versions?: string[];
  aliases?: { name: string; version: string }[];
  url?: { authType: 'NONE' | 'AWS_IAM' };
  reservedConcurrency?: number;
  /** A container image function: its image URI (PackageType Image). */
  image?: string;
  eventInvoke?: { maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };
}

export interface FakeMapping {
  functionName: string;
  eventSourceArn: string;
  batchSize?: number;
}

export interface FakeLambdaOptions {
  account?: string;
  region?: string;
  functions: FakeFunction[];
  mappings?: FakeMapping[];
  /** Items per page of every Lambda list operation (default 5). */
  pageSize?: number;
  /** Items per page of the tagging API's GetResources, at most 100 as in AWS (default `pageSize`). */
  tagPageSize?: number;
  /** The account's concurrency limit (default 1,000, raised to leave 100 unreserved, as AWS requires). */
  concurrencyLimit?: number;
  /** Share of Lambda requests answered 429, decided by a seeded hash of (operation, path, attempt): deterministic. */
  throttleFraction?: number;
  seed?: number;
  /** Restrict injected 429s to these IAM actions (default: every Lambda action). */
  throttleActions?: string[];
  /** IAM actions answered 403 AccessDeniedException, e.g. `lambda:GetPolicy`. */
  deny?: string[];
  /** STS rejects the credentials (InvalidClientTokenId), as AWS does for a wrong or expired key. */
  rejectCredentials?: boolean;
  /** The first `count` STS calls fail with this status and error code (throttling, 5xx), then STS answers. */
  stsFailures?: { status: number; code: string; count: number };
  /** Enforce the Lambda quotas with token buckets (1 s of burst) and answer 429 beyond them. */
  quotas?: { getFunction: number; getPolicy: number; other: number };
}

export interface FakeLambda {
  endpoint: string;
  /** Requests received, by IAM action. */
  counts: Map<string, number>;
  /** The functions GetFunction answered for, in the order asked. */
  gets: string[];
  /** 429s sent: injected by `throttleFraction`, and for exceeding `quotas`. */
  injectedThrottles: number;
  quotaThrottles: number;
  stop(): Promise<void>;
}

/** FNV-1a, then a mulberry32 round: a stable pseudo-random number in [0,1) for a string. */
export function seededUnit(seed: number, key: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let t = (h + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

class Bucket {
  private tokens: number;
  private last = performance.now();
  constructor(private readonly rate: number) {
    this.tokens = rate;
  }
  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function startFakeLambda(opts: FakeLambdaOptions): Promise<FakeLambda> {
  const account = opts.account ?? '111122223333';
  const region = opts.region ?? 'us-east-1';
  const pageSize = opts.pageSize ?? 5;
  const deny = new Set(opts.deny ?? []);
  const fnArn = (name: string) => `arn:aws:lambda:${region}:${account}:function:${name}`;
  const roleArn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
  const byName = new Map(opts.functions.map((f) => [f.name, f]));
  const attempts = new Map<string, number>();
  const buckets = opts.quotas
    ? { 'lambda:GetFunction': new Bucket(opts.quotas.getFunction), 'lambda:GetPolicy': new Bucket(opts.quotas.getPolicy), other: new Bucket(opts.quotas.other) }
    : undefined;
  const reservedTotal = opts.functions.reduce((n, f) => n + (f.reservedConcurrency ?? 0), 0);
  const concurrencyLimit = Math.max(opts.concurrencyLimit ?? 1000, reservedTotal + 100);
  const tagPageSize = Math.min(opts.tagPageSize ?? pageSize, 100);
  const state: FakeLambda = { endpoint: '', counts: new Map(), gets: [], injectedThrottles: 0, quotaThrottles: 0, stop: async () => {} };

  const config = (f: FakeFunction, version = '$LATEST') => ({
    FunctionName: f.name,
    FunctionArn: version === '$LATEST' ? fnArn(f.name) : `${fnArn(f.name)}:${version}`,
    Runtime: f.runtime ?? 'nodejs22.x',
    Role: roleArn(f.role ?? 'fake-role'),
    Handler: f.handler ?? 'index.handler',
    CodeSize: 1024,
    Timeout: f.timeout ?? 3,
    MemorySize: f.memorySize ?? 128,
    Version: version,
    PackageType: f.image ? 'Image' : 'Zip',
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
    TracingConfig: { Mode: 'PassThrough' },
    ...(f.environment ? { Environment: { Variables: f.environment } } : {}),
  });

  const page = <T>(items: T[], marker: string | null): { items: T[]; next?: string } => {
    const start = marker ? Number(marker) : 0;
    const slice = items.slice(start, start + pageSize);
    return start + pageSize < items.length ? { items: slice, next: String(start + pageSize) } : { items: slice };
  };

  const json = (res: ServerResponse, status: number, body: unknown, errorType?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (errorType) headers['x-amzn-errortype'] = errorType;
    res.writeHead(status, headers).end(JSON.stringify(body));
  };
  const xml = (res: ServerResponse, action: string, inner: string) =>
    res
      .writeHead(200, { 'content-type': 'text/xml' })
      .end(`<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></${action}Response>`);
  const notFound = (res: ServerResponse) => json(res, 404, { Type: 'User', Message: 'The resource you requested does not exist.' }, 'ResourceNotFoundException');

  /** Faults shared by every Lambda route: denial, injected 429s, quota 429s. Returns true when answered. */
  const fault = (res: ServerResponse, action: string, key: string): boolean => {
    if (deny.has(action)) {
      json(res, 403, { Message: `User: arn:aws:iam::${account}:user/fake is not authorized to perform: ${action}` }, 'AccessDeniedException');
      return true;
    }
    const n = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, n);
    if (opts.throttleFraction && (!opts.throttleActions || opts.throttleActions.includes(action)) && seededUnit(opts.seed ?? 1, `${key}#${n}`) < opts.throttleFraction) {
      state.injectedThrottles++;
      json(res, 429, { message: 'Rate exceeded', Type: 'User', Reason: 'CallerRateLimitExceeded' }, 'TooManyRequestsException');
      return true;
    }
    // The Lambda quotas; the tagging API's own quota is not published, so it is not enforced here.
    if (buckets && action.startsWith('lambda:')) {
      const bucket = action === 'lambda:GetFunction' || action === 'lambda:GetPolicy' ? buckets[action] : buckets.other;
      if (!bucket.take()) {
        state.quotaThrottles++;
        json(res, 429, { message: 'Rate exceeded', Type: 'User', Reason: 'CallerRateLimitExceeded' }, 'TooManyRequestsException');
        return true;
      }
    }
    return false;
  };

  const lambdaRoute = (path: string, q: URLSearchParams): { action: string; answer: (res: ServerResponse) => void } | undefined => {
    let m: RegExpExecArray | null;
    if (/^\/2015-03-31\/functions\/?$/.test(path)) {
      return {
        action: 'lambda:ListFunctions',
        answer: (res) => {
          const all = q.get('FunctionVersion') === 'ALL';
          const items = opts.functions.flatMap((f) => (all ? [{ ...config(f), FunctionArn: `${fnArn(f.name)}:$LATEST` }, ...(f.versions ?? []).map((v) => config(f, v))] : [config(f)]));
          const p = page(items, q.get('Marker'));
          json(res, 200, { Functions: p.items, NextMarker: p.next });
        },
      };
    }
    if (/^\/2015-03-31\/event-source-mappings\/?$/.test(path)) {
      return {
        action: 'lambda:ListEventSourceMappings',
        answer: (res) => {
          const items = (opts.mappings ?? []).map((m, i) => ({ UUID: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, FunctionArn: fnArn(m.functionName), EventSourceArn: m.eventSourceArn, BatchSize: m.batchSize ?? 10, State: 'Enabled' }));
          const p = page(items, q.get('Marker'));
          json(res, 200, { EventSourceMappings: p.items, NextMarker: p.next });
        },
      };
    }
    if (/^\/2016-08-19\/account-settings\/?$/.test(path)) {
      return {
        action: 'lambda:GetAccountSettings',
        answer: (res) =>
          json(res, 200, {
            AccountLimit: { TotalCodeSize: 80530636800, CodeSizeUnzipped: 262144000, CodeSizeZipped: 52428800, ConcurrentExecutions: concurrencyLimit, UnreservedConcurrentExecutions: concurrencyLimit - reservedTotal },
            AccountUsage: { TotalCodeSize: 1024 * opts.functions.length, FunctionCount: opts.functions.length },
          }),
      };
    }
    if ((m = /^\/(\d{4}-\d\d-\d\d)\/functions\/([^/]+)(?:\/([a-z-]+))?\/?$/.exec(path))) {
      const [, date, rawName, sub] = m;
      const name = decodeURIComponent(rawName!).replace(/^arn:[^:]+:lambda:[^:]+:[^:]+:function:/, '');
      const f = byName.get(name);
      const table: Record<string, [string, (res: ServerResponse, f: FakeFunction) => void]> = {
        '2015-03-31/': ['lambda:GetFunction', (res, f) => state.gets.push(f.name) && json(res, 200, { Configuration: config(f), Code: f.image ? { RepositoryType: 'ECR', ImageUri: f.image, ResolvedImageUri: `${f.image.replace(/:[^:/]*$/, '')}@sha256:${'0'.repeat(64)}` } : { RepositoryType: 'S3', Location: 'https://example.invalid/code.zip' }, Tags: f.tags ?? {}, ...(f.reservedConcurrency !== undefined ? { Concurrency: { ReservedConcurrentExecutions: f.reservedConcurrency } } : {}) })],
        '2015-03-31/policy': ['lambda:GetPolicy', (res, f) => (f.policy && !q.get('Qualifier') ? json(res, 200, { Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: f.policy }), RevisionId: 'r1' }) : notFound(res))],
        '2015-03-31/aliases': ['lambda:ListAliases', (res, f) => {
          const p = page((f.aliases ?? []).map((a) => ({ AliasArn: `${fnArn(f.name)}:${a.name}`, Name: a.name, FunctionVersion: a.version })), q.get('Marker'));
          json(res, 200, { Aliases: p.items, NextMarker: p.next });
        }],
        '2021-10-31/url': ['lambda:GetFunctionUrlConfig', (res, f) => (f.url ? json(res, 200, { FunctionUrl: `https://${f.name}.lambda-url.${region}.on.aws/`, FunctionArn: fnArn(f.name), AuthType: f.url.authType, CreationTime: '2020-01-01T00:00:00Z', LastModifiedTime: '2020-01-01T00:00:00Z' }) : notFound(res))],
        '2019-09-30/concurrency': ['lambda:GetFunctionConcurrency', (res, f) => json(res, 200, f.reservedConcurrency !== undefined ? { ReservedConcurrentExecutions: f.reservedConcurrency } : {})],
        '2019-09-25/event-invoke-config': ['lambda:GetFunctionEventInvokeConfig', (res, f) => (f.eventInvoke ? json(res, 200, { FunctionArn: fnArn(f.name), MaximumRetryAttempts: f.eventInvoke.maximumRetryAttempts, MaximumEventAgeInSeconds: f.eventInvoke.maximumEventAgeInSeconds }) : notFound(res))],
        '2019-09-30/provisioned-concurrency': ['lambda:ListProvisionedConcurrencyConfigs', (res) => json(res, 200, { ProvisionedConcurrencyConfigs: [] })],
      };
      const entry = table[`${date}/${sub ?? ''}`];
      if (!entry) return undefined;
      return { action: entry[0], answer: (res) => (f ? entry[1](res, f) : notFound(res)) };
    }
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const count = (action: string) => state.counts.set(action, (state.counts.get(action) ?? 0) + 1);

    if (req.method === 'GET') {
      const route = lambdaRoute(url.pathname, url.searchParams);
      if (route) {
        count(route.action);
        if (!fault(res, route.action, `${route.action} ${url.pathname}?${url.searchParams.toString()}`)) route.answer(res);
        return;
      }
      if (url.pathname === '/schedules') {
        count('scheduler:ListSchedules');
        return json(res, 200, { Schedules: [] });
      }
    }
    if (req.method === 'POST') {
      const target = req.headers['x-amz-target'];
      if (target === 'Logs_20140328.DescribeLogGroups') {
        count('logs:DescribeLogGroups');
        return res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ logGroups: [] }));
      }
      if (target === 'ResourceGroupsTaggingAPI_20170126.GetResources') {
        const action = 'tag:GetResources';
        count(action);
        const input = JSON.parse(body || '{}') as { ResourceTypeFilters?: string[]; ResourcesPerPage?: number; PaginationToken?: string };
        if (fault(res, action, `${action} ${input.PaginationToken ?? ''}`)) return;
        const types = input.ResourceTypeFilters ?? [];
        const lambdaWanted = types.length === 0 || types.includes('lambda') || types.includes('lambda:function');
        // Only tagged resources are listed; the last page carries an empty token.
        const items = lambdaWanted ? opts.functions.filter((f) => Object.keys(f.tags ?? {}).length > 0).map((f) => ({ ResourceARN: fnArn(f.name), Tags: Object.entries(f.tags!).map(([Key, Value]) => ({ Key, Value })) })) : [];
        const size = Math.min(input.ResourcesPerPage ?? tagPageSize, tagPageSize);
        const start = input.PaginationToken ? Number(input.PaginationToken) : 0;
        const next = start + size < items.length ? String(start + size) : '';
        return res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ ResourceTagMappingList: items.slice(start, start + size), PaginationToken: next }));
      }
      const form = new URLSearchParams(body);
      const action = form.get('Action');
      if (action === 'GetCallerIdentity') {
        count('sts:GetCallerIdentity');
        if (opts.stsFailures && (state.counts.get('sts:GetCallerIdentity') ?? 0) <= opts.stsFailures.count) {
          const f = opts.stsFailures;
          return res
            .writeHead(f.status, { 'content-type': 'text/xml' })
            .end(`<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${f.status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${f.code}</Code><Message>fake ${f.code}</Message></Error><RequestId>fake</RequestId></ErrorResponse>`);
        }
        if (opts.rejectCredentials) {
          return res
            .writeHead(403, { 'content-type': 'text/xml' })
            .end('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>fake</RequestId></ErrorResponse>');
        }
        return xml(res, action, `<Arn>arn:aws:iam::${account}:user/fake</Arn><UserId>AIDAFAKE</UserId><Account>${account}</Account>`);
      }
      if (action === 'GetRole') {
        count('iam:GetRole');
        const name = form.get('RoleName') ?? '';
        const trust = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }));
        return xml(res, action, `<Role><Path>/</Path><RoleName>${xmlEscape(name)}</RoleName><RoleId>AROAFAKE</RoleId><Arn>${roleArn(xmlEscape(name))}</Arn><CreateDate>2020-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>${trust}</AssumeRolePolicyDocument></Role>`);
      }
      if (action === 'ListAttachedRolePolicies') {
        count('iam:ListAttachedRolePolicies');
        return xml(res, action, '<AttachedPolicies></AttachedPolicies><IsTruncated>false</IsTruncated>');
      }
      if (action === 'ListRolePolicies') {
        count('iam:ListRolePolicies');
        return xml(res, action, '<PolicyNames></PolicyNames><IsTruncated>false</IsTruncated>');
      }
    }
    count(`unimplemented:${req.method} ${url.pathname}`);
    res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>not implemented by the fake</body></html>');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  state.endpoint = `http://127.0.0.1:${port}`;
  state.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

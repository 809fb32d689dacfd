// SDK call sites in handler text: which operation of which AWS data-plane service is called, and which environment
// variable or literal names the resource, where that is static. Reads SDK v3 commands (`new PutItemCommand(...)`,
// lib-dynamodb `PutCommand`), v2 client methods (`.putItem(`, DocumentClient `.put(`) and boto3 (`.put_item(`).

import type { DataService } from '../../model/plan.js';

export interface OperationSite {
  service: DataService;
  /** v3 command name without `Command`, e.g. `PutItem` (lib-dynamodb `Put` is reported as `PutItem`). */
  operation: string;
  line: number;
  /** Environment variables read in the call's arguments (directly or through a `const X = process.env.Y`). */
  envVars: string[];
  /** Literal resource names in the call's name parameter (TableName, Bucket, QueueUrl, TopicArn, ...). */
  literals: string[];
  /** DynamoDB condition expressions written as literals in the call. */
  conditions: string[];
}

/** The operations each service exposes that the plan reasons about (others are reported by name only). */
const OPERATIONS: Record<DataService, string[]> = {
  dynamodb: ['GetItem', 'PutItem', 'DeleteItem', 'UpdateItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems', 'TransactGetItems', 'ExecuteStatement', 'ExecuteTransaction', 'BatchExecuteStatement'],
  s3: ['GetObject', 'PutObject', 'DeleteObject', 'DeleteObjects', 'HeadObject', 'ListObjectsV2', 'ListObjects', 'CopyObject', 'CreateMultipartUpload', 'UploadPart', 'CompleteMultipartUpload', 'SelectObjectContent', 'RestoreObject', 'PutObjectAcl', 'PutBucketPolicy', 'PutObjectRetention', 'PutObjectLegalHold', 'WriteGetObjectResponse'],
  sqs: ['SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility', 'GetQueueUrl', 'GetQueueAttributes', 'PurgeQueue'],
  sns: ['Publish', 'PublishBatch'],
  eventbridge: ['PutEvents'],
  secretsmanager: ['GetSecretValue', 'DescribeSecret', 'PutSecretValue', 'UpdateSecret', 'RotateSecret'],
  ssm: ['GetParameter', 'GetParameters', 'GetParametersByPath', 'PutParameter'],
  kinesis: ['PutRecord', 'PutRecords', 'GetRecords', 'GetShardIterator'],
};

/** lib-dynamodb / DocumentClient short names → the DynamoDB operation. */
const DOCUMENT_OPS: Record<string, string> = { Get: 'GetItem', Put: 'PutItem', Delete: 'DeleteItem', Update: 'UpdateItem', BatchGet: 'BatchGetItem', BatchWrite: 'BatchWriteItem', TransactWrite: 'TransactWriteItems', TransactGet: 'TransactGetItems' };

/** `@aws-sdk/client-x`, boto3 service names and v2 class names → the data-plane service. */
function dataService(name: string): DataService | undefined {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (n === 'dynamodb' || n === 'libdynamodb' || n === 'documentclient') return 'dynamodb';
  if (n === 'eventbridge' || n === 'events' || n === 'cloudwatchevents') return 'eventbridge';
  return (['s3', 'sqs', 'sns', 'secretsmanager', 'ssm', 'kinesis'] as DataService[]).find((s) => s === n);
}

const NAME_PARAMS = /\b(TableName|Bucket|QueueUrl|TopicArn|TargetArn|EventBusName|SecretId|Name|StreamName)\s*[:=]\s*(['"`])([^'"`$\n]{1,200})\2/g;
const ENV_READ = /process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\])|os\.environ(?:\.get)?[[(]\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]|os\.getenv\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]/g;
const CONDITION = /\bConditionExpression\s*[:=]\s*(['"`])([^'"`\n]{1,300})\1/g;
/** How far past a call's start its arguments are read (bounded: hostile files are normal input). */
const ARG_WINDOW = 800;

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const camel = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function envReads(text: string, aliases: Map<string, string>): string[] {
  const out = new Set<string>();
  ENV_READ.lastIndex = 0;
  for (let m = ENV_READ.exec(text); m; m = ENV_READ.exec(text)) out.add((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  for (const [alias, env] of aliases) if (new RegExp(`\\b${alias}\\b`).test(text)) out.add(env);
  return [...out].sort();
}

function allMatches(re: RegExp, text: string, group: number): string[] {
  re.lastIndex = 0;
  const out: string[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[group]!);
  return out;
}

/** The call's argument text: from the opening parenthesis to its match, within the window. */
function argumentsAt(text: string, open: number): string {
  let depth = 0;
  const end = Math.min(text.length, open + ARG_WINDOW);
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open, end);
}

/** Identifiers imported from each AWS SDK v3 package (`import {A, B as C} from`, `const {A} = require(`). */
function importedNames(text: string): Map<string, DataService> {
  const out = new Map<string, DataService>();
  const re = /(?:import\s*\{([^}]{0,2000})\}\s*from|(?:const|let|var)\s*\{([^}]{0,2000})\}\s*=\s*require\()\s*['"]@aws-sdk\/(?:client|lib)-([a-z0-9-]+)['"]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const service = dataService(m[3]!);
    if (!service) continue;
    for (const part of (m[1] ?? m[2] ?? '').split(',')) {
      const local = part.trim().split(/\s+as\s+|\s*:\s*/).pop()?.trim();
      if (local) out.set(local, service);
    }
  }
  return out;
}

export function scanOperations(text: string, lineOf: (idx: number) => number): OperationSite[] {
  const sites: (OperationSite & { idx: number })[] = [];
  const aliases = new Map<string, string>();
  const aliasRe = /(?:const|let|var)?\s*\b([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\])|os\.environ(?:\.get)?[[(]\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]|os\.getenv\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"])/g;
  for (let m = aliasRe.exec(text); m; m = aliasRe.exec(text)) aliases.set(m[1]!, (m[2] ?? m[3] ?? m[4] ?? m[5])!);
  const site = (service: DataService, operation: string, idx: number, open: number) => {
    const args = argumentsAt(text, open);
    sites.push({
      idx,
      service,
      operation,
      line: lineOf(idx),
      envVars: envReads(args, aliases),
      literals: [...new Set(allMatches(NAME_PARAMS, args, 3))].sort(),
      conditions: allMatches(CONDITION, args, 2),
    });
  };

  // SDK v3: `new XCommand(` where X was imported from a data-plane client package.
  const imported = importedNames(text);
  const v3 = /\bnew\s+([A-Z][A-Za-z0-9]*)Command\s*\(/g;
  for (let m = v3.exec(text); m; m = v3.exec(text)) {
    const service = imported.get(`${m[1]}Command`);
    if (!service) continue;
    const op = service === 'dynamodb' ? (DOCUMENT_OPS[m[1]!] ?? m[1]!) : m[1]!;
    site(service, op, m.index, m.index + m[0].length - 1);
  }

  // SDK v2 (`new AWS.S3()` / DocumentClient) and boto3 (`boto3.client('s3')`, `boto3.resource('dynamodb')`).
  const clients = new Set<DataService>();
  const v2 = /\bnew\s+(?:AWS\.)?(S3|DynamoDB|SQS|SNS|SecretsManager|SSM|EventBridge|CloudWatchEvents|Kinesis)(\.DocumentClient)?\s*\(/g;
  for (let m = v2.exec(text); m; m = v2.exec(text)) clients.add(dataService(m[1]!)!);
  const py = /boto3\.(?:client|resource)\(\s*['"]([a-z0-9-]+)['"]/g;
  const python = py.test(text);
  py.lastIndex = 0;
  for (let m = py.exec(text); m; m = py.exec(text)) {
    const s = dataService(m[1]!);
    if (s) clients.add(s);
  }
  if (clients.size > 0) {
    const byMethod = new Map<string, [DataService, string]>();
    for (const s of [...clients].sort()) {
      // DocumentClient's `get`/`put`/`delete`/`update` are too common as method names to attribute; its batch and
      // transaction methods are not.
      const ops = [...OPERATIONS[s], ...(s === 'dynamodb' && !python ? ['BatchGet', 'BatchWrite', 'TransactWrite', 'TransactGet'] : [])];
      for (const op of ops) {
        const name = python ? snake(op) : camel(op);
        if (!byMethod.has(name)) byMethod.set(name, [s, DOCUMENT_OPS[op] && s === 'dynamodb' ? DOCUMENT_OPS[op] : op]);
      }
    }
    const method = /\.([a-z][A-Za-z0-9_]*)\s*\(/g;
    for (let m = method.exec(text); m; m = method.exec(text)) {
      const hit = byMethod.get(m[1]!);
      if (hit) site(hit[0], hit[1], m.index, m.index + m[0].length - 1);
    }
  }
  return sites.sort((a, b) => a.idx - b.idx).map(({ idx: _idx, ...s }) => s);
}

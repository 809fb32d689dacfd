// Static scan of handler code for AWS SDK usage (imports and client calls, with file:line). The only I/O of planning,
// kept out of the Inventory contract: its result feeds the rule evaluation context.

import path from 'node:path';
import type { Inventory } from '../model/inventory.js';
import { tryReadSourceFile } from '../util/contain.js';
import { scanOperations, type OperationSite } from './data-plane/call-sites.js';

export interface SdkCall {
  /** AWS service, e.g. `s3`, `dynamodb`. */
  service: string;
  /** What was seen: `import @aws-sdk/client-s3`, `PutObjectCommand`, `boto3.client('s3')`. */
  call: string;
  file: string;
  line: number;
}

export interface CodeFacts {
  sdkCalls: SdkCall[];
  sdkServices: string[];
  usesCallback: boolean;
  usesRemainingTime: boolean;
  usesV2Sdk: boolean;
  /** Data-plane operations at call sites, with the environment variables or literals naming the resource. */
  operations?: (OperationSite & { file: string })[];
}

const PATTERNS: { re: RegExp; service: (m: RegExpExecArray) => string; call: (m: RegExpExecArray) => string }[] = [
  { re: /@aws-sdk\/(?:client|lib)-([a-z0-9-]+)/g, service: (m) => m[1]!.replace(/-/g, ''), call: (m) => `import ${m[0]}` },
  { re: /\bnew\s+(?:AWS\.)?(S3|DynamoDB|SQS|SNS|Kinesis|SecretsManager|SSM|EventBridge|Lambda|SES|StepFunctions|KMS|CloudWatch|Firehose)(?:\.DocumentClient)?\s*\(/g, service: (m) => m[1]!.toLowerCase(), call: (m) => m[0].replace(/\s*\($/, '') },
  { re: /\bnew\s+([A-Z][A-Za-z0-9]+)Command\s*\(/g, service: () => '', call: (m) => `${m[1]}Command` },
  { re: /boto3\.(?:client|resource)\(\s*['"]([a-z0-9-]+)['"]/g, service: (m) => m[1]!.replace(/-/g, ''), call: (m) => m[0] },
  { re: /require\(\s*['"]aws-sdk['"]\s*\)|from\s+['"]aws-sdk['"]/g, service: () => 'aws-sdk-v2', call: () => 'aws-sdk (v2)' },
];

function scanText(text: string, file: string): { calls: SdkCall[]; operations: (OperationSite & { file: string })[] } {
  const out: SdkCall[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (idx: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= idx) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let lastService = '';
  const hits: { idx: number; service: string; call: string }[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) hits.push({ idx: m.index, service: p.service(m), call: p.call(m) });
  }
  hits.sort((a, b) => a.idx - b.idx);
  for (const h of hits) {
    // A bare `XCommand` belongs to the client imported before it.
    const service = h.service || lastService || 'unknown';
    if (h.service) lastService = h.service;
    out.push({ service, call: h.call, file, line: lineOf(h.idx) });
  }
  return { calls: out, operations: scanOperations(text, lineOf).map((o) => ({ ...o, file })) };
}

/** Scan each function's handler file. `root` is the inventory's root, absolute. Unreadable files yield no facts. */
export function scanHandlerCode(inv: Inventory, root: string, onFunction: () => void = () => {}): Map<string, CodeFacts> {
  const out = new Map<string, CodeFacts>();
  // Functions that share a handler file (one bundle, many exports) share its facts: read and scanned once.
  const byFile = new Map<string, CodeFacts | undefined>();
  const factsOf = (file: string): CodeFacts | undefined => {
    const text = tryReadSourceFile(root, path.join(root, file));
    if (text === undefined) return undefined;
    const { calls: sdkCalls, operations } = scanText(text, file);
    return {
      sdkCalls,
      operations,
      sdkServices: [...new Set(sdkCalls.map((c) => c.service).filter((s) => s !== 'aws-sdk-v2'))].sort(),
      usesCallback: /\(\s*event\s*,\s*context\s*,\s*(callback|cb|done)\s*\)/.test(text),
      usesRemainingTime: /\.getRemainingTimeInMillis\s*\(/.test(text),
      usesV2Sdk: sdkCalls.some((c) => c.service === 'aws-sdk-v2'),
    };
  };
  for (const fn of inv.functions) {
    onFunction();
    const file = fn.handler?.file;
    if (!file || fn.handler?.exists === false) continue;
    if (!byFile.has(file)) byFile.set(file, factsOf(file));
    const facts = byFile.get(file);
    if (facts) out.set(fn.id, facts);
  }
  return out;
}

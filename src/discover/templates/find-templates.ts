// Finding templates: explicit files are taken as given; directories are searched recursively for SAM,
// CloudFormation and Serverless Framework templates (by name, or by a cheap content check, then a parse).

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { tryReadSourceFile } from '../../util/contain.js';
import { compareStrings } from '../../util/json.js';

const SKIP_DIRS = new Set(['node_modules', '.git', '.aws-sam', 'cdk.out', 'dist', '.serverless', '.venv', 'venv', '__pycache__', '.terraform', 'coverage', 'target', 'bin', 'obj']);
const TEMPLATE_NAME = /^(template\.(ya?ml|json)|.+\.template\.(ya?ml|json)|serverless\.ya?ml)$/i;
const DATA_FILE = /\.(ya?ml|json)$/i;
/** Strings a CloudFormation/SAM template must contain; checked before parsing any other YAML/JSON file. */
const TEMPLATE_MARKERS = /AWSTemplateFormatVersion|AWS::Serverless::Function|AWS::Lambda::Function|AWS::Serverless-2016-10-31/;
const MAX_SCAN_BYTES = 5 * 1024 * 1024;

export interface Candidate {
  abs: string;
  /** Named explicitly on the command line (a non-template is then an error, not a skip). */
  explicit: boolean;
  /** Found by name (template.yaml, serverless.yml, *.template.json) rather than by content. */
  byName: boolean;
}

export function isServerlessName(file: string): boolean {
  return /^serverless\.ya?ml$/i.test(path.basename(file));
}

export function searchDirectory(dir: string, out: Candidate[] = []): Candidate[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => compareStrings(a.name, b.name));
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) searchDirectory(abs, out);
      continue;
    }
    if (!e.isFile() || !DATA_FILE.test(e.name)) continue;
    if (TEMPLATE_NAME.test(e.name)) {
      out.push({ abs, explicit: false, byName: true });
      continue;
    }
    if (/^(package(-lock)?|tsconfig.*|composer|\.?eslintrc.*|cdk|jest\.config)\.json$/i.test(e.name)) continue;
    const text = tryReadSourceFile(dir, abs, MAX_SCAN_BYTES); // unreadable or too large: not a template we can use
    if (text !== undefined && TEMPLATE_MARKERS.test(text)) out.push({ abs, explicit: false, byName: false });
  }
  return out;
}

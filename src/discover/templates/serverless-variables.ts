// Serverless Framework variables: `${self:}`, `${opt:}`, `${sls:stage}`, `${env:}`, `${file(...)}`, `${ssm:}`,
// `${cf:}`, `${aws:}`, `${param:}` with `, fallback`s, nested. Resolved where the value is knowable from the
// files alone; everything that depends on the machine, the account or a CLI flag stays symbolic, so the
// same repository always yields the same inventory.

import path from 'node:path';
import { checkSourceFile, readRegularFile } from '../../util/contain.js';
import { MigrateError } from '../../util/errors.js';
import { display, Symbolic } from './symbolic.js';
import { parseTemplateText } from './parse-template.js';

type Part = { text: string } | { variable: Part[]; raw: string };

/** Split `a${x, ${y}}b` into literal text and (nested) variable parts. */
function parseParts(s: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  let text = '';
  while (i < s.length) {
    if (s[i] === '$' && s[i + 1] === '{') {
      let depth = 0;
      let j = i;
      for (; j < s.length; j++) {
        if (s[j] === '$' && s[j + 1] === '{') {
          depth++;
          j++;
        } else if (s[j] === '}') {
          depth--;
          if (depth === 0) break;
        }
      }
      if (j >= s.length) break; // unterminated: keep as text
      if (text) parts.push({ text });
      text = '';
      const raw = s.slice(i, j + 1);
      parts.push({ variable: parseParts(s.slice(i + 2, j)), raw });
      i = j + 1;
      continue;
    }
    text += s[i];
    i++;
  }
  if (i < s.length) text += s.slice(i);
  if (text) parts.push({ text });
  return parts;
}

export interface VariableContext {
  /** The raw serverless.yml body. */
  config: Record<string, unknown>;
  /** Absolute directory of serverless.yml, and the estate root that `file()` may not escape. */
  dir: string;
  root: string;
  file: string;
  /** Undefined while the stage itself is being worked out (then `opt:stage` has no value). */
  stage?: string;
  region?: string;
  warn: (code: string, message: string) => void;
  /** Position of a dotted key path in serverless.yml, for errors. */
  positionOf?: (keyPath: string) => { line: number; column: number } | undefined;
}

export class ServerlessVariables {
  private readonly stack: string[] = [];
  private readonly files = new Map<string, unknown>();

  constructor(private readonly v: VariableContext) {}

  /** Resolve every string in a value, deeply. */
  resolveDeep(value: unknown, depth = 0): unknown {
    if (depth > 64) return value;
    if (typeof value === 'string') return value.includes('${') ? this.resolveString(value) : value;
    if (Array.isArray(value)) return value.map((x) => this.resolveDeep(x, depth + 1));
    if (value !== null && typeof value === 'object' && !(value instanceof Symbolic)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(value)) Object.defineProperty(out, k, { value: this.resolveDeep(x, depth + 1), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return value;
  }

  resolveString(s: string): unknown {
    const parts = parseParts(s);
    if (parts.length === 1 && 'variable' in parts[0]!) return this.evalVariable(parts[0]);
    let known = true;
    const text = parts
      .map((p) => {
        if ('text' in p) return p.text;
        const v = this.evalVariable(p);
        if (v instanceof Symbolic) {
          known = false;
          return v.symbol;
        }
        return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : display(v);
      })
      .join('');
    return known ? text : new Symbolic(text);
  }

  private evalParts(parts: Part[]): unknown {
    if (parts.length === 1 && 'variable' in parts[0]!) return this.evalVariable(parts[0]);
    let known = true;
    const text = parts
      .map((p) => {
        if ('text' in p) return p.text;
        const v = this.evalVariable(p);
        if (v instanceof Symbolic) known = false;
        return v instanceof Symbolic ? v.symbol : String(v);
      })
      .join('');
    return known ? text : new Symbolic(text);
  }

  private evalVariable(p: { variable: Part[]; raw: string }): unknown {
    // Split at top-level commas: `source, fallback1, fallback2`.
    const alternatives: Part[][] = [[]];
    for (const part of p.variable) {
      if ('text' in part && part.text.includes(',')) {
        const pieces = part.text.split(',');
        pieces.forEach((piece, i) => {
          if (i > 0) alternatives.push([]);
          if (piece) alternatives[alternatives.length - 1]!.push({ text: piece });
        });
      } else alternatives[alternatives.length - 1]!.push(part);
    }
    for (const alt of alternatives) {
      const trimmed = trimParts(alt);
      if (trimmed.length === 0) continue;
      const value = this.evalAlternative(trimmed);
      if (!(value instanceof Symbolic) && value !== undefined) return value;
      if (alt === alternatives[alternatives.length - 1]) return value ?? new Symbolic(p.raw);
    }
    return new Symbolic(p.raw);
  }

  private evalAlternative(parts: Part[]): unknown {
    const first = parts[0]!;
    if (parts.length === 1 && 'text' in first) {
      const t = first.text.trim();
      const quoted = /^(['"])(.*)\1$/.exec(t);
      if (quoted) return quoted[2];
      if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
      if (t === 'true' || t === 'false') return t === 'true';
      if (t === 'null') return undefined;
      return this.evalAddress(t);
    }
    if (parts.length === 1 && 'variable' in first) return this.evalVariable(first);
    // An address built from variables, e.g. `file(./config.${sls:stage}.yml):db`.
    const address = this.evalParts(parts);
    if (address instanceof Symbolic) return new Symbolic(`\${${address.symbol}}`);
    return this.evalAddress(String(address));
  }

  private evalAddress(address: string): unknown {
    const sym = new Symbolic(`\${${address}}`);
    const colon = address.indexOf(':');
    const fileMatch = /^file\(([^)]+)\)(?::(.+))?$/.exec(address);
    if (fileMatch) return this.fromFile(fileMatch[1]!.trim(), fileMatch[2]?.trim(), sym);
    if (colon < 0) return sym;
    const source = address.slice(0, colon);
    const key = address.slice(colon + 1);
    switch (source) {
      case 'self':
        return this.fromSelf(key);
      case 'opt':
        // No CLI flags offline: the stage and region are what the files say (or the framework defaults).
        if (key === 'stage') return this.v.stage;
        if (key === 'region') return this.v.region;
        return undefined;
      case 'sls':
        return key === 'stage' ? (this.v.stage ?? sym) : sym;
      default:
        // env (the real environment would make output machine-dependent), ssm, cf, aws, param, s3, strToBool...
        return sym;
    }
  }

  private fromSelf(key: string): unknown {
    if (this.stack.includes(key)) {
      const pos = this.v.positionOf?.(key);
      throw new MigrateError('input.circular', `circular Serverless variable: \${self:${[...this.stack.slice(this.stack.indexOf(key)), key].join('} → ${self:')}}`, {
        file: this.v.file,
        line: pos?.line,
        column: pos?.column,
      });
    }
    this.stack.push(key);
    try {
      // Walk segment by segment, resolving a variable met on the way (`custom.settings` may be `${file(...)}`).
      let cur: unknown = this.v.config;
      for (const seg of key.split('.')) {
        if (typeof cur === 'string' && cur.includes('${')) cur = this.resolveString(cur);
        if (cur instanceof Symbolic) return new Symbolic(`\${self:${key}}`);
        cur = getPath(cur, seg);
        if (cur === undefined) return undefined;
      }
      return this.resolveDeep(cur);
    } finally {
      this.stack.pop();
    }
  }

  private fromFile(rel: string, key: string | undefined, sym: Symbolic): unknown {
    const abs = path.resolve(this.v.dir, rel);
    const fromRoot = path.relative(this.v.root, abs);
    if (fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
      this.v.warn('serverless.file-outside-root', `\${file(${rel})} points outside the discovery root and is not read`);
      return sym;
    }
    let body = this.files.get(abs);
    if (body === undefined) {
      const check = checkSourceFile(this.v.root, abs);
      if (!check.ok) {
        if (check.refusal === 'missing') this.v.warn('serverless.file-missing', `\${file(${rel})} does not exist`);
        else this.v.warn('serverless.file-refused', `\${file(${rel})} ${check.reason} and is not read`);
        return check.refusal === 'missing' ? undefined : sym;
      }
      const text = readRegularFile(check.real, path.relative(this.v.root, abs), check.size + 1);
      if (/\.(js|cjs|mjs|ts)$/.test(abs)) {
        this.v.warn('serverless.file-script', `\${file(${rel})} is a script; its value is not evaluated offline`);
        return sym;
      }
      body = parseTemplateText(text, path.relative(this.v.root, abs).split(path.sep).join('/')).body;
      this.files.set(abs, body);
    }
    const value = key ? getPath(body, key) : body;
    return value === undefined ? undefined : this.resolveDeep(value);
  }
}

function trimParts(parts: Part[]): Part[] {
  const out = parts.map((p) => ('text' in p ? { text: p.text } : p));
  const first = out[0];
  if (first && 'text' in first) first.text = first.text.replace(/^\s+/, '');
  const last = out[out.length - 1];
  if (last && 'text' in last) last.text = last.text.replace(/\s+$/, '');
  return out.filter((p) => !('text' in p) || p.text !== '');
}

export function getPath(obj: unknown, key: string): unknown {
  let cur: unknown = obj;
  for (const seg of key.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(seg)] : Object.hasOwn(cur, seg) ? (cur as Record<string, unknown>)[seg] : undefined;
  }
  return cur;
}

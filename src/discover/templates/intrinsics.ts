// Evaluates CloudFormation intrinsic functions (long form) against parameter defaults, mappings and conditions.
// What cannot be known offline (account, region, stack name, resource attributes, imports) stays a Symbolic
// value naming what it depends on: never a guess, never a crash.

import type { Resolvable } from '../../model/inventory.js';
import { MigrateError } from '../../util/errors.js';
import type { Position } from './parse-template.js';
import { containsSymbolic, display, intrinsicName, NO_VALUE, Symbolic } from './symbolic.js';

/** Pseudo parameters that are the same in every commercial-partition deployment. */
const KNOWN_PSEUDO: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };

export interface ResolverWarning {
  code: string;
  message: string;
  pos?: Position;
}

export interface TemplateSections {
  Parameters?: unknown;
  Mappings?: unknown;
  Conditions?: unknown;
  Resources?: unknown;
}

export interface ResolverOptions {
  file: string;
  /** Position of a condition's key, for circularity errors. */
  conditionPosition?: (name: string) => Position | undefined;
  warn?: (w: ResolverWarning) => void;
  /** Position of a parsed intrinsic object, so warnings can point at the expression. */
  positionOf?: (obj: object) => Position | undefined;
  /** Values for pseudo parameters or parameters that override defaults (e.g. Serverless stage). */
  overrides?: Record<string, unknown>;
}

export type Json = unknown;

const asRecord = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export class IntrinsicResolver {
  readonly parameters: Record<string, unknown>;
  readonly mappings: Record<string, unknown>;
  readonly conditions: Record<string, unknown>;
  readonly resources: Record<string, unknown>;
  private readonly conditionCache = new Map<string, boolean | undefined>();
  private readonly conditionStack: string[] = [];
  private readonly warned = new Set<string>();
  /** Intrinsic objects being evaluated, innermost last (for warning positions). */
  private readonly evaluating: object[] = [];

  constructor(
    tpl: TemplateSections,
    private readonly opts: ResolverOptions,
  ) {
    this.parameters = asRecord(tpl.Parameters);
    this.mappings = asRecord(tpl.Mappings);
    this.conditions = asRecord(tpl.Conditions);
    this.resources = asRecord(tpl.Resources);
  }

  private warnOnce(code: string, message: string): void {
    const key = `${code}|${message}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    let pos: Position | undefined;
    for (let i = this.evaluating.length - 1; i >= 0 && !pos; i--) pos = this.opts.positionOf?.(this.evaluating[i]!);
    this.opts.warn?.(pos ? { code, message, pos } : { code, message });
  }

  resourceType(logicalId: string): string | undefined {
    const t = asRecord(this.resources[logicalId]).Type;
    return typeof t === 'string' ? t : undefined;
  }

  resourceProperties(logicalId: string): Record<string, unknown> {
    return asRecord(asRecord(this.resources[logicalId]).Properties);
  }

  /** Resolve a whole value deeply; intrinsics become values or Symbolic; NoValue entries disappear. */
  resolve(v: Json, depth = 0): unknown {
    if (depth > 64) return new Symbolic('nesting-too-deep');
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const item of v) {
        const r = this.resolve(item, depth + 1);
        if (r !== NO_VALUE) out.push(r);
      }
      return out;
    }
    if (v === null || typeof v !== 'object' || v instanceof Symbolic) return v;
    const fn = intrinsicName(v);
    if (fn) {
      this.evaluating.push(v);
      try {
        return this.evaluate(fn, (v as Record<string, unknown>)[fn], depth + 1);
      } finally {
        this.evaluating.pop();
      }
    }
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) {
      const r = this.resolve(item, depth + 1);
      if (r !== NO_VALUE) Object.defineProperty(out, k, { value: r, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  /** A string-ish value: literal (numbers and booleans stringified), Symbolic, or undefined when absent. */
  str(v: Json): Resolvable | undefined {
    if (v === undefined || v === null) return undefined;
    const r = this.resolve(v);
    if (r === NO_VALUE || r === undefined || r === null) return undefined;
    if (typeof r === 'string') return r;
    if (typeof r === 'number' || typeof r === 'boolean') return String(r);
    if (r instanceof Symbolic) return { symbol: r.symbol };
    return { symbol: `Value:${display(r)}` };
  }

  /** A literal string, or undefined when absent or not knowable. */
  literal(v: Json): string | undefined {
    const r = this.str(v);
    return typeof r === 'string' ? r : undefined;
  }

  num(v: Json): number | undefined {
    const r = this.resolve(v);
    if (typeof r === 'number' && Number.isFinite(r)) return r;
    if (typeof r === 'string' && r.trim() !== '' && Number.isFinite(Number(r))) return Number(r);
    return undefined;
  }

  bool(v: Json): boolean | undefined {
    const r = this.resolve(v);
    if (typeof r === 'boolean') return r;
    if (r === 'true' || r === 'True') return true;
    if (r === 'false' || r === 'False') return false;
    return undefined;
  }

  /** A list of strings/symbols; a single value becomes a one-element list. */
  list(v: Json): Resolvable[] {
    if (v === undefined || v === null) return [];
    const r = this.resolve(v);
    if (r instanceof Symbolic) return [{ symbol: r.symbol }];
    const items = Array.isArray(r) ? r : [r];
    const out: Resolvable[] = [];
    for (const item of items) {
      const s = this.str(item instanceof Symbolic ? item : item);
      if (s !== undefined) out.push(s);
    }
    return out;
  }

  /** The value of a named condition: true, false, or undefined when it depends on something unknowable. */
  condition(name: string): boolean | undefined {
    if (this.conditionCache.has(name)) return this.conditionCache.get(name);
    if (!(name in this.conditions)) {
      this.warnOnce('template.unknown-condition', `condition ${name} is not defined`);
      return undefined;
    }
    if (this.conditionStack.includes(name)) {
      const cycle = [...this.conditionStack.slice(this.conditionStack.indexOf(name)), name].join(' → ');
      const pos = this.opts.conditionPosition?.(name);
      throw new MigrateError('input.circular', `circular condition reference: ${cycle}`, {
        file: this.opts.file,
        line: pos?.line,
        column: pos?.column,
        hint: 'a condition cannot depend on itself',
      });
    }
    this.conditionStack.push(name);
    try {
      const r = this.resolve(this.conditions[name]);
      const value = typeof r === 'boolean' ? r : undefined;
      this.conditionCache.set(name, value);
      return value;
    } finally {
      this.conditionStack.pop();
    }
  }

  ref(name: string): unknown {
    if (this.opts.overrides && name in this.opts.overrides) return this.opts.overrides[name];
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name in KNOWN_PSEUDO) return KNOWN_PSEUDO[name];
    if (name.startsWith('AWS::')) return new Symbolic(`Ref:${name}`);
    if (name in this.parameters) {
      const p = asRecord(this.parameters[name]);
      // A NoEcho parameter's default is a secret: it is never substituted into any value.
      if (p.Default === undefined || p.Default === null || this.isNoEcho(name)) return new Symbolic(`Ref:${name}`);
      const def = typeof p.Default === 'string' ? p.Default : Array.isArray(p.Default) ? (p.Default as unknown[]).join(',') : JSON.stringify(p.Default);
      const type = typeof p.Type === 'string' ? p.Type : '';
      if (type === 'CommaDelimitedList' || type.startsWith('List<')) return def.split(',').map((s) => s.trim());
      return def;
    }
    if (!(name in this.resources)) this.warnOnce('template.unresolved-ref', `Ref to ${name}, which is neither a parameter nor a resource`);
    return new Symbolic(`Ref:${name}`);
  }

  isNoEcho(name: string): boolean {
    const n = asRecord(this.parameters[name]).NoEcho;
    return n === true || n === 'true' || n === 'True';
  }

  /**
   * Every literal string an unresolved value is built from (both branches of every If, Sub text and variables,
   * Join items, referenced parameter defaults) and the NoEcho parameters it references: what the secret
   * classifier must see even when the value itself stays symbolic.
   */
  parts(v: Json): { strings: string[]; noEcho: string[] } {
    const strings: string[] = [];
    const noEcho: string[] = [];
    const param = (name: string) => {
      if (!(name in this.parameters)) return;
      if (this.isNoEcho(name)) noEcho.push(name);
      else {
        const d = asRecord(this.parameters[name]).Default;
        if (typeof d === 'string') strings.push(d);
      }
    };
    const walk = (x: unknown, depth: number): void => {
      if (depth > 64 || strings.length > 1000) return;
      if (typeof x === 'string') strings.push(x);
      else if (Array.isArray(x)) for (const i of x) walk(i, depth + 1);
      else if (x !== null && typeof x === 'object' && !(x instanceof Symbolic)) {
        const fn = intrinsicName(x);
        const arg = (x as Record<string, unknown>)[fn ?? ''];
        if (fn === 'Ref' && typeof arg === 'string') return param(arg);
        if (fn === 'Fn::Sub') {
          const text: unknown = Array.isArray(arg) ? arg[0] : arg;
          if (typeof text === 'string') for (const m of text.matchAll(/\$\{([^}!.]+)\}/g)) param(m[1]!.trim());
        }
        if (fn === 'Fn::If' && Array.isArray(arg)) return walk(arg.slice(1), depth + 1);
        for (const i of Object.values(x)) walk(i, depth + 1);
      }
    };
    walk(v, 0);
    return { strings, noEcho };
  }

  private evaluate(fn: string, arg: unknown, depth: number): unknown {
    const sym = (s: string) => new Symbolic(s);
    const args: unknown[] = Array.isArray(arg) ? (arg as unknown[]) : [arg];
    switch (fn) {
      case 'Ref': {
        const name = this.resolve(arg, depth);
        return typeof name === 'string' ? this.ref(name) : sym(`Ref:${display(name)}`);
      }
      case 'Condition': {
        const name = typeof arg === 'string' ? arg : undefined;
        return name === undefined ? undefined : this.condition(name);
      }
      case 'Fn::GetAtt': {
        const parts = typeof arg === 'string' ? arg.split('.') : args.map((a) => display(this.resolve(a, depth)));
        const [res, ...attr] = parts;
        if (res && !(res in this.resources)) this.warnOnce('template.unresolved-ref', `GetAtt of ${res}, which is not a resource`);
        return sym(`GetAtt:${res ?? ''}.${attr.join('.')}`);
      }
      case 'Fn::Sub':
        return this.sub(arg, depth);
      case 'Fn::Join': {
        const [delim, items] = args;
        const d = this.resolve(delim, depth);
        const list = this.resolve(items, depth);
        if (typeof d !== 'string') return sym(`Join:${display(list)}`);
        if (list instanceof Symbolic) return sym(`Join:${d}:${list.symbol}`);
        if (!Array.isArray(list)) return sym(`Join:${display(list)}`);
        const strs = (list as unknown[]).map((x) => (typeof x === 'number' || typeof x === 'boolean' ? String(x) : x));
        if (strs.every((x) => typeof x === 'string')) return strs.join(d);
        return sym(`Join:${strs.map(display).join(d)}`);
      }
      case 'Fn::Select': {
        const idx = this.num(args[0]);
        const list = this.resolve(args[1], depth);
        if (idx !== undefined && Array.isArray(list)) return idx >= 0 && idx < list.length ? list[idx] : sym(`Select:${idx}:${display(list)}`);
        return sym(`Select:${idx ?? display(this.resolve(args[0], depth))}:${list instanceof Symbolic ? list.symbol : display(list)}`);
      }
      case 'Fn::Split': {
        const d = this.resolve(args[0], depth);
        const s = this.resolve(args[1], depth);
        if (typeof d === 'string' && typeof s === 'string' && d !== '') return s.split(d);
        return sym(`Split:${display(d)}:${s instanceof Symbolic ? s.symbol : display(s)}`);
      }
      case 'Fn::If': {
        const [cond, a, b] = args;
        const name = typeof cond === 'string' ? cond : undefined;
        const c = name === undefined ? undefined : this.condition(name);
        if (c === true) return this.resolve(a, depth);
        if (c === false) return this.resolve(b, depth);
        return sym(`If:${name ?? display(cond)}`);
      }
      case 'Fn::Equals': {
        const a = this.resolve(args[0], depth);
        const b = this.resolve(args[1], depth);
        if (a instanceof Symbolic || b instanceof Symbolic) return undefined;
        return display(a) === display(b);
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const vals = args.map((x) => this.resolve(x, depth));
        const bools = vals.map((x) => (typeof x === 'boolean' ? x : undefined));
        if (fn === 'Fn::And') return bools.includes(false) ? false : bools.every((x) => x === true) ? true : undefined;
        return bools.includes(true) ? true : bools.every((x) => x === false) ? false : undefined;
      }
      case 'Fn::Not': {
        const x = this.resolve(args[0], depth);
        return typeof x === 'boolean' ? !x : undefined;
      }
      case 'Fn::FindInMap': {
        const [mapName, k1, k2, opt] = args.map((x) => this.resolve(x, depth));
        const fallback = asRecord(opt).DefaultValue;
        if (typeof mapName === 'string' && typeof k1 === 'string' && typeof k2 === 'string') {
          const top = asRecord(this.mappings[mapName]);
          const second = asRecord(top[k1]);
          if (k2 in second) return this.resolve(second[k2], depth);
          if (fallback !== undefined) return fallback;
          this.warnOnce('template.unresolved-mapping', `FindInMap ${mapName}.${k1}.${k2} has no entry`);
        }
        if (fallback !== undefined && !(mapName instanceof Symbolic) && (k1 instanceof Symbolic || k2 instanceof Symbolic)) {
          return sym(`FindInMap:${display(mapName)}.${display(k1)}.${display(k2)}`);
        }
        return sym(`FindInMap:${display(mapName)}.${display(k1)}.${display(k2)}`);
      }
      case 'Fn::ImportValue':
        return sym(`ImportValue:${display(this.resolve(arg, depth))}`);
      case 'Fn::GetAZs': {
        const r = this.resolve(arg, depth);
        return sym(`GetAZs:${r === '' || r === undefined ? '{Ref:AWS::Region}' : display(r)}`);
      }
      case 'Fn::Base64': {
        const r = this.resolve(arg, depth);
        return typeof r === 'string' ? Buffer.from(r, 'utf8').toString('base64') : sym(`Base64:${display(r)}`);
      }
      case 'Fn::ToJsonString': {
        const r = this.resolve(arg, depth);
        return containsSymbolic(r) ? sym(`ToJsonString:${display(r)}`) : JSON.stringify(r);
      }
      case 'Fn::Length': {
        const r = this.resolve(arg, depth);
        return Array.isArray(r) ? r.length : sym(`Length:${display(r)}`);
      }
      default:
        this.warnOnce('template.unsupported-intrinsic', `${fn} is not evaluated offline`);
        return sym(`${fn.replace(/^Fn::/, '')}:${display(arg)}`);
    }
  }

  private sub(arg: unknown, depth: number): unknown {
    let text: unknown;
    let vars: Record<string, unknown> = {};
    if (Array.isArray(arg)) {
      text = this.resolve(arg[0], depth);
      vars = asRecord(arg[1]);
    } else {
      text = this.resolve(arg, depth);
    }
    if (typeof text !== 'string') return new Symbolic(`Sub:${display(text)}`);
    let known = true;
    const out = text.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      let value: unknown;
      if (name in vars) value = this.resolve(vars[name], depth);
      else if (name.includes('.') && !name.startsWith('AWS::')) {
        const dot = name.indexOf('.');
        value = new Symbolic(`GetAtt:${name.slice(0, dot)}.${name.slice(dot + 1)}`);
      } else value = this.ref(name);
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (Array.isArray(value) && value.every((x) => typeof x === 'string')) return value.join(',');
      known = false;
      if (value instanceof Symbolic) {
        const m = /^(Ref|GetAtt|Sub):(.*)$/s.exec(value.symbol);
        if (m) return m[1] === 'Sub' ? m[2]! : `\${${m[2]}}`;
      }
      return `\${${display(value)}}`;
    });
    return known ? out : new Symbolic(`Sub:${out}`);
  }
}

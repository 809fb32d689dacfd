// Loads rule files (YAML), validates each against rules/rule.schema.json with ajv, and reports any problem
// as a MigrateError at file:line:col. An invalid rule is an error, never a skipped rule.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { DesignArea } from '../../model/plan.js';
import { MAX_SOURCE_BYTES, readInputFile } from '../../util/contain.js';
import { MigrateError } from '../../util/errors.js';
import { compareStrings } from '../../util/json.js';
import { boundedToJs } from '../../util/yaml-bounded.js';
import { unsafeRegexIn } from './safe-regex.js';
import { AREA_PREFIX, RULE_ID_PATTERN, SEVERITY_LETTER, type Rule } from './rule.js';

/** The built-in rules directory (`rules/` at the package root, from src/ or dist/). */
export const BUILTIN_RULES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../rules');

type Validator = ((v: unknown) => boolean) & { errors?: ErrorObject[] | null };
/** Precompiled from rules/rule.schema.json at build time (scripts/gen-validators.mjs). */
async function ruleValidator(): Promise<Validator> {
  return (await import('../../model/generated/validators.js')).rule;
}

function positionOf(doc: Document, lc: LineCounter, pointer: string[]): { line: number; column: number } {
  // Walk back up the path until a node with a range is found (a missing key points at its parent).
  for (let n = pointer.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(pointer.slice(0, n).map((k) => (/^\d+$/.test(k) ? Number(k) : k)), true);
    if (isNode(node) && node.range) {
      const p = lc.linePos(node.range[0]);
      return { line: p.line, column: p.col };
    }
  }
  return { line: 1, column: 1 };
}

/** The most specific ajv error: oneOf produces one error per branch, the deepest path explains best. */
function bestError(errors: ErrorObject[]): ErrorObject {
  return [...errors].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length)[0]!;
}

/** A condition's `attr` that names no fact of the rule's subject: say so plainly instead of listing every fact. */
function unknownAttribute(e: ErrorObject, ptr: string[], data: unknown): string | undefined {
  if (ptr.at(-1) !== 'attr' || (e.keyword !== 'enum' && e.keyword !== 'anyOf')) return undefined;
  const at = (keys: string[]) => keys.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
  const subject = at(ptr.slice(0, 2).concat('subject'));
  return `'${String(at(ptr))}' is not a ${String(subject)} fact (the facts each subject has are listed in docs/rule-language.md)`;
}

const TEXTS = new Set(['message', 'recommendation', 'day0']);
/** A `{placeholder}` that names no fact of the rule's subject. */
function unknownPlaceholder(e: ErrorObject, ptr: string[], data: unknown): string | undefined {
  if (e.keyword !== 'pattern' || !TEXTS.has(ptr.at(-1) ?? '')) return undefined;
  const at = (keys: string[]) => keys.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
  const rule = at(ptr.slice(0, 2)) as { subject?: string };
  const text = String(at(ptr));
  const first = /\{([a-zA-Z0-9_.]+)\}/g;
  const names = [...text.matchAll(first)].map((m) => m[1]!);
  return `${ptr.at(-1)} has a placeholder that is not a ${String(rule.subject)} fact (one of {${names.join('}, {')}}; see docs/rule-language.md)`;
}

export async function loadRuleFile(file: string, displayName = file): Promise<Rule[]> {
  const text = await readInputFile(file, displayName, MAX_SOURCE_BYTES);
  return parseRuleFile(text, displayName, await ruleValidator());
}

export function parseRuleFile(text: string, file: string, validate: Validator): Rule[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const p = lc.linePos(err.pos[0]);
    throw new MigrateError('rules.invalid', `invalid YAML: ${err.message.split('\n')[0]}`, { file, line: p.line, column: p.col });
  }
  const value = boundedToJs(doc, lc, file, 'rules.invalid');
  if (!validate(value)) {
    const e = bestError(validate.errors ?? []);
    const ptr = e.instancePath.split('/').filter(Boolean);
    const extra = e.keyword === 'additionalProperties' ? ` '${String((e.params as { additionalProperty?: string }).additionalProperty)}'` : e.keyword === 'enum' ? ` (${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')})` : '';
    const unknownFact = unknownAttribute(e, ptr, value) ?? unknownPlaceholder(e, ptr, value);
    const message = unknownFact ?? `rule file does not match rule.schema.json: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`;
    throw new MigrateError('rules.invalid', message, {
      file,
      ...positionOf(doc, lc, ptr),
      hint: 'see docs/rule-language.md',
    });
  }
  const data = value as { area: DesignArea; rules: Omit<Rule, 'area' | 'file' | 'line'>[] };
  return data.rules.map((r, i) => {
    const where = positionOf(doc, lc, ['rules', String(i)]);
    const m = RULE_ID_PATTERN.exec(r.id);
    const fail = (msg: string, key: string) => {
      throw new MigrateError('rules.invalid', `rule ${r.id}: ${msg}`, { file, ...positionOf(doc, lc, ['rules', String(i), key]) });
    };
    if (!m) fail('id must be <AREA>-<B|W|I><3 digits>', 'id');
    if (m![1] !== AREA_PREFIX[data.area]) fail(`id prefix ${m![1]} does not match the file's area ${data.area} (${AREA_PREFIX[data.area]})`, 'id');
    if (m![2] !== SEVERITY_LETTER[r.severity]) fail(`id letter ${m![2]} does not agree with severity ${r.severity}`, 'id');
    if (r.escalate && r.subject !== 'function') fail('escalate is only meaningful on function rules', 'escalate');
    const unsafe = unsafeRegexIn(r.condition);
    if (unsafe) {
      throw new MigrateError('rules.invalid', `rule ${r.id}: regex not accepted (${unsafe.reason}); patterns run on RE2: no backreferences or lookaround`, { file, ...positionOf(doc, lc, ['rules', String(i), 'condition', ...unsafe.path]) });
    }
    return { ...r, area: data.area, file, line: where.line };
  });
}

/** The built-in rules parsed at build time (scripts/gen-rules.mjs), beside this module in dist/. */
export const PRECOMPILED_RULES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'builtin-rules.json');

interface RuleFileText {
  display: string;
  text: string;
}

/**
 * What the precompiled rules were parsed from: every built-in rule file, this loader and the modules its checks call
 * (rule ids, RE2 checks, bounded YAML conversion), the rule schema's generated validator and the YAML parser's
 * version. A module that is absent (the sources under test have .ts siblings) counts as absent in both places.
 */
async function builtinStamp(files: RuleFileText[]): Promise<string> {
  const { createHash } = await import('node:crypto');
  const { createRequire } = await import('node:module');
  const here = fileURLToPath(import.meta.url);
  const ext = path.extname(here);
  const modules = [here, ...['rule', 'safe-regex', '../../util/yaml-bounded'].map((m) => path.resolve(path.dirname(here), `${m}${ext}`)), path.resolve(path.dirname(here), '../../model/generated/validators.js')];
  const h = createHash('sha256').update(`yaml ${(createRequire(import.meta.url)('yaml/package.json') as { version: string }).version}`);
  for (const m of modules) h.update(`\0${path.basename(m)}\0`).update(await readFile(m).catch(() => 'absent'));
  for (const f of files) h.update(`\0${f.display}\0${f.text}`);
  return h.digest('hex');
}

async function ruleFileTexts(dir: string, cwd: string, builtin: boolean): Promise<RuleFileText[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new MigrateError('input.not-found', 'rules directory does not exist', { file: path.relative(cwd, dir) || '.' });
  }
  const out: RuleFileText[] = [];
  for (const n of names.filter((x) => /\.ya?ml$/.test(x)).sort(compareStrings)) {
    const abs = path.join(dir, n);
    const display = builtin ? `rules/${n}` : path.relative(cwd, abs).split(path.sep).join('/');
    out.push({ display, text: await readInputFile(abs, display, MAX_SOURCE_BYTES) });
  }
  return out;
}

/** The built-in rules: precompiled when the files still hash to its stamp (a built CLI), parsed otherwise. */
async function builtinRules(precompiled: string): Promise<Rule[]> {
  const files = await ruleFileTexts(BUILTIN_RULES_DIR, BUILTIN_RULES_DIR, true);
  const stamp = await builtinStamp(files);
  const saved = await readFile(precompiled, 'utf8').then(
    (t) => {
      try {
        return JSON.parse(t) as { stamp?: string; rules?: Rule[] };
      } catch {
        return undefined;
      }
    },
    () => undefined,
  );
  if (saved?.stamp === stamp && Array.isArray(saved.rules)) return saved.rules;
  const validate = await ruleValidator();
  return files.flatMap((f) => parseRuleFile(f.text, f.display, validate));
}

/** Parse the built-in rules and write them with their stamp (build time; see scripts/gen-rules.mjs). */
export async function precompileBuiltinRules(outFile = PRECOMPILED_RULES): Promise<void> {
  const files = await ruleFileTexts(BUILTIN_RULES_DIR, BUILTIN_RULES_DIR, true);
  const validate = await ruleValidator();
  const rules = files.flatMap((f) => parseRuleFile(f.text, f.display, validate));
  await writeFile(outFile, `${JSON.stringify({ stamp: await builtinStamp(files), rules })}\n`);
}

/** Load the built-in rules and every *.yaml/*.yml under each extra directory; duplicate ids are an error. */
export async function loadRules(extraDirs: string[] = [], cwd = process.cwd(), precompiled = PRECOMPILED_RULES): Promise<Rule[]> {
  const all = [...(await builtinRules(precompiled))];
  const validate = extraDirs.length > 0 ? await ruleValidator() : undefined;
  for (const dir of extraDirs) {
    for (const f of await ruleFileTexts(path.resolve(cwd, dir), cwd, false)) all.push(...parseRuleFile(f.text, f.display, validate!));
  }
  const seen = new Map<string, string>();
  for (const r of all) {
    const prev = seen.get(r.id);
    if (prev) throw new MigrateError('rules.invalid', `duplicate rule id ${r.id} (first defined in ${prev})`, { file: r.file, line: r.line, column: 5 });
    seen.set(r.id, `${r.file}:${r.line}`);
  }
  return all;
}

// User-rule regexes (`matches`, `not_matches`, `any_matches`) run on RE2, a linear-time engine compiled to
// WebAssembly: a pattern such as `^(a+)+$` cannot backtrack catastrophically, and a pattern RE2 cannot run
// (backreferences, lookaround) is rejected when the rule file loads, at its file:line:column.

import { createRequire } from 'node:module';
import type { Condition } from './condition.js';

export interface SafeRegex {
  test(text: string): boolean;
}

interface Re2Constructor {
  new (pattern: string, flags: string): { test(text: string): boolean };
}

let RE2: Re2Constructor | undefined;
/** re2-wasm is loaded on the first regex, so `migrate --help` never pays for it. */
function engine(): Re2Constructor {
  RE2 ??= (createRequire(import.meta.url)('re2-wasm') as { RE2: Re2Constructor }).RE2;
  return RE2;
}

const cache = new Map<string, SafeRegex>();

/** Compile with RE2 (Unicode mode); throws an Error whose message says why the pattern is not accepted. */
export function compileSafeRegex(pattern: string): SafeRegex {
  let r = cache.get(pattern);
  if (!r) {
    r = new (engine())(pattern, 'u');
    cache.set(pattern, r);
  }
  return r;
}

const REGEX_OPERATORS = new Set(['matches', 'not_matches', 'any_matches']);

/** The first regex in a condition tree that RE2 refuses: its path below the condition and the reason. */
export function unsafeRegexIn(cond: Condition, at: string[] = []): { path: string[]; reason: string } | undefined {
  if ('all' in cond) return firstOf(cond.all, [...at, 'all']);
  if ('any' in cond) return firstOf(cond.any, [...at, 'any']);
  if ('not' in cond) return unsafeRegexIn(cond.not, [...at, 'not']);
  if (!REGEX_OPERATORS.has(cond.op)) return undefined;
  try {
    compileSafeRegex(String(cond.value));
    return undefined;
  } catch (e) {
    return { path: [...at, 'value'], reason: (e as Error).message.replace(/^Invalid regular expression: /, '') };
  }
}

function firstOf(list: Condition[], at: string[]): { path: string[]; reason: string } | undefined {
  for (let i = 0; i < list.length; i++) {
    const found = unsafeRegexIn(list[i]!, [...at, String(i)]);
    if (found) return found;
  }
  return undefined;
}

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
/** Results remembered per pattern: an estate repeats the same tag keys and layer names on thousands of functions. */
const MAX_REMEMBERED = 20_000;

/**
 * Compile with RE2 (Unicode mode); throws an Error whose message says why the pattern is not accepted. Each call
 * into the WebAssembly engine copies the text across, so the answer for a text already tested is remembered.
 */
export function compileSafeRegex(pattern: string): SafeRegex {
  let r = cache.get(pattern);
  if (!r) {
    const re = new (engine())(pattern, 'u');
    const answers = new Map<string, boolean>();
    r = {
      test(text: string): boolean {
        let answer = answers.get(text);
        if (answer === undefined) {
          answer = re.test(text);
          if (answers.size < MAX_REMEMBERED) answers.set(text, answer);
        }
        return answer;
      },
    };
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

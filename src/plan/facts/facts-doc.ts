// The fact list of docs/rule-language.md (between the `facts:start` and `facts:end` markers) is generated from the
// fact table; test/plan/rules-doc.test.ts checks it is current (regenerate with
// `UPDATE_RULES_DOC=1 npx vitest run test/plan/rules-doc.test.ts`).

import { OPS_BY_TYPE } from './fact.js';
import { FACTS, SUBJECTS } from './index.js';

export const FACTS_START = '<!-- facts:start (generated from src/plan/facts by facts-doc.ts; do not edit by hand) -->';
export const FACTS_END = '<!-- facts:end -->';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderFactList(): string {
  const out: string[] = [FACTS_START, ''];
  out.push('Operators by fact type (`exists` and `not_exists` take every type):', '');
  for (const [type, ops] of Object.entries(OPS_BY_TYPE)) out.push(`- \`${type}\`: ${ops.map((o) => `\`${o}\``).join(', ')}`);
  out.push('', `An \`object\` fact also admits \`<name>.<path>\` (any path inside it, e.g. \`tags.owner\`).`, '');
  for (const s of SUBJECTS) {
    out.push(`### ${s}`, '', '| Fact | Type | Defined in | Meaning |', '|---|---|---|---|');
    for (const f of FACTS[s]) out.push(`| \`${f.name}\` | ${f.type} | \`src/plan/facts/${f.origin}.ts\` | ${cell(f.doc)} |`);
    out.push('');
  }
  out.push(FACTS_END);
  return out.join('\n');
}

/** Replace the generated section of a document. */
export function withFactList(doc: string): string {
  const a = doc.indexOf(FACTS_START);
  const b = doc.indexOf(FACTS_END);
  if (a < 0 || b < a) throw new Error('internal: docs/rule-language.md has no facts:start/facts:end markers');
  return `${doc.slice(0, a)}${renderFactList()}${doc.slice(b + FACTS_END.length)}`;
}

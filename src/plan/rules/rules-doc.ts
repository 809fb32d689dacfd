// docs/rules.md is generated from the rule files (test/plan/rules-doc.test.ts checks it is current;
// regenerate with `UPDATE_RULES_DOC=1 npx vitest run test/plan/rules-doc.test.ts`).

import { DESIGN_AREAS } from '../../model/plan.js';
import type { Condition } from './condition.js';
import type { Rule } from './rule.js';

function describeCondition(c: Condition): string {
  if ('all' in c) return c.all.map(describeCondition).join(' and ');
  if ('any' in c) return `(${c.any.map(describeCondition).join(' or ')})`;
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  return c.value === undefined ? `\`${c.attr}\` ${c.op}` : `\`${c.attr}\` ${c.op} \`${JSON.stringify(c.value)}\``;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderRulesDoc(rules: Rule[]): string {
  const out: string[] = [
    '# Plan rules',
    '',
    '<!-- Generated from rules/*.yaml by src/plan/rules/rules-doc.ts. Do not edit by hand. -->',
    '',
    `${rules.length} rules. Ids are \`<AREA>-<B|W|I><number>\`: B blocker, W warning, I info. "inferred" rules encode researched inferences rather than documented facts. The condition language is described in [rule-language.md](rule-language.md).`,
    '',
    '| Area | Blockers | Warnings | Info | Total |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const area of DESIGN_AREAS) {
    const r = rules.filter((x) => x.area === area);
    out.push(`| ${area} | ${r.filter((x) => x.severity === 'blocker').length} | ${r.filter((x) => x.severity === 'warning').length} | ${r.filter((x) => x.severity === 'info').length} | ${r.length} |`);
  }
  out.push('');
  for (const area of DESIGN_AREAS) {
    out.push(`## ${area}`, '');
    for (const r of rules.filter((x) => x.area === area)) {
      out.push(`### ${r.id}: ${r.title}`, '');
      out.push(`- **Severity:** ${r.severity}${r.escalate ? ` (forces ${r.escalate} hosting)` : ''}; **confidence:** ${r.confidence}; **subject:** ${r.subject}`);
      out.push(`- **When:** ${cell(describeCondition(r.condition))}`);
      out.push(`- **Message:** ${cell(r.message)}`);
      out.push(`- **Recommendation:** ${cell(r.recommendation)}`);
      if (r.day0) out.push(`- **Day-0 step:** ${cell(r.day0)}`);
      out.push(`- **Source:** <${r.docs}> · defined in \`${r.file}:${r.line}\``, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

// rules/rule.schema.json is generated from the fact table: per subject, the `attr` names a condition may read
// (an `object` fact also admits `<name>.<path>`), the operators each fact type takes, and the value each operator
// needs. test/plan/rule-schema.test.ts checks the file is current; regenerate with
// `UPDATE_RULE_SCHEMA=1 npx vitest run test/plan/rule-schema.test.ts`.

import { DESIGN_AREAS, SEVERITIES } from '../../model/plan.js';
import { stableStringify } from '../../util/json.js';
import { OPERATOR_NAMES } from '../rules/condition.js';
import { COMMON_OPS, OPS_BY_TYPE, type FactType } from './fact.js';
import { FACTS, SUBJECTS } from './index.js';

const NO_VALUE = ['exists', 'not_exists', 'is_true', 'is_not_true', 'empty', 'not_empty'];
const VALUE_BY_OP: [string[], object][] = [
  [['gt', 'gte', 'lt', 'lte', 'length_gt'], { type: 'number' }],
  [['in', 'not_in', 'contains_any'], { type: 'array' }],
  [['matches', 'not_matches', 'any_matches'], { type: 'string' }],
];
const VALUE_BY_TYPE: Partial<Record<FactType, object>> = {
  boolean: { type: 'boolean' },
  number: { anyOf: [{ type: 'number' }, { type: 'array', items: { type: 'number' } }] },
  string: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }] },
  'string[]': { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }] },
  list: { type: 'number' },
  object: { type: 'number' },
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function leaf(subject: (typeof SUBJECTS)[number]): object {
  const facts = FACTS[subject];
  const names = facts.map((f) => f.name);
  const objects = facts.filter((f) => f.type === 'object').map((f) => escape(f.name));
  const byType = (Object.keys(OPS_BY_TYPE) as FactType[]).flatMap((type) => {
    const of = facts.filter((f) => f.type === type).map((f) => f.name);
    if (of.length === 0) return [];
    return [{ if: { properties: { attr: { enum: of } } }, then: { properties: { op: { enum: [...OPS_BY_TYPE[type], ...COMMON_OPS] }, value: VALUE_BY_TYPE[type] ?? {} } } }];
  });
  const byOp = [
    { if: { properties: { op: { enum: NO_VALUE } } }, then: { not: { required: ['value'] } } },
    { if: { properties: { op: { not: { enum: NO_VALUE } } } }, then: { required: ['value'] } },
    ...VALUE_BY_OP.map(([ops, value]) => ({ if: { properties: { op: { enum: ops } } }, then: { properties: { value } } })),
  ];
  return {
    type: 'object',
    additionalProperties: false,
    required: ['attr', 'op'],
    properties: {
      attr: {
        description: `A ${subject} fact (docs/rule-language.md)`,
        anyOf: [{ enum: names }, ...(objects.length > 0 ? [{ type: 'string', pattern: `^(${objects.join('|')})\\.[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$` }] : [])],
      },
      op: { enum: OPERATOR_NAMES },
      value: {},
    },
    allOf: [...byType, ...byOp],
  };
}

/** Message texts: every `{path}` placeholder starts with a fact of the subject (otherwise it would print as is). */
function texts(subject: (typeof SUBJECTS)[number]): object {
  const names = FACTS[subject].map((f) => escape(f.name)).join('|');
  return { type: 'string', pattern: `^(?:[^{]|\\{(?![a-zA-Z0-9_.]+\\})|\\{(?:${names})(?:\\.[a-zA-Z0-9_]+)*\\})*$` };
}

function condition(subject: string): object {
  const self = { $ref: `#/definitions/${subject}Condition` };
  return {
    oneOf: [
      { type: 'object', additionalProperties: false, required: ['all'], properties: { all: { type: 'array', minItems: 1, items: self } } },
      { type: 'object', additionalProperties: false, required: ['any'], properties: { any: { type: 'array', minItems: 1, items: self } } },
      { type: 'object', additionalProperties: false, required: ['not'], properties: { not: self } },
      { $ref: `#/definitions/${subject}Fact` },
    ],
  };
}

export function ruleSchema(): object {
  const definitions: Record<string, object> = {
    rule: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'title', 'severity', 'subject', 'condition', 'message', 'recommendation', 'docs', 'confidence'],
      properties: {
        id: { type: 'string', pattern: '^(CAP|IDN|DEP|MON|DPN|GOV)-[BWI][0-9]{3}$' },
        title: { type: 'string', minLength: 3 },
        severity: { enum: SEVERITIES },
        subject: { enum: SUBJECTS },
        condition: { type: 'object' },
        message: { type: 'string', minLength: 3 },
        recommendation: { type: 'string', minLength: 3 },
        day0: { type: 'string' },
        docs: { type: 'string', pattern: '^https://' },
        confidence: { enum: ['documented', 'inferred'] },
        escalate: { enum: ['Premium', 'Dedicated'] },
        locateAt: { enum: ['code'] },
      },
      allOf: SUBJECTS.map((s) => ({
        if: { properties: { subject: { const: s } }, required: ['subject'] },
        then: { properties: { condition: { $ref: `#/definitions/${s}Condition` }, message: { $ref: `#/definitions/${s}Text` }, recommendation: { $ref: `#/definitions/${s}Text` }, day0: { $ref: `#/definitions/${s}Text` } } },
      })),
    },
  };
  for (const s of SUBJECTS) {
    definitions[`${s}Condition`] = condition(s);
    definitions[`${s}Fact`] = leaf(s);
    definitions[`${s}Text`] = texts(s);
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/lambda-to-functions/rules/rule.schema.json',
    title: 'migrate plan rule file',
    $comment: 'Generated from the fact table (src/plan/facts) by src/plan/facts/schema.ts. Do not edit by hand.',
    type: 'object',
    additionalProperties: false,
    required: ['area', 'rules'],
    properties: { area: { enum: DESIGN_AREAS }, rules: { type: 'array', items: { $ref: '#/definitions/rule' } } },
    definitions,
  };
}

export const renderRuleSchema = (): string => stableStringify(ruleSchema());

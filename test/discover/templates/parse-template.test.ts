import { describe, expect, it } from 'vitest';
import { parseTemplateText } from '../../../src/discover/templates/parse-template.js';
import { MigrateError } from '../../../src/util/errors.js';

describe('template parser', () => {
  it('turns every short form into long form', () => {
    const { body } = parseTemplateText(
      ['a: !Ref X', 'b: !GetAtt Q.Arn', 'c: !Sub [ "${A}", { A: !Ref Y } ]', 'd: !If [C, !Join ["-", [x, y]], !Ref AWS::NoValue]', 'e: !Select [0, !GetAZs ""]', 'f: !FindInMap [M, k1, k2]', 'g: !Condition C', 'h: !Base64 x'].join('\n'),
      'template.yaml',
    );
    expect(body).toEqual({
      a: { Ref: 'X' },
      b: { 'Fn::GetAtt': ['Q', 'Arn'] },
      c: { 'Fn::Sub': ['${A}', { A: { Ref: 'Y' } }] },
      d: { 'Fn::If': ['C', { 'Fn::Join': ['-', ['x', 'y']] }, { Ref: 'AWS::NoValue' }] },
      e: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      f: { 'Fn::FindInMap': ['M', 'k1', 'k2'] },
      g: { Condition: 'C' },
      h: { 'Fn::Base64': 'x' },
    });
  });

  it('records 1-based positions of mappings and keys, for JSON too', () => {
    const yaml = parseTemplateText('Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n', 'template.yaml');
    const resources = (yaml.body as Record<string, unknown>).Resources;
    expect(yaml.positions.key(resources, 'Fn')).toEqual({ line: 2, column: 3 });
    const json = parseTemplateText('{\n\t"Resources": {\n\t\t"Fn": {"Type": "AWS::Lambda::Function"}\n\t}\n}\n', 'x.template.json');
    expect(json.positions.key((json.body as Record<string, unknown>).Resources, 'Fn')).toEqual({ line: 3, column: 3 });
  });

  it('fails malformed YAML with input.parse at line:column', () => {
    expect(() => parseTemplateText('a: 1\n b: 2\n  - c\n', 'template.yaml')).toThrow(MigrateError);
    try {
      parseTemplateText('Resources:\n  A:\n    Type: x\n   Properties: {}\n', 'template.yaml');
    } catch (e) {
      expect((e as MigrateError).code).toBe('input.parse');
      expect((e as MigrateError).toOneLine()).toMatch(/^template\.yaml:4:\d+: malformed YAML/);
    }
  });

  it('holds .json files to strict JSON (trailing commas are YAML, not JSON)', () => {
    expect(() => parseTemplateText('{"a": 1,}', 'template.json')).toThrow(/malformed JSON/);
    expect(() => parseTemplateText('{"a": 1,}', 'template.yaml')).not.toThrow();
  });

  it('rejects duplicate keys and keeps unknown tags as data with a note', () => {
    expect(() => parseTemplateText('a: 1\na: 2\n', 'template.yaml')).toThrow(/unique/);
    const p = parseTemplateText('a: !Custom value\n', 'template.yaml');
    expect(p.body).toEqual({ a: 'value' });
    expect(p.unknownTags).toEqual([{ tag: '!Custom', pos: { line: 1, column: 12 } }]);
  });

  it('merges anchors and does not pollute prototypes', () => {
    const p = parseTemplateText('base: &b { x: 1 }\nderived:\n  <<: *b\n  y: 2\n__proto__: { polluted: true }\n', 'template.yaml');
    expect((p.body as Record<string, unknown>).derived).toEqual({ x: 1, y: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

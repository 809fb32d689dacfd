// Flow collections closed at their parent's indentation parse as PyYAML parses them; nothing else changes.

import { describe, expect, it } from 'vitest';
import { parseTemplateText } from '../../../src/discover/templates/parse-template.js';
import { MigrateError } from '../../../src/util/errors.js';

const parse = (text: string) => parseTemplateText(text, 'template.yaml').body;

describe('flow collections at the parent indentation', () => {
  it('reads a flow map whose content and closing brace sit left of the key, with quotes, comments and nesting', () => {
    const text = ['Resources:', '  Fn:', '    Properties:', '      Tags: {', "      team: 'a, {b}',  # not a brace: {", '      nested: [1, {x: "}"}],', '    }', '      Code: |', '        if (x) {', '      Other: 1', ''].join('\n');
    expect(parse(text)).toEqual({ Resources: { Fn: { Properties: { Tags: { team: 'a, {b}', nested: [1, { x: '}' }] }, Code: 'if (x) {\n', Other: 1 } } } });
  });

  it('reads a flow sequence closed at column 1 and keeps line numbers of what follows', () => {
    const text = ['Items: [', 'a,', 'b', ']', 'After: {', '  k: v', '}', 'Bad: [', ''].join('\n');
    try {
      parse(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MigrateError);
      expect((e as MigrateError).line).toBeGreaterThanOrEqual(8);
    }
    expect(parse(text.replace('Bad: [\n', ''))).toEqual({ Items: ['a', 'b'], After: { k: 'v' } });
  });
});

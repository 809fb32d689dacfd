// Large templates are parsed in pieces; the result must be what the whole-document parse gives.
import { describe, expect, it } from 'vitest';
import { parseLargeTemplate } from '../../../src/discover/templates/parse-large-template.js';
import { type ParsedFile, parsePiece, Positions } from '../../../src/discover/templates/parse-template.js';

function whole(text: string, file: string): ParsedFile {
  const positions = new Positions();
  const unknownTags: ParsedFile['unknownTags'] = [];
  return { body: parsePiece(text, file, 0, positions, unknownTags), positions, unknownTags };
}

function template(n: number): string {
  const fns = Array.from({ length: n }, (_, i) => `  Fn${i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: src/h${i}.handler\n      Runtime: nodejs22.x\n      Environment:\n        Variables:\n          TABLE: !Ref Table\n          NAME: !Sub "\${AWS::StackName}-${i}"\n      Events:\n        Api:\n          Type: Api\n          Properties: { Path: /f${i}, Method: get }\n      Layers: [!Ref Layer, ${JSON.stringify('x'.repeat(200))}]\n`).join('');
  return `---\n# a large template\nAWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nParameters:\n  Stage: {Type: String, Default: prod}\nResources:\n  Table:\n    Type: AWS::DynamoDB::Table\n${fns}Outputs:\n  Api:\n    Value: !GetAtt Fn1.Arn\n`;
}

describe('parseLargeTemplate', () => {
  const text = template(1500);
  const big = parseLargeTemplate(text, 'template.yaml');
  const ref = whole(text, 'template.yaml');

  it('gives the same data as the whole-document parse', () => {
    expect(big).toBeDefined();
    expect(JSON.stringify(big!.body)).toBe(JSON.stringify(ref.body));
  });

  it('keeps the file positions of resources and their keys', () => {
    const res = (p: ParsedFile) => (p.body as { Resources: Record<string, Record<string, unknown>> }).Resources;
    for (const name of ['Table', 'Fn0', 'Fn777', 'Fn1499']) {
      expect(big!.positions.key(res(big!), name)).toEqual(ref.positions.key(res(ref), name));
      expect(big!.positions.of(res(big!)[name])).toEqual(ref.positions.of(res(ref)[name]));
      expect(big!.positions.key(res(big!)[name], 'Properties')).toEqual(ref.positions.key(res(ref)[name], 'Properties'));
    }
  });

  it('falls back to the whole-document parse for anchors, repeated keys and pieces that do not parse', () => {
    expect(parseLargeTemplate(`${text}Extra: &a [1]\nMore: *a\n`, 'template.yaml')).toBeUndefined();
    expect(parseLargeTemplate(`${text}Outputs: {}\n`, 'template.yaml')).toBeUndefined();
    expect(parseLargeTemplate(`${text}  Broken: [\n`, 'template.yaml')).toBeUndefined();
  });

  it('parses a large JSON template with JSON.parse', () => {
    const json = JSON.stringify({ Resources: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`F${i}`, { Type: 'AWS::Lambda::Function' }])) });
    expect(parseLargeTemplate(json, 't.json')!.body).toEqual(JSON.parse(json));
  });
});

import { describe, expect, it } from 'vitest';
import { IntrinsicResolver } from '../../../src/discover/templates/intrinsics.js';
import { Symbolic } from '../../../src/discover/templates/symbolic.js';
import { parseTemplateText } from '../../../src/discover/templates/parse-template.js';
import { isMigrateError } from '../../../src/util/errors.js';

const TEMPLATE = `
Parameters:
  Env: { Type: String, Default: prod }
  Secret: { Type: String, NoEcho: true }
  Subnets: { Type: CommaDelimitedList, Default: "a,b,c" }
Mappings:
  Sizes:
    prod: { Memory: 1024 }
    dev: { Memory: 128 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  InUsEast: !Equals [!Ref "AWS::Region", us-east-1]
  Both: !And [!Condition IsProd, !Condition InUsEast]
  Either: !Or [!Condition IsProd, !Condition InUsEast]
Resources:
  Queue: { Type: AWS::SQS::Queue }
Values:
  ref: !Ref Env
  refNoDefault: !Ref Secret
  refResource: !Ref Queue
  refMissing: !Ref Nowhere
  pseudoPartition: !Ref AWS::Partition
  pseudoSuffix: !Ref AWS::URLSuffix
  pseudoRegion: !Ref AWS::Region
  getatt: !GetAtt Queue.Arn
  getattLong: { "Fn::GetAtt": [Queue, QueueName] }
  subKnown: !Sub "app-\${Env}-\${AWS::Partition}"
  subUnknown: !Sub "arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:\${Queue.QueueName}"
  subVars: !Sub ["\${Name}-x", { Name: !Ref Env }]
  subEscape: !Sub "\${!Literal}-\${Env}"
  join: !Join ["-", [a, !Ref Env, 3]]
  joinUnknown: !Join ["-", [a, !Ref Queue]]
  select: !Select [1, !Ref Subnets]
  selectSplit: !Select [2, !Split [",", "x,y,z"]]
  selectAz: !Select [0, !GetAZs ""]
  ifTrue: !If [IsProd, yes, no]
  ifUnknown: !If [InUsEast, east, other]
  findInMap: !FindInMap [Sizes, !Ref Env, Memory]
  findInMapUnknown: !FindInMap [Sizes, !Ref "AWS::Region", Memory]
  importValue: !ImportValue { "Fn::Sub": "\${Env}-VpcId" }
  base64: !Base64 hello
  noValue: [a, !Ref AWS::NoValue, b]
  toJson: { "Fn::ToJsonString": { a: !Ref Env } }
`;

function setup(text = TEMPLATE) {
  const parsed = parseTemplateText(text, 'template.yaml');
  const body = parsed.body as Record<string, Record<string, unknown>>;
  const warnings: string[] = [];
  const r = new IntrinsicResolver(body, { file: 'template.yaml', warn: (w) => warnings.push(w.code), conditionPosition: (n) => parsed.positions.key(body.Conditions, n) });
  const values = body.Values!;
  return { r, values, warnings };
}

describe('intrinsic resolver', () => {
  const { r, values, warnings } = setup();
  const v = (k: string) => r.resolve(values[k]);
  const sym = (k: string) => (v(k) as Symbolic).symbol;

  it('resolves Ref to parameter defaults and keeps the rest symbolic', () => {
    expect(v('ref')).toBe('prod');
    expect(sym('refNoDefault')).toBe('Ref:Secret');
    expect(sym('refResource')).toBe('Ref:Queue');
    expect(sym('refMissing')).toBe('Ref:Nowhere');
    expect(warnings).toContain('template.unresolved-ref');
  });

  it('knows only the partition-wide pseudo parameters', () => {
    expect(v('pseudoPartition')).toBe('aws');
    expect(v('pseudoSuffix')).toBe('amazonaws.com');
    expect(sym('pseudoRegion')).toBe('Ref:AWS::Region');
  });

  it('keeps GetAtt symbolic in both forms', () => {
    expect(sym('getatt')).toBe('GetAtt:Queue.Arn');
    expect(sym('getattLong')).toBe('GetAtt:Queue.QueueName');
  });

  it('evaluates Sub in both forms, with escapes, and partially when something is unknowable', () => {
    expect(v('subKnown')).toBe('app-prod-aws');
    expect(sym('subUnknown')).toBe('Sub:arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:${Queue.QueueName}');
    expect(v('subVars')).toBe('prod-x');
    expect(v('subEscape')).toBe('${Literal}-prod');
  });

  it('evaluates Join, Select, Split and GetAZs', () => {
    expect(v('join')).toBe('a-prod-3');
    expect(sym('joinUnknown')).toBe('Join:a-{Ref:Queue}');
    expect(v('select')).toBe('b');
    expect(v('selectSplit')).toBe('z');
    expect(sym('selectAz')).toBe('Select:0:GetAZs:{Ref:AWS::Region}');
  });

  it('evaluates conditions and If, symbolic when the condition depends on the region', () => {
    expect(r.condition('IsProd')).toBe(true);
    expect(r.condition('IsDev')).toBe(false);
    expect(r.condition('InUsEast')).toBeUndefined();
    expect(r.condition('Both')).toBeUndefined();
    expect(r.condition('Either')).toBe(true);
    expect(v('ifTrue')).toBe('yes');
    expect(sym('ifUnknown')).toBe('If:InUsEast');
  });

  it('evaluates FindInMap, ImportValue, Base64, NoValue and ToJsonString', () => {
    expect(v('findInMap')).toBe(1024);
    expect(r.num(values.findInMap)).toBe(1024);
    expect(sym('findInMapUnknown')).toBe('FindInMap:Sizes.{Ref:AWS::Region}.Memory');
    expect(sym('importValue')).toBe('ImportValue:prod-VpcId');
    expect(v('base64')).toBe(Buffer.from('hello').toString('base64'));
    expect(v('noValue')).toEqual(['a', 'b']);
    expect(v('toJson')).toBe('{"a":"prod"}');
  });

  it('returns plain {symbol} values from str() for the inventory', () => {
    expect(r.str(values.getatt)).toEqual({ symbol: 'GetAtt:Queue.Arn' });
    expect(r.str(values.ref)).toBe('prod');
    expect(r.str(undefined)).toBeUndefined();
  });

  it('never throws on garbage intrinsics', () => {
    const garbage = [{ 'Fn::Select': 'x' }, { 'Fn::Join': 5 }, { 'Fn::Sub': [] }, { 'Fn::If': [] }, { 'Fn::FindInMap': [null] }, { Ref: { Ref: 'x' } }, { 'Fn::Nope': 1 }, { 'Fn::GetAtt': 7 }];
    for (const g of garbage) expect(() => r.resolve(g)).not.toThrow();
  });

  it('reports a circular condition as input.circular with the condition position', () => {
    const { r: cyc } = setup(`
Conditions:
  A: !Condition B
  B: !And [!Condition A, !Condition A]
Resources: {}
Values: {}
`);
    try {
      cyc.condition('A');
      expect.unreachable();
    } catch (e) {
      expect(isMigrateError(e)).toBe(true);
      expect((e as { code: string }).code).toBe('input.circular');
      expect((e as { line: number }).line).toBe(3); // the condition that closes the loop
      expect((e as Error).message).toContain('A → B → A');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseSourceArn, splitFunctionArn } from '../../../src/discover/aws/arn.js';
import { decodeResourcePolicy, grantsFunctionUrl } from '../../../src/discover/aws/decode-resource-policy.js';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:f';
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement });
const allow = (service: string, sourceArn?: string, extra: object = {}) => ({
  Sid: service,
  Effect: 'Allow',
  Principal: { Service: service },
  Action: 'lambda:InvokeFunction',
  Resource: FN,
  ...(sourceArn ? { Condition: { ArnLike: { 'AWS:SourceArn': sourceArn } } } : {}),
  ...extra,
});

describe('decodeResourcePolicy', () => {
  it.each([
    ['apigateway.amazonaws.com', 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/items/{id}', 'apigateway', { service: 'apigateway', apiId: 'abc123', stage: 'prod', method: 'GET', path: '/items/{id}' }],
    ['s3.amazonaws.com', 'arn:aws:s3:::my-bucket', 's3', { service: 's3', bucket: 'my-bucket' }],
    ['sns.amazonaws.com', 'arn:aws:sns:us-east-1:123456789012:topic', 'sns', { service: 'sns', topicArn: 'arn:aws:sns:us-east-1:123456789012:topic' }],
    ['events.amazonaws.com', 'arn:aws:events:us-east-1:123456789012:rule/custom-bus/my-rule', 'events', { service: 'events', ruleName: 'my-rule', eventBus: 'custom-bus' }],
    ['logs.amazonaws.com', 'arn:aws:logs:us-east-1:123456789012:log-group:/app/x:*', 'logs', { service: 'logs', logGroup: '/app/x' }],
    ['elasticloadbalancing.amazonaws.com', 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/0123456789abcdef', 'elb', { service: 'elb', targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/0123456789abcdef' }],
    ['iot.amazonaws.com', 'arn:aws:iot:us-east-1:123456789012:rule/my_rule', 'iot', { service: 'iot', ruleName: 'my_rule' }],
    ['cognito-idp.amazonaws.com', 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC', 'cognito', { service: 'cognito', userPoolId: 'us-east-1_AbC', userPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC' }],
    ['ses.amazonaws.com', undefined, 'other', undefined],
    ['secretsmanager.amazonaws.com', undefined, 'other', undefined],
    ['alexa-appkit.amazon.com', undefined, 'other', undefined],
    ['lex.amazonaws.com', 'arn:aws:lex:us-east-1:123456789012:intent:x:*', 'other', { service: 'other', arn: 'arn:aws:lex:us-east-1:123456789012:intent:x:*' }],
  ])('%s → %s', (service, sourceArn, principal, source) => {
    const [ps] = decodeResourcePolicy(policy(allow(service, sourceArn)));
    expect(ps!.principal).toBe(principal);
    expect(ps!.principalName).toBe(service);
    expect(ps!.source).toEqual(source);
  });

  it('recognises a function URL statement and its auth type', () => {
    const [ps] = decodeResourcePolicy(policy({ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: FN, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } }));
    expect(ps).toMatchObject({ principal: 'function-url', principalName: '*', functionUrlAuthType: 'NONE' });
  });

  it('treats an account principal as a cross-account caller and keeps SourceAccount', () => {
    const [ps] = decodeResourcePolicy(policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'lambda:InvokeFunction', Resource: FN, Condition: { StringEquals: { 'AWS:SourceAccount': '210987654321' } } }));
    expect(ps).toMatchObject({ principal: 'account', sourceAccount: '210987654321' });
  });

  it('ignores Deny statements, other actions and unparseable text; keeps the qualifier', () => {
    expect(decodeResourcePolicy(policy({ ...allow('s3.amazonaws.com'), Effect: 'Deny' }))).toEqual([]);
    expect(decodeResourcePolicy(policy({ ...allow('s3.amazonaws.com'), Action: 'lambda:GetFunction' }))).toEqual([]);
    expect(decodeResourcePolicy('not json')).toEqual([]);
    expect(decodeResourcePolicy(policy(allow('sns.amazonaws.com')), 'live')[0]!.qualifier).toBe('live');
  });

  it('reads the condition key whatever its case and operator', () => {
    const [ps] = decodeResourcePolicy(policy({ ...allow('s3.amazonaws.com'), Condition: { ArnEquals: { 'aws:sourcearn': ['arn:aws:s3:::b'] } } }));
    expect(ps!.source).toEqual({ service: 's3', bucket: 'b' });
  });
});

describe('SourceArn and function ARN parsing', () => {
  it('drops wildcard segments of execute-api ARNs', () => {
    expect(parseSourceArn('arn:aws:execute-api:eu-west-1:1:api/*/*/*')).toEqual({ service: 'apigateway', apiId: 'api', stage: undefined, method: undefined, path: undefined });
    expect(parseSourceArn('arn:aws:execute-api:eu-west-1:1:api/*')).toMatchObject({ apiId: 'api', stage: undefined });
  });
  it('reads rules on the default bus', () => {
    expect(parseSourceArn('arn:aws:events:us-east-1:1:rule/r')).toEqual({ service: 'events', ruleName: 'r' });
  });
  it('keeps what it does not understand', () => {
    expect(parseSourceArn('arn:aws:logs:us-east-1:1:destination:x')).toEqual({ service: 'other', arn: 'arn:aws:logs:us-east-1:1:destination:x' });
    expect(parseSourceArn('nonsense')).toEqual({ service: 'other', arn: 'nonsense' });
  });
  it('splits qualified function ARNs, including stage-variable qualifiers', () => {
    expect(splitFunctionArn(`${FN}:live`)).toEqual({ base: FN, qualifier: 'live' });
    expect(splitFunctionArn(`${FN}:$LATEST`)).toEqual({ base: FN, qualifier: '$LATEST' });
    expect(splitFunctionArn(`${FN}:\${stageVariables.alias}`)).toEqual({ base: FN, qualifier: '${stageVariables.alias}' });
    expect(splitFunctionArn(FN)).toEqual({ base: FN });
  });
});

describe('grantsFunctionUrl', () => {
  const doc = (Action: unknown, Effect = 'Allow') => JSON.stringify({ Statement: [{ Effect, Principal: '*', Action }] });
  it.each([
    ['lambda:InvokeFunctionUrl', true],
    [['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl'], true],
    ['lambda:*', true],
    ['lambda:Invoke*', true],
    ['*', true],
    ['LAMBDA:invokefunctionurl', true],
    ['lambda:InvokeFunction', false],
    ['lambda:Get*', false],
    [42, false],
  ])('%j → %s', (action, expected) => expect(grantsFunctionUrl(doc(action))).toBe(expected));
  it('ignores Deny statements and unparseable text', () => {
    expect(grantsFunctionUrl(doc('lambda:InvokeFunctionUrl', 'Deny'))).toBe(false);
    expect(grantsFunctionUrl('{not json')).toBe(false);
  });
});

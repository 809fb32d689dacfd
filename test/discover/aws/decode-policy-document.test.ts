import { describe, expect, it } from 'vitest';
import { parsePolicyDocument, statementsOf, trustedServicesOf } from '../../../src/discover/aws/decode-policy-document.js';

const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*'], Condition: { Bool: { 'aws:SecureTransport': 'true' } } }, { Effect: 'Deny', NotAction: ['iam:*'], Resource: '*' }] };

describe('IAM policy documents', () => {
  it('URL-decodes documents as IAM returns them (RFC 3986), and reads plain JSON too', () => {
    const encoded = encodeURIComponent(JSON.stringify(doc));
    expect(encoded.startsWith('%7B')).toBe(true);
    expect(parsePolicyDocument(encoded)).toEqual(doc);
    expect(parsePolicyDocument(JSON.stringify(doc))).toEqual(doc);
    expect(parsePolicyDocument('%E0%A4%A')).toBeUndefined();
    expect(parsePolicyDocument(undefined)).toBeUndefined();
  });

  it('normalises statements: single values become arrays, NotAction and conditions are kept', () => {
    expect(statementsOf(doc)).toEqual([
      { effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'], conditions: { Bool: { 'aws:SecureTransport': 'true' } } },
      { effect: 'Deny', actions: [], notActions: ['iam:*'], resources: ['*'] },
    ]);
    expect(statementsOf({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } })).toEqual([{ effect: 'Allow', actions: ['*'], resources: ['*'] }]);
  });

  it('lists the services a trust policy lets assume the role', () => {
    const trust = { Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }, { Effect: 'Deny', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    expect(trustedServicesOf(trust)).toEqual(['edgelambda.amazonaws.com', 'lambda.amazonaws.com']);
  });
});

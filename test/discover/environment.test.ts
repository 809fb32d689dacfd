import { describe, expect, it } from 'vitest';
import { classifyEnvVar, classifyEnvironment, looksHighEntropy } from '../../src/discover/environment.js';

const opts = { includeValues: true };

describe('classifyEnvVar', () => {
  it('keeps plain values only with includeValues', () => {
    expect(classifyEnvVar('TABLE', 'orders', opts)).toEqual({ name: 'TABLE', kind: 'plain', value: 'orders' });
    expect(classifyEnvVar('TABLE', 'orders', { includeValues: false })).toEqual({ name: 'TABLE', kind: 'plain' });
  });

  it.each([
    ['KEY', 'AKIAIOSFODNN7EXAMPLE', 'aws-access-key-id'],
    ['DB_URL', 'postgres://admin:hunter2@db.internal:5432/app', 'url-with-credentials'],
    ['STORAGE', 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc==', 'connection-string-with-credentials'],
    ['DB_PASSWORD', 'correct horse', 'name:DB_PASSWORD'],
    ['SLACK', 'xoxb-1234567890-abcdefghij', 'slack-token'],
    ['RANDOM', 'q8Zr2+Lm9vXw4Tt7Kp1Ys6Bn3', 'high-entropy'],
  ])('never writes %s even with includeValues', (name, value, reason) => {
    const v = classifyEnvVar(name, value, opts);
    expect(v).toEqual({ name, kind: 'secret-like', reason });
    expect(JSON.stringify(v)).not.toContain(value);
  });

  it('records secret store references with their source', () => {
    expect(classifyEnvVar('S', '{{resolve:secretsmanager:prod/db:SecretString:password}}', opts)).toEqual({
      name: 'S',
      kind: 'secret-reference',
      secret: { source: 'secretsmanager', ref: 'prod/db:SecretString:password' },
    });
    expect(classifyEnvVar('P', { symbol: 'Sub:{{resolve:ssm:/app/url}}' }, opts).secret).toEqual({ source: 'ssm', ref: '/app/url' });
    expect(classifyEnvVar('K', '${ssm:/sls/key}', opts).secret).toEqual({ source: 'serverless-ssm', ref: '/sls/key' });
    expect(classifyEnvVar('A', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf', opts).kind).toBe('secret-reference');
  });

  it('treats a Ref to a NoEcho parameter as a secret reference and other refs as references', () => {
    const noEchoParameters = new Set(['DbPassword']);
    expect(classifyEnvVar('DB', { symbol: 'Ref:DbPassword' }, { includeValues: false, noEchoParameters }).secret).toEqual({
      source: 'noecho-parameter',
      ref: 'DbPassword',
    });
    expect(classifyEnvVar('T', { symbol: 'Ref:OrdersTable' }, { includeValues: false, noEchoParameters })).toEqual({
      name: 'T',
      kind: 'reference',
      value: 'Ref:OrdersTable',
    });
  });

  it('does not flag identifiers as high entropy', () => {
    expect(looksHighEntropy('arn:aws:sqs:us-east-1:123456789012:orders-Queue-1AB2CD3EF4')).toBe(false);
    expect(looksHighEntropy('3f2b8c9e-1d4a-4e6b-9c7d-2a1b3c4d5e6f')).toBe(false);
    expect(looksHighEntropy('https://api.example.com/v1/orders?x=1')).toBe(false);
    expect(looksHighEntropy('my-service-production-orders')).toBe(false);
    expect(looksHighEntropy('ledger.cluster-c9x2kq7h1bzm.us-east-1.rds.amazonaws.com')).toBe(false);
  });

  it('sorts by name', () => {
    expect(classifyEnvironment({ B: 'x', A: 'y' }, opts).map((v) => v.name)).toEqual(['A', 'B']);
  });
});

describe('secrets inside intrinsic values and secret pointers', () => {
  const opts = { includeValues: true };
  it('finds credentials in the text of a symbolic Sub and in the parts of a value', () => {
    expect(classifyEnvVar('DB', { symbol: 'Sub:postgres://admin:pw1234@${Host}/db' }, opts)).toMatchObject({ kind: 'secret-like', reason: 'url-with-credentials' });
    const partsOf = () => ({ strings: ['plain', 'Bearer abcdefghijklmnop'], noEcho: [] });
    expect(classifyEnvVar('H', { symbol: 'If:Unknown' }, { ...opts, partsOf })).toMatchObject({ kind: 'secret-like', reason: 'authorization-header' });
    expect(classifyEnvVar('U', 'https://x.example/v1?apikey=abcdef123456', opts)).toMatchObject({ kind: 'secret-like', reason: 'query-string-secret' });
  });
  it('makes any value built from a NoEcho parameter a reference to it', () => {
    expect(classifyEnvVar('P', { symbol: 'Sub:postgres://u:${DbPass}@h/db' }, { ...opts, noEchoParameters: new Set(['DbPass']) })).toEqual({ name: 'P', kind: 'secret-reference', secret: { source: 'noecho-parameter', ref: 'DbPass' } });
    expect(classifyEnvVar('P', { symbol: 'If:IsProd' }, { ...opts, partsOf: () => ({ strings: [], noEcho: ['DbPass'] }) }).kind).toBe('secret-reference');
  });
  it('treats the name or ARN of a secret as a reference, but not a secret-shaped value', () => {
    expect(classifyEnvVar('SECRET_ID', 'ledger/signing', opts)).toEqual({ name: 'SECRET_ID', kind: 'secret-reference', secret: { source: 'secretsmanager', ref: 'ledger/signing' } });
    expect(classifyEnvVar('DB_SECRET_NAME', 'prod/db', opts).kind).toBe('secret-reference');
    expect(classifyEnvVar('SECRET_ID', 'AKIAIOSFODNN7EXAMPLE', opts).kind).toBe('secret-like');
    expect(classifyEnvVar('CLIENT_SECRET', 'ledger/signing', opts).kind).toBe('secret-like');
  });
});

import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/model/inventory.js';
import { analyseRole, mergeAssignments } from '../../src/plan/identity.js';
import { mapFunctionTriggers } from '../../src/plan/map-trigger.js';
import { makeFunction } from './support/inventory.js';

const role = (actions: string[], extra: Partial<Role> = {}): Role => ({
  id: 'r',
  name: 'OrdersRole',
  trustedServices: ['lambda.amazonaws.com'],
  policies: [{ name: 'p', kind: 'inline', statements: [{ effect: 'Allow', actions, resources: ['*'] }] }],
  ...extra,
});

describe('analyseRole', () => {
  it('maps data-plane actions to built-in roles with GUIDs on the matching scope', () => {
    const a = analyseRole(role(['s3:GetObject', 's3:PutObject', 'dynamodb:Query', 'dynamodb:PutItem', 'secretsmanager:GetSecretValue', 'sqs:SendMessage']), { serviceBus: false });
    const byRole = Object.fromEntries(a.assignments.map((x) => [x.role, x]));
    expect(byRole['Storage Blob Data Reader']).toMatchObject({ roleDefinitionId: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1', scope: { kind: 'storage-account' } });
    expect(byRole['Storage Blob Data Contributor']?.roleDefinitionId).toBe('ba92f5b4-2d11-453d-a403-e96b0029c9fe');
    expect(byRole['Cosmos DB Built-in Data Reader']?.scope.kind).toBe('cosmos-db');
    expect(byRole['Cosmos DB Built-in Data Contributor']?.roleDefinitionId).toBe('00000000-0000-0000-0000-000000000002');
    expect(byRole['Key Vault Secrets User']?.roleDefinitionId).toBe('4633458b-17de-408a-b874-0445c86b69e6');
    expect(byRole['Storage Queue Data Message Sender']?.reason).toContain('sqs:SendMessage');
    expect(a.unmappedActions).toEqual([]);
  });

  it('uses Service Bus roles for SQS when the app uses Service Bus', () => {
    const a = analyseRole(role(['sqs:ReceiveMessage', 'sqs:SendMessage']), { serviceBus: true });
    expect(a.assignments.map((x) => x.role).sort()).toEqual(['Azure Service Bus Data Receiver', 'Azure Service Bus Data Sender']);
  });

  it('reports wildcards and unmapped actions, ignores platform logging actions', () => {
    const a = analyseRole(role(['*', 's3:*', 'ec2:RunInstances', 'logs:PutLogEvents', 'lambda:InvokeFunction']), { serviceBus: false });
    expect(a.wildcardActions).toEqual(['*', 's3:*']);
    expect(a.unmappedActions).toEqual(['*', 'ec2:RunInstances', 'lambda:InvokeFunction']);
    expect(a.assignments.map((x) => x.role)).toEqual(['Storage Blob Data Contributor']);
  });

  it('ignores Deny statements and records NotAction and opaque non-platform policies', () => {
    const a = analyseRole(
      role([], {
        policies: [
          { name: 'deny', kind: 'inline', statements: [{ effect: 'Deny', actions: ['s3:GetObject'], resources: ['*'] }, { effect: 'Allow', actions: [], notActions: ['iam:*'], resources: ['*'] }] },
          { name: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', kind: 'managed-aws', statements: [], opaque: true },
          { name: 'arn:aws:iam::aws:policy/AmazonS3FullAccess', kind: 'managed-aws', statements: [], opaque: true },
        ],
      }),
      { serviceBus: false },
    );
    expect(a.assignments).toEqual([]);
    expect(a.hasNotActions).toBe(true);
    expect(a.opaquePolicies).toEqual(['arn:aws:iam::aws:policy/AmazonS3FullAccess']);
  });
});

describe('wildcard verbs', () => {
  it('maps a verb prefix wildcard by its prefix and a service wildcard as write access', () => {
    const a = analyseRole(role(['sqs:SendMessage*', 's3:Get*', 'dynamodb:*']), { serviceBus: false });
    expect(a.assignments.map((x) => x.role).sort()).toEqual(['Cosmos DB Built-in Data Contributor', 'Storage Blob Data Reader', 'Storage Queue Data Message Sender']);
    expect(a.unmappedActions).toEqual([]);
    expect(a.wildcardActions).toEqual(['dynamodb:*', 's3:Get*', 'sqs:SendMessage*']);
  });
});

describe('trigger role assignments', () => {
  it('grants blob trigger Owner + queue Contributor and merges duplicates', () => {
    const { roles } = mapFunctionTriggers(
      makeFunction({
        name: 'media',
        triggers: [
          { id: 'a', kind: 's3', bucket: 'aaa', events: ['s3:ObjectCreated:*'] },
          { id: 'b', kind: 's3', bucket: 'bbb', events: ['s3:ObjectCreated:*'] },
          { id: 'h', kind: 'kinesis', stream: 'arn:aws:kinesis:us-east-1:111111111111:stream/hub' },
        ],
      }),
    );
    const merged = mergeAssignments(roles);
    expect(merged.map((m) => m.role)).toEqual(['Azure Event Hubs Data Receiver', 'Storage Blob Data Owner', 'Storage Queue Data Contributor']);
    expect(merged.find((m) => m.role === 'Storage Blob Data Owner')!.reason).toContain('container aaa; Event Grid blob trigger on container bbb');
    expect(merged.find((m) => m.role === 'Azure Event Hubs Data Receiver')!.scope).toEqual({ kind: 'event-hubs', resource: 'hub' });
  });
});

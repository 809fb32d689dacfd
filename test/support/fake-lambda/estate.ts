// A generated estate for the fake Lambda API: `n` functions, every third with an IoT permission in its policy,
// every fourth with an alias, every fifth with an SQS mapping, every sixth
// (an IoT one: asynchronous invocation is where the setting applies) with an event invoke config. Deterministic.
// Variants: `reservedEvery: k` gives every k-th function (the k-th, 2k-th, ...) a reserved concurrency of 10.
import type { FakeFunction, FakeLambdaOptions, FakeMapping } from './server.js';

export function fakeEstate(n: number, account = '111122223333', variant: { reservedEvery?: number } = {}): Pick<FakeLambdaOptions, 'functions' | 'mappings' | 'account'> {
  const functions: FakeFunction[] = [];
  const mappings: FakeMapping[] = [];
  for (let i = 0; i < n; i++) {
    const name = `fn-${String(i).padStart(4, '0')}`;
    const f: FakeFunction = { name, memorySize: 128 + (i % 4) * 128, timeout: 3 + (i % 10), environment: { INDEX: String(i) }, tags: { app: `app-${i % 3}` } };
    if (i % 3 === 0) {
      f.policy = [{ Sid: 'iot', Effect: 'Allow', Principal: { Service: 'iot.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:us-east-1:${account}:function:${name}`, Condition: { ArnLike: { 'AWS:SourceArn': `arn:aws:iot:us-east-1:${account}:rule/rule_${i}` } } }];
    }
    if (i % 4 === 0) {
      f.versions = ['1'];
      f.aliases = [{ name: 'live', version: '1' }];
    }
    if (i % 5 === 0) mappings.push({ functionName: name, eventSourceArn: `arn:aws:sqs:us-east-1:${account}:queue-${i}`, batchSize: 10 });
    if (i % 6 === 0) f.eventInvoke = { maximumRetryAttempts: 1, maximumEventAgeInSeconds: 600 };
    if (variant.reservedEvery && (i + 1) % variant.reservedEvery === 0) f.reservedConcurrency = 10;
    functions.push(f);
  }
  return { functions, mappings, account };
}

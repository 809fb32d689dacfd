// One reader per format for event-source-mapping settings: a Kinesis mapping written as a SAM event, an
// AWS::Lambda::EventSourceMapping, a Serverless `stream` event and a live ListEventSourceMappings entry gives the
// same inventory settings.

import { describe, expect, it } from 'vitest';
import type { KinesisTrigger } from '../../src/model/inventory.js';
import { mapEventSourceMapping } from '../../src/discover/aws/map-event-source-mapping.js';
import { discoverOne, fn } from '../discover/templates/helpers.js';

const ARN = 'arn:aws:kinesis:us-east-1:111111111111:stream/clicks';
const SETTINGS = {
  startingPosition: 'TRIM_HORIZON',
  batchSize: 50,
  maximumBatchingWindowInSeconds: 5,
  bisectBatchOnFunctionError: true,
  maximumRetryAttempts: 3,
  maximumRecordAgeInSeconds: 600,
  parallelizationFactor: 2,
  tumblingWindowInSeconds: 30,
  reportBatchItemFailures: true,
  onFailure: 'arn:aws:sqs:us-east-1:111111111111:dlq',
  filterPatterns: [{ data: { kind: ['click'] } }],
};
const pascal = `
      Stream: ${ARN}
      StartingPosition: TRIM_HORIZON
      BatchSize: 50
      MaximumBatchingWindowInSeconds: 5
      BisectBatchOnFunctionError: true
      MaximumRetryAttempts: 3
      MaximumRecordAgeInSeconds: 600
      ParallelizationFactor: 2
      TumblingWindowInSeconds: 30
      FunctionResponseTypes: [ReportBatchItemFailures]
      DestinationConfig: { OnFailure: { Destination: arn:aws:sqs:us-east-1:111111111111:dlq } }
      FilterCriteria: { Filters: [{ Pattern: '{"data":{"kind":["click"]}}' }] }`;

/** The stream and its settings: everything but the trigger's identity and position. */
const settingsOf = (t: KinesisTrigger) => Object.fromEntries(Object.entries(t).filter(([k]) => !['kind', 'id', 'source', 'enabled'].includes(k)));

describe('event-source-mapping settings', () => {
  it('are the same from SAM, CloudFormation, Serverless and the Lambda API', async () => {
    const sam = await discoverOne({
      'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: .
      Events:
        Clicks:
          Type: Kinesis
          Properties:${pascal.replace(/\n {6}/g, '\n            ')}
`,
    });
    const cfn = await discoverOne({
      'template.yaml': `Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs20.x, Handler: index.handler, Code: { ZipFile: 'x' }, Role: arn:aws:iam::111111111111:role/r }
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn${pascal.replace('Stream:', 'EventSourceArn:')}
`,
    });
    const sls = await discoverOne({
      'serverless.yml': `service: app
provider: { name: aws, runtime: nodejs20.x }
functions:
  fn:
    handler: index.handler
    events:
      - stream:
          arn: ${ARN}
          startingPosition: TRIM_HORIZON
          batchSize: 50
          maximumBatchingWindow: 5
          bisectBatchOnFunctionError: true
          maximumRetryAttempts: 3
          maximumRecordAgeInSeconds: 600
          parallelizationFactor: 2
          tumblingWindowInSeconds: 30
          functionResponseType: ReportBatchItemFailures
          destinations: { onFailure: arn:aws:sqs:us-east-1:111111111111:dlq }
          filterPatterns: [{ data: { kind: [click] } }]
`,
    });
    const live = mapEventSourceMapping({
      EventSourceArn: ARN,
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 5,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 600,
      ParallelizationFactor: 2,
      TumblingWindowInSeconds: 30,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:111111111111:dlq' } },
      FilterCriteria: { Filters: [{ Pattern: '{"data":{"kind":["click"]}}' }] },
    });
    const expected = { stream: ARN, ...SETTINGS };
    for (const [name, t] of [
      ['sam', fn(sam, 'Fn').triggers[0]],
      ['cloudformation', fn(cfn, 'Fn').triggers[0]],
      ['serverless', fn(sls, 'fn').triggers[0]],
      ['live', live],
    ] as const) {
      expect(t?.kind, name).toBe('kinesis');
      expect(JSON.parse(JSON.stringify(settingsOf(t as KinesisTrigger))), name).toEqual(expected);
    }
  });
});

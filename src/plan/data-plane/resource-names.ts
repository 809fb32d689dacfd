// How a reference names a data-plane resource: `Ref:OrdersTable`, `GetAtt:Queue.QueueName`, `Sub:…${Bucket}/*`, an
// ARN (`arn:aws:dynamodb:…:table/orders/index/*`), a queue URL, or a bare name; and the CloudFormation types behind
// each service. Shared by the data-plane decision and the reports' diagram.

import { displayResolvable, isSymbolic, type Resolvable, type Trigger } from '../../model/inventory.js';
import type { DataService } from '../../model/plan.js';

/** CloudFormation resource type → the data-plane service it belongs to. */
export const SERVICE_OF_TYPE: Record<string, DataService> = {
  'AWS::DynamoDB::Table': 'dynamodb',
  'AWS::DynamoDB::GlobalTable': 'dynamodb',
  'AWS::Serverless::SimpleTable': 'dynamodb',
  'AWS::S3::Bucket': 's3',
  'AWS::SQS::Queue': 'sqs',
  'AWS::SNS::Topic': 'sns',
  'AWS::Events::EventBus': 'eventbridge',
  'AWS::SecretsManager::Secret': 'secretsmanager',
  'AWS::SSM::Parameter': 'ssm',
  'AWS::Kinesis::Stream': 'kinesis',
};

/** IAM action prefix → service. */
export const SERVICE_OF_PREFIX: Record<string, DataService> = {
  dynamodb: 'dynamodb',
  s3: 's3',
  sqs: 'sqs',
  sns: 'sns',
  events: 'eventbridge',
  secretsmanager: 'secretsmanager',
  ssm: 'ssm',
  kinesis: 'kinesis',
};

/** The name part of an ARN for a service: table, bucket, queue, topic, bus, secret (without its random suffix), parameter. */
function arnName(arn: string): { service?: DataService; name: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const service = SERVICE_OF_PREFIX[parts[2]!];
  let rest = parts.slice(5).join(':');
  switch (service) {
    case 'dynamodb':
    case 'kinesis':
      rest = rest.replace(/^(table|stream)\//, '').split('/')[0]!;
      break;
    case 's3':
      rest = rest.split('/')[0]!;
      break;
    case 'eventbridge':
      rest = rest.replace(/^event-bus\//, '');
      break;
    case 'secretsmanager':
      // `secret:name-AbCdEf` (the 6-character suffix AWS appends), `secret:name-*`, `secret:name*`.
      rest = rest.replace(/^secret:/, '').replace(/(-[A-Za-z0-9]{6}|-?\?{6}|-?\*)$/, '');
      break;
    case 'ssm':
      rest = rest.replace(/^parameter/, '');
      break;
    default:
      break;
  }
  if (!rest || rest.includes('*')) return undefined;
  return { service, name: rest };
}

/**
 * The resource a value names: a logical id for template symbols (`Ref:X`, `GetAtt:X.Arn`, `${X}` in a Sub), the
 * name part of an ARN or SQS URL, or a bare name. Undefined for wildcards and values that name nothing.
 */
export function referencedName(v: Resolvable): { service?: DataService; name: string; logical: boolean } | undefined {
  const s = isSymbolic(v) ? v.symbol : displayResolvable(v);
  const sub = /\$\{(?!AWS::)([A-Za-z0-9]+)(?:\.[A-Za-z]+)?\}/.exec(s);
  if (sub) return { name: sub[1]!, logical: true };
  if (isSymbolic(v)) {
    const id = s.replace(/^[A-Za-z]+:/, '').replace(/\.[A-Za-z]+$/, '');
    return /^[A-Za-z0-9]+$/.test(id) ? { name: id, logical: true } : undefined;
  }
  if (s === '*' || s === '') return undefined;
  if (s.startsWith('arn:')) {
    const a = arnName(s);
    return a ? { ...a, logical: false } : undefined;
  }
  const url = /^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/\d+\/([A-Za-z0-9_.-]+)$/.exec(s);
  if (url) return { service: 'sqs', name: url[1]!, logical: false };
  return /^[A-Za-z0-9_./-]{1,255}$/.test(s) ? { name: s, logical: false } : undefined;
}

/** The data store a trigger reads from (queue, bucket, topic, table stream, stream), if it is one. */
export function triggerStore(t: Trigger): { service: DataService; name: string } | undefined {
  const [service, ref]: [DataService | undefined, Resolvable | undefined] =
    t.kind === 'sqs' ? ['sqs', t.queue]
    : t.kind === 's3' ? ['s3', t.bucket]
    : t.kind === 'sns' ? ['sns', t.topic]
    : t.kind === 'dynamodb-stream' ? ['dynamodb', t.stream]
    : t.kind === 'kinesis' ? ['kinesis', t.stream]
    : [undefined, undefined];
  if (!service || ref === undefined) return undefined;
  const r = referencedName(ref);
  const name = r?.name.replace(/\/stream\/.*$/, '');
  return name ? { service, name } : undefined;
}

// Data-plane resources a template declares (DynamoDB tables with their key schema, buckets, queues, topics, event
// buses, secrets, parameters): the plan resolves `Ref:OrdersTable` in environment variables and IAM resources to
// them, and the Cosmos DB container of a moved table takes its partition key from the HASH key.

import type { DataResourceInfo } from '../../model/inventory.js';
import { asArray, asRecord, functionId, locate, type TemplateContext } from './context.js';

/** CloudFormation type → the property holding a literal physical name. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Events::EventBus': 'Name',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::SSM::Parameter': 'Name',
  'AWS::Kinesis::Stream': 'Name',
};

function keySchema(ctx: TemplateContext, type: string, props: Record<string, unknown>): DataResourceInfo['keySchema'] {
  const lit = (v: unknown) => ctx.resolver.literal(v);
  if (type === 'AWS::Serverless::SimpleTable') {
    // SimpleTable: PrimaryKey {Name, Type: String|Number|Binary}; absent means `id` of type String.
    const pk = asRecord(props.PrimaryKey);
    const t = lit(pk.Type) ?? 'String';
    return { hash: lit(pk.Name) ?? 'id', hashType: t.charAt(0).toUpperCase() };
  }
  const types = new Map<string, string>();
  for (const a of asArray(props.AttributeDefinitions)) {
    const r = asRecord(a);
    const n = lit(r.AttributeName);
    const t = lit(r.AttributeType);
    if (n && t) types.set(n, t);
  }
  let hash: string | undefined;
  let range: string | undefined;
  for (const k of asArray(props.KeySchema)) {
    const r = asRecord(k);
    const n = lit(r.AttributeName);
    const kind = lit(r.KeyType);
    if (n && kind === 'HASH') hash = n;
    else if (n && kind === 'RANGE') range = n;
  }
  if (!hash) return undefined;
  return {
    hash,
    ...(types.has(hash) ? { hashType: types.get(hash) } : {}),
    ...(range ? { range, ...(types.has(range) ? { rangeType: types.get(range) } : {}) } : {}),
  };
}

/** Every data-plane resource of the template, into `ctx.out.dataResources`. */
export function collectDataResources(ctx: TemplateContext): void {
  for (const [logicalId, resource] of Object.entries(ctx.resources)) {
    const type = typeof resource.Type === 'string' ? resource.Type : '';
    const nameProp = NAME_PROPERTY[type];
    if (!nameProp) continue;
    const props = asRecord(resource.Properties);
    const physicalName = ctx.resolver.literal(props[nameProp]);
    const info: DataResourceInfo = { id: functionId(ctx, logicalId), logicalId, type, source: locate(ctx, ctx.body.Resources, logicalId, logicalId) };
    if (physicalName) info.physicalName = physicalName;
    if (type.startsWith('AWS::DynamoDB::') || type === 'AWS::Serverless::SimpleTable') {
      const ks = keySchema(ctx, type, props);
      if (ks) info.keySchema = ks;
    }
    if (type === 'AWS::SQS::Queue') {
      const fifo = ctx.resolver.literal(props.FifoQueue);
      if (fifo === 'true' || props.FifoQueue === true || physicalName?.endsWith('.fifo')) info.fifo = true;
    }
    ctx.out.dataResources.push(info);
  }
}

// DynamoDB streams in Node: Cosmos DB change-feed documents become stream records with DynamoDB-typed images.

import { RULE_CHANGE_FEED } from '../../convert/node/transforms/rule-ids.js';
import { json, registrationOptions, type BindingContext, type TriggerBinding } from '../shared/node-binding.js';

export function dynamoBinding(ctx: BindingContext): TriggerBinding {
  const t = ctx.entry.trigger;
  const streamArn = `arn:aws:dynamodb:us-east-1:000000000000:table/${t.type === 'cosmosDB' ? t.containerName : ctx.entry.name}/stream/1970-01-01T00:00:00.000`;
  const doc = { id: 'order-1', pk: 'order-1', status: 'shipped', total: 42.5, items: ['sku-1'] };
  return {
    runtimeImports: { events: ['toDynamoDbStreamEvent'] },
    azureTypes: ['InvocationContext'],
    signature: '(documents: unknown[], context: InvocationContext): Promise<unknown>',
    todo: { ruleId: RULE_CHANGE_FEED, message: 'the Cosmos DB change feed delivers neither deletes nor old images; every record arrives as MODIFY with NewImage only.' },
    buildEvent: `  const event = toDynamoDbStreamEvent(documents, ${json({ streamArn, keyNames: ['id', 'pk'] })});`,
    returnResult: `  return invoke();`,
    registration:
      t.type === 'cosmosDB'
        ? `app.cosmosDB(${json(ctx.entry.name)}, ${registrationOptions({ connection: t.connection, databaseName: t.databaseName, containerName: t.containerName, leaseContainerName: t.leaseContainerName, createLeaseContainerIfNotExists: t.createLeaseContainerIfNotExists }, ctx.exportName)});`
        : undefined,
    compare: 'value',
    sample: {
      azureArgs: json([doc]),
    },
  };
}

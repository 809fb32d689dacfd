// DynamoDB streams → the Cosmos DB change feed of the container the table moves to. Read from SAM `DynamoDB` events,
// Serverless `stream` events (see kinesis), EventSourceMappings (template and live).

import { displayResolvable } from '../../model/inventory.js';
import { resourceTail, slug } from '../../plan/names.js';
import type { TriggerModule } from '../module.js';
import { grant } from '../shared/roles.js';
import { esmFromTemplate } from '../shared/event-source-mapping.js';
import { esmSwitch } from '../shared/manual.js';
import { CONNECTIONS, one } from '../shared/plan.js';
import { samBase } from '../shared/sam-input.js';
import { liveStream, streamTrigger, tableStreamViewType } from '../shared/stream.js';
import { dynamoBinding } from './node.js';

export const dynamodbStream: TriggerModule<'dynamodb-stream'> = {
  kind: 'dynamodb-stream',
  discover: {
    sam: { DynamoDB: (e) => streamTrigger('dynamodb-stream', samBase(e), esmFromTemplate(e.ctx, e.props, 'Stream'), tableStreamViewType(e.ctx, e.props.Stream)) },
    // Serverless `stream` events are read by the kinesis module, which tells the two kinds apart.
    serverless: {},
    cloudFormation: {
      eventSourceMapping: {
        resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
        arn: /:dynamodb:/,
        build: (j, b, props, s) => streamTrigger('dynamodb-stream', b, s, tableStreamViewType(j.ctx, props.EventSourceArn)),
      },
    },
    live: { eventSourceMapping: (m, s) => liveStream('dynamodb-stream', m.EventSourceArn, s) },
  },
  plan: {
    map: (t, fn) => {
      const table = resourceTail(t.stream, `${fn.name}-table`).replace(/\/stream.*$/, '');
      const container = slug(table) || 'items';
      return one(t, { type: 'cosmosDB', connection: CONNECTIONS.cosmos, databaseName: 'migrated', containerName: container, leaseContainerName: 'leases', createLeaseContainerIfNotExists: false }, [
        { kind: 'cosmos-db-existing', name: 'cosmos', database: 'migrated', container, leaseContainer: 'leases' },
      ]);
    },
    roles: (m) =>
      m.resources.flatMap((r) =>
        r.kind === 'cosmos-db-existing' ? [grant('cosmosContributor', { kind: 'cosmos-db', resource: r.name }, `Cosmos DB change-feed trigger on ${r.container} (leases are written)`)] : [],
      ),
    display: (t) => displayResolvable(t.stream),
    http: false,
    drain: true,
    dataStore: true,
    compatible: ['cosmosDB'],
  },
  convert: {
    node: dynamoBinding,
    python: { manual: 'no Python adapter turns Cosmos DB change-feed documents into DynamoDB stream records yet' },
  },
  emit: {
    // The Cosmos DB account is referenced, not created: its data move is the manual's DynamoDB step.
    replaces: null,
    cutover: esmSwitch,
  },
};

// The data-plane fixture estate (fixtures/data-plane-estates/node-sam) as convert sees it: its discovered inventory,
// the test-side plan, and Plan.dataPlane filled by hand (move decisions for every service, the key schemas, the
// settings) as the planner is specified to fill it.

import path from 'node:path';
import { discoverTemplates } from '../../../src/discover/templates/index.js';
import type { DataResource, DataService, Plan } from '../../../src/model/plan.js';
import { planFromInventory } from './plan-from-inventory.js';
import { REPO } from './convert-estate.js';

export const DATA_PLANE_ESTATE = path.join(REPO, 'fixtures/data-plane-estates/node-sam');

function resource(service: DataService, name: string, azure: NonNullable<DataResource['azure']>, envVar: string, usedBy: string[], decision: 'move' | 'stay' = 'move'): DataResource {
  return { id: `${service}:${name}`, service, name, decision, reason: 'test plan: mechanical mapping', azure, envVars: [envVar], operations: [], usedBy };
}

export function dataPlaneDecisions(keep: string[] = []): DataResource[] {
  const list = [
    resource('dynamodb', 'OrdersTable', { kind: 'cosmos-container', name: 'orders', partitionKey: '/orderId' }, 'ORDERS_TABLE', ['FilesFunction', 'OrdersFunction']),
    resource('dynamodb', 'EventsTable', { kind: 'cosmos-container', name: 'events', partitionKey: '/pk', sortKey: 'sk' }, 'EVENTS_TABLE', ['OrdersFunction']),
    resource('s3', 'UploadsBucket', { kind: 'blob-container', name: 'uploads' }, 'UPLOADS_BUCKET', ['FilesFunction']),
    resource('sqs', 'JobsQueue', { kind: 'storage-queue', name: 'jobs' }, 'JOBS_QUEUE_URL', ['OrdersFunction']),
    resource('sqs', 'BillingQueue', { kind: 'service-bus-queue', name: 'billing' }, 'BILLING_QUEUE_URL', ['NotifyFunction']),
    resource('sns', 'AlertsTopic', { kind: 'event-grid-topic', name: 'alerts' }, 'ALERTS_TOPIC_ARN', ['OrdersFunction']),
    resource('eventbridge', 'AppBus', { kind: 'event-grid-topic', name: 'app-bus' }, 'APP_BUS_NAME', ['NotifyFunction']),
    resource('secretsmanager', 'DbSecret', { kind: 'key-vault-secret', name: 'DB_SECRET' }, 'DB_SECRET_ARN', ['NotifyFunction']),
    resource('ssm', 'FeatureFlagParam', { kind: 'app-setting', name: 'FEATURE_FLAG' }, 'FEATURE_FLAG_PARAM', ['NotifyFunction']),
  ];
  return list.map((r) => (keep.includes(r.id) ? { ...r, decision: 'stay' as const, reason: 'test plan: --keep-in-aws' } : r));
}

export async function dataPlanePlan(keep: string[] = []): Promise<Plan> {
  const inv = await discoverTemplates([DATA_PLANE_ESTATE], { cwd: REPO, outDir: DATA_PLANE_ESTATE, includeValues: false });
  return { ...planFromInventory(inv, 'data-plane-node'), dataPlane: dataPlaneDecisions(keep) };
}

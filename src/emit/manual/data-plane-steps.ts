// The manual's data-plane parts (docs/data-plane.md): importing each moved DynamoDB table into its Cosmos DB
// container with the key mapping, the AWS side of keyless `stay`, and the order in which data cuts over.

import type { Plan } from '../../model/plan.js';
import { KEYLESS_TEMPLATE, keptByApp, principalParam, arnParam, roleName } from '../aws/keyless-federation.js';
import type { Estate } from '../infra/estate.js';
import { envName } from '../infra/names.js';
import type { TemplateContext } from './template.js';

/** One Step-5 item for the containers the Bicep creates for moved tables: export, unmarshal with the key mapping, import. */
export function cosmosImports(plan: Plan, estate: Estate): TemplateContext[] {
  if (estate.cosmosContainers.length === 0) return [];
  const zero = plan.cutover.strategy === 'zero-downtime';
  const keys = estate.cosmosContainers.map((c) => {
    const range = (plan.dataPlane ?? []).find((d) => d.azure?.kind === 'cosmos-container' && d.azure.name === c.name)?.azure?.sortKey;
    const hash = c.partitionKey.slice(1);
    return `\`${c.name}\`: partition key \`${hash}\`, \`id\` ${range ? `= \`${hash}\` and \`${range}\` joined as docs/data-plane.md specifies` : `= \`${hash}\` as a string`}`;
  });
  return [
    {
      title: `DynamoDB → Cosmos DB: ${estate.cosmosContainers.map((c) => `${c.table} → ${c.name}`).join(', ')}`,
      text: `Export each table (point-in-time recovery on), turn each DynamoDB-JSON item into a plain document and import it into database \`migrated\` with your Entra login (docs/data-plane.md, "Moving the data"). Keys: ${keys.join('; ')}. ${zero ? 'For zero downtime, write to both stores (or replay the DynamoDB stream) until Step 8 completes.' : 'Repeat the export for the delta in the window.'}`,
      commands: [
        `az cosmosdb sql role assignment create --resource-group "$(azd env get-value AZURE_RESOURCE_GROUP)" --account-name "$(azd env get-value AZURE_COSMOS_ACCOUNT_NAME)" --role-definition-id 00000000-0000-0000-0000-000000000002 --principal-id "$(az ad signed-in-user show --query id -o tsv)" --scope /dbs/migrated`,
        ...estate.cosmosContainers.map(
          (c) =>
            `aws dynamodb export-table-to-point-in-time --table-arn "$(aws dynamodb describe-table --table-name "\${TABLE_${envName(c.name)}:?the DynamoDB table that ${c.name} replaces}" --query Table.TableArn --output text)" --s3-bucket "\${EXPORT_BUCKET:?an S3 bucket for the export}" --export-format DYNAMODB_JSON`,
        ),
      ].join('\n'),
      failback: 'DynamoDB is untouched; delete the imported items to retry.',
    },
  ];
}

/** The keyless section: deploy the AWS template after provisioning (the role trust names the identities' object ids). */
export function keylessContext(plan: Plan): TemplateContext | undefined {
  const apps = keptByApp(plan);
  if (apps.length === 0) return undefined;
  const resources = [...new Map(apps.flatMap((a) => a.resources).map((r) => [r.id, r])).values()];
  const overrides = [
    'EntraTenantId="$(azd env get-value AZURE_TENANT_ID)"',
    ...apps.map((a) => `${principalParam(a.app)}="$(azd env get-value SERVICE_${envName(a.app)}_IDENTITY_PRINCIPAL_ID)"`),
    ...resources.map((r) => `${arnParam(r)}="\${${envName(r.service)}_${envName(r.name)}_ARN:?the ARN of ${r.id}}"`),
  ];
  return {
    template: KEYLESS_TEMPLATE,
    kept: resources.map((r) => r.id).join(', '),
    roles: apps.map((a) => ({ app: a.app, role: roleName(a.app), envVar: `${envName(a.app)}_AWS_ROLE_ARN`, resources: a.resources.map((r) => r.id).join(', ') })),
    deploy: `aws cloudformation deploy --stack-name azure-functions-keyless --template-file ${KEYLESS_TEMPLATE} --capabilities CAPABILITY_NAMED_IAM --parameter-overrides \\\n  ${overrides.join(' \\\n  ')}`,
  };
}

/** The order data cuts over in, for Step 8 (only what this estate has). */
export function dataCutoverOrder(plan: Plan, estate: Estate): string[] {
  const moved = (plan.dataPlane ?? []).filter((r) => r.decision === 'move');
  const kinds = new Set(moved.map((r) => r.azure?.kind));
  const out: string[] = [];
  if (kinds.has('key-vault-secret') || kinds.has('app-setting')) out.push('Secrets and parameters (Step 4) before any function runs on Azure.');
  if (estate.blobContainers.length > 0 || estate.cosmosContainers.length > 0) out.push('Bulk copies before the window; in it, stop AWS writers, move the delta.');
  if (kinds.has('storage-queue') || kinds.has('service-bus-queue') || kinds.has('event-grid-topic')) {
    out.push('Producers to Azure queues and topics first; SQS queues and DLQs drain on AWS or are replayed.');
  }
  if (out.length > 0) out.push('Functions last (below); AWS stores stay read-only until Step 9, for failback.');
  if (moved.length > 0 && (plan.dataPlane ?? []).some((r) => r.decision === 'stay')) out.push('Kept resources need their keyless role (Step 5) first.');
  return out;
}

// The manual's data-plane parts (docs/data-plane.md): importing each moved DynamoDB table into its Cosmos DB
// container with the key mapping, the AWS side of keyless `stay`, and the order in which data cuts over.

import type { Plan } from '../../model/plan.js';
import { KEYLESS_TEMPLATE, keptByApp, principalParam, arnParam, roleName } from '../aws/keyless-federation.js';
import { shq } from '../azd/shell.js';
import type { Estate } from '../infra/estate.js';
import { envName } from '../infra/names.js';
import type { TemplateContext } from './template.js';

/** One Step-5 item per container the Bicep creates for a moved table: export, unmarshal with the key mapping, import. */
export function cosmosImports(plan: Plan, estate: Estate): TemplateContext[] {
  const zero = plan.cutover.strategy === 'zero-downtime';
  return estate.cosmosContainers.map((c) => {
    const r = (plan.dataPlane ?? []).find((d) => d.azure?.kind === 'cosmos-container' && d.azure.name === c.name);
    const range = r?.azure?.sortKey;
    const hash = c.partitionKey.slice(1);
    return {
      title: `DynamoDB table ${c.table} → Cosmos DB container ${c.name} (partition key ${c.partitionKey})`,
      text:
        `Export the table (point-in-time recovery must be on), turn each DynamoDB-JSON item into a plain document and import it with your Entra login. Key mapping: \`${hash}\` stays a property and is the partition key; ` +
        (range ? `\`id\` is \`${hash}\` and \`${range}\` joined as docs/data-plane.md specifies (the converted code uses the same rule).` : `\`id\` is the value of \`${hash}\` as a string.`) +
        ` ${zero ? 'For zero downtime, keep writing to both stores (or replay the DynamoDB stream) until Step 8 completes.' : 'Repeat the export for the delta in the window.'}`,
      commands: [
        `TABLE="\${TABLE_${envName(c.name)}:?the DynamoDB table that ${c.name} replaces}"`,
        `aws dynamodb export-table-to-point-in-time --table-arn "$(aws dynamodb describe-table --table-name "$TABLE" --query Table.TableArn --output text)" --s3-bucket "\${EXPORT_BUCKET:?an S3 bucket for the export}" --export-format DYNAMODB_JSON`,
        `az cosmosdb sql role assignment create --resource-group "$(azd env get-value AZURE_RESOURCE_GROUP)" --account-name "$(azd env get-value AZURE_COSMOS_ACCOUNT_NAME)" --role-definition-id 00000000-0000-0000-0000-000000000002 --principal-id "$(az ad signed-in-user show --query id -o tsv)" --scope /dbs/migrated/colls/${shq(c.name)}`,
        `# then import the unmarshalled items into database migrated, container ${c.name} (docs/data-plane.md, "Importing a table")`,
      ].join('\n'),
      failback: 'DynamoDB stays the system of record until cutover; delete the imported items (or the container) to retry.',
    };
  });
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
  if (kinds.has('key-vault-secret') || kinds.has('app-setting')) out.push('Secrets and parameters are re-entered in Key Vault and app settings (Step 4) before any function runs on Azure.');
  if (estate.blobContainers.length > 0 || estate.cosmosContainers.length > 0) out.push('Bulk copies (blobs, table imports) run ahead of the window; in the window, stop the writers on AWS, then copy or export the delta.');
  if (kinds.has('storage-queue') || kinds.has('service-bus-queue') || kinds.has('event-grid-topic')) {
    out.push('Producers switch to the Azure queues and topics before the consumers are turned off on AWS; the SQS queues (and their dead-letter queues) drain on AWS or are replayed into Azure.');
  }
  if (out.length > 0) out.push('Functions switch to Azure (below) only after their data is there; AWS stores stay read-only until the end-state checklist passes, for failback.');
  if (moved.length > 0 && (plan.dataPlane ?? []).some((r) => r.decision === 'stay')) out.push('Resources kept in AWS need the keyless role (Step 5) before their functions switch.');
  return out;
}

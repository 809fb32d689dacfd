// Concrete, estate-specific commands for the manual: how to fire each Azure trigger, how to switch a Lambda event
// source off (and back on, for failback). Values are never secrets; shell variables are set in the app's section.

import type { AzureTrigger, PlannedEntry, PlannedFunction } from '../../model/plan.js';
import { shq } from '../azd/shell.js';

/** The shell prelude each app's validation block starts with. */
export function appPrelude(envPrefix: string): string {
  return [
    'RG=$(azd env get-value AZURE_RESOURCE_GROUP)',
    `APP=$(azd env get-value SERVICE_${envPrefix}_NAME)`,
    `URI=$(azd env get-value SERVICE_${envPrefix}_URI)`,
    'ACCOUNT=$(azd env get-value AZURE_STORAGE_ACCOUNT_NAME)',
  ].join('\n');
}

const sample = (fn: string) => `{"migrationTest":true,"function":"${fn}"}`;

/** How to fire one Azure function once, from a shell that ran the app prelude. */
export function fireCommand(entry: PlannedEntry, routePrefix: string): string {
  const t: AzureTrigger = entry.trigger;
  const body = sample(entry.name);
  switch (t.type) {
    case 'http': {
      const route = t.route.replace(/\{\*?([^}:?]+)(:[^}]*)?\??\}/g, 'test-$1');
      const method = t.methods[0] ?? 'GET';
      const key = t.authLevel === 'anonymous' ? '' : ` -H "x-functions-key: $(az functionapp keys list -g "$RG" -n "$APP" --query ${t.authLevel === 'admin' ? 'masterKey' : 'functionKeys.default'} -o tsv)"`;
      const data = method === 'GET' || method === 'DELETE' ? '' : ` -H 'Content-Type: application/json' -d ${shq(body)}`;
      return `curl -i -X ${method} "$URI/${routePrefix}${route}"${key}${data}`;
    }
    case 'timer':
      return `# schedule ${t.schedule} (UTC, app setting ${t.scheduleSetting}); run it now through the admin endpoint:\ncurl -i -X POST "$URI/admin/functions/${entry.name}" -H "x-functions-key: $(az functionapp keys list -g "$RG" -n "$APP" --query masterKey -o tsv)" -H 'Content-Type: application/json' -d '{"input":""}'`;
    case 'storageQueue':
      return `az storage message put --auth-mode login --account-name "$ACCOUNT" --queue-name ${shq(t.queueName)} --content "$(printf '%s' ${shq(body)} | base64 | tr -d '\\n')"`;
    case 'serviceBusQueue':
    case 'serviceBusTopic': {
      const entity = t.type === 'serviceBusQueue' ? t.queueName : t.topicName;
      const session = t.type === 'serviceBusQueue' && t.isSessionsEnabled ? ` -H 'BrokerProperties: {"SessionId":"migration-test"}'` : '';
      return `curl -i -X POST "https://$(azd env get-value SERVICE_BUS_NAMESPACE).servicebus.windows.net/${entity}/messages" -H "Authorization: Bearer $(az account get-access-token --resource https://servicebus.azure.net --query accessToken -o tsv)"${session} -H 'Content-Type: application/json' -d ${shq(body)}`;
    }
    case 'storageBlob': {
      const [container, ...rest] = t.path.split('/');
      const blob = rest.join('/').replace(/\{[^}]+\}/g, 'migration-test') || 'migration-test';
      return `printf 'migration test' > migration-test.bin\naz storage blob upload --auth-mode login --account-name "$ACCOUNT" --container-name ${shq(container ?? '')} --name ${shq(blob)} --file migration-test.bin --overwrite`;
    }
    case 'eventGrid':
      return `# publish a CloudEvent to the topic the function subscribes to (see the postdeploy hook)\ncurl -i -X POST "$TOPIC_ENDPOINT" -H "Authorization: Bearer $(az account get-access-token --resource https://eventgrid.azure.net --query accessToken -o tsv)" -H 'Content-Type: application/cloudevents+json; charset=utf-8' -d '{"specversion":"1.0","id":"migration-test-1","source":"migration-test","type":"migration.test","data":${body}}'`;
    case 'eventHub':
      return `curl -i -X POST "https://$(azd env get-value EVENT_HUBS_NAMESPACE).servicebus.windows.net/${t.eventHubName}/messages" -H "Authorization: Bearer $(az account get-access-token --resource https://eventhubs.azure.net --query accessToken -o tsv)" -H 'Content-Type: application/json' -d ${shq(body)}`;
    case 'cosmosDB':
      return `# insert or update one item in ${t.databaseName}/${t.containerName} (Data Explorer in the portal, or the team's data tooling);\n# the change feed delivers it to ${entry.name}. Lease container: ${t.leaseContainerName} (must exist: identity auth cannot create it).`;
    case 'kafka':
      return `printf '%s\\n' ${shq(body)} | kcat -P -b "$KAFKA_BROKERS" -t ${shq(t.topic)}`;
    case 'rabbitMQ':
      return `# publish one message to RabbitMQ queue ${t.queueName} with the broker's own tooling (connection: app setting ${t.connectionStringSetting})`;
    case 'none':
      return `# no Azure trigger: ${t.reason}. Wire and test this function by hand.`;
  }
}

/** Turning the Lambda event source off at cutover, and the failback that turns it on again. */
export function lambdaSwitch(fn: PlannedFunction, entry: PlannedEntry, bucket = '"$BUCKET"'): { cutover: string; failback: string } {
  const name = shq(fn.lambdaName);
  switch (entry.lambdaEvent) {
    case 'sqs':
    case 'kinesis':
    case 'dynamodb-stream':
    case 'kafka':
    case 'mq':
      return {
        cutover: '`' + `for uuid in $(aws lambda list-event-source-mappings --function-name ${name} --query 'EventSourceMappings[].UUID' --output text); do aws lambda update-event-source-mapping --uuid "$uuid" --no-enabled; done` + '`',
        failback: '`' + `for uuid in $(aws lambda list-event-source-mappings --function-name ${name} --query 'EventSourceMappings[].UUID' --output text); do aws lambda update-event-source-mapping --uuid "$uuid" --enabled; done` + '`',
      };
    case 'schedule':
    case 'eventbridge-rule':
      return {
        cutover: '`' + `for rule in $(aws events list-rule-names-by-target --target-arn "$(aws lambda get-function --function-name ${name} --query Configuration.FunctionArn --output text)" --query RuleNames --output text); do aws events disable-rule --name "$rule"; done` + '`',
        failback: '`' + `for rule in $(aws events list-rule-names-by-target --target-arn "$(aws lambda get-function --function-name ${name} --query Configuration.FunctionArn --output text)" --query RuleNames --output text); do aws events enable-rule --name "$rule"; done` + '`',
      };
    case 's3':
      return {
        cutover: 'Point the uploaders at the Azure container (the blob trigger fires there), then remove the S3 notification: `aws s3api get-bucket-notification-configuration --bucket ' + bucket + ' > s3-notification-backup.json` and `aws s3api put-bucket-notification-configuration --bucket ' + bucket + ' --notification-configuration \'{}\'`',
        failback: 'Point the uploaders back at S3 and restore the notification: `aws s3api put-bucket-notification-configuration --bucket ' + bucket + ' --notification-configuration file://s3-notification-backup.json`',
      };
    case 'sns': {
      const saved = shq(`sns-subscription-${fn.lambdaName}.txt`);
      const arn = `$(aws lambda get-function --function-name ${name} --query Configuration.FunctionArn --output text)`;
      return {
        cutover: 'Switch publishers to the Azure topic, then unsubscribe the Lambda, keeping its topic for failback: `SUB=$(aws sns list-subscriptions --query "Subscriptions[?Endpoint==\'' + arn + '\'].SubscriptionArn" --output text) && aws sns get-subscription-attributes --subscription-arn "$SUB" --query Attributes.TopicArn --output text > ' + saved + ' && aws sns unsubscribe --subscription-arn "$SUB"`',
        failback: 'Switch publishers back to SNS and resubscribe: `aws sns subscribe --topic-arn "$(cat ' + saved + ')" --protocol lambda --notification-endpoint "' + arn + '"`',
      };
    }
    case 'api-gateway-rest':
    case 'api-gateway-http':
    case 'function-url':
    case 'alb':
    case 'websocket':
      return {
        cutover: 'Move clients to `$URI` (custom domain CNAME or client configuration); keep the API Gateway stage deployed, unchanged, until the end-state checklist passes',
        failback: 'Point the custom domain / clients back at the API Gateway (or function URL / ALB) endpoint, which was never changed',
      };
    case 'cognito':
      return {
        cutover: `Register the Azure replacement with the identity provider, then detach ${fn.lambdaName} from the Cognito user pool's LambdaConfig (\`aws cognito-idp describe-user-pool --user-pool-id <pool>\` shows it; \`update-user-pool\` removes it)`,
        failback: 'Re-attach the Lambda in the user pool\'s LambdaConfig (the function itself was never changed)',
      };
    default:
      return {
        cutover: `Stop the callers of ${fn.lambdaName} from invoking it on AWS and switch them to the Azure function; then \`aws lambda put-function-concurrency --function-name ${name} --reserved-concurrent-executions 0\``,
        failback: `\`aws lambda delete-function-concurrency --function-name ${name}\` and switch the callers back`,
      };
  }
}

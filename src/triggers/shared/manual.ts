// The manual's cutover and failback commands several kinds share: event source mappings (queues and streams),
// EventBridge rules (rules and schedules), HTTP front doors, and direct callers.

import type { PlannedFunction } from '../../model/plan.js';
import { shq } from '../../emit/azd/shell.js';

export type Switch = { cutover: string; failback: string };

const code = (s: string) => '`' + s + '`';

/** Disable (and at failback re-enable) every event source mapping of the function. */
export function esmSwitch(fn: PlannedFunction): Switch {
  const list = `aws lambda list-event-source-mappings --function-name ${shq(fn.lambdaName)} --query 'EventSourceMappings[].UUID' --output text`;
  return {
    cutover: code(`for uuid in $(${list}); do aws lambda update-event-source-mapping --uuid "$uuid" --no-enabled; done`),
    failback: code(`for uuid in $(${list}); do aws lambda update-event-source-mapping --uuid "$uuid" --enabled; done`),
  };
}

/** Disable (and at failback re-enable) every EventBridge rule targeting the function. */
export function ruleSwitch(fn: PlannedFunction): Switch {
  const rules = `aws events list-rule-names-by-target --target-arn "$(aws lambda get-function --function-name ${shq(fn.lambdaName)} --query Configuration.FunctionArn --output text)" --query RuleNames --output text`;
  return {
    cutover: code(`for rule in $(${rules}); do aws events disable-rule --name "$rule"; done`),
    failback: code(`for rule in $(${rules}); do aws events enable-rule --name "$rule"; done`),
  };
}

/** HTTP clients move to the Azure endpoint; the AWS front door stays deployed and unchanged until the end. */
export const httpSwitch = (): Switch => ({
  cutover: 'Move clients to `$URI` (custom domain CNAME or client configuration); keep the API Gateway stage deployed, unchanged, until the end-state checklist passes',
  failback: 'Point the custom domain / clients back at the API Gateway (or function URL / ALB) endpoint, which was never changed',
});

/** Whoever invokes the function directly switches to Azure; the Lambda is throttled to zero. */
export function callerSwitch(fn: PlannedFunction): Switch {
  const name = shq(fn.lambdaName);
  return {
    cutover: `Stop the callers of ${fn.lambdaName} from invoking it on AWS and switch them to the Azure function; then \`aws lambda put-function-concurrency --function-name ${name} --reserved-concurrent-executions 0\``,
    failback: `\`aws lambda delete-function-concurrency --function-name ${name}\` and switch the callers back`,
  };
}

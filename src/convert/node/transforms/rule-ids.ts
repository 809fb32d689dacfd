// Rule ids used in TODO(migrate:<id>) markers. DPN-W002 is the plan's "AWS SDK calls in handler code" rule id
// (rules/dependencies.yaml); change it here only.

export const RULE_AWS_SDK_USAGE = 'DPN-W002';
export const RULE_REMAINING_TIME = 'CNV-I001';
export const RULE_NO_TRIGGER = 'CNV-W001';
export const RULE_CHANGE_FEED = 'CNV-W002';
export const RULE_PASSTHROUGH = 'CNV-W003';
export const RULE_BATCH_FAILURES = 'CNV-W004';

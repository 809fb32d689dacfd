// Rule ids used in TODO(migrate:<id>) markers. DPN-W001 is the plan's "AWS SDK usage in handler code" rule id
// (no rules/dependencies.yaml existed when this was written; change it here only).

export const RULE_AWS_SDK_USAGE = 'DPN-W001';
export const RULE_REMAINING_TIME = 'CNV-I001';
export const RULE_NO_TRIGGER = 'CNV-W001';
export const RULE_CHANGE_FEED = 'CNV-W002';
export const RULE_PASSTHROUGH = 'CNV-W003';
export const RULE_BATCH_FAILURES = 'CNV-W004';

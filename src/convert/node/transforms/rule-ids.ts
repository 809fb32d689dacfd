// Rule ids used in TODO(migrate:<id>) markers. DPN-W002 is the plan's "AWS SDK calls in handler code" rule id
// (rules/dependencies.yaml); change it here only.

export const RULE_AWS_SDK_USAGE = 'DPN-W002';
// Every marker names a plan rule (rules/*.yaml), so each TODO links to a documented gap that plan.md also lists.
export const RULE_REMAINING_TIME = 'CAP-I009';
export const RULE_NO_TRIGGER = 'CAP-I010';
export const RULE_CHANGE_FEED = 'CAP-W013';
export const RULE_PASSTHROUGH = 'CAP-W025';
export const RULE_BATCH_FAILURES = 'CAP-W006';

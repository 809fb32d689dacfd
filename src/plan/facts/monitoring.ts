// Facts for rules/monitoring.yaml: tracing, log retention and format, alarms.

import type { FactTable } from './fact.js';

export const monitoringFacts: FactTable = {
  function: [
    { name: 'tracingActive', type: 'boolean', doc: 'X-Ray active tracing', compute: (c) => c.fn.tracing === 'Active' },
    { name: 'logRetentionDays', type: 'number', doc: 'Log group retention (days)', compute: (c) => c.fn.logging?.retentionInDays },
    { name: 'logRetentionKnown', type: 'boolean', doc: 'The log group retention was read (not assumed)', compute: (c) => c.fn.logging?.retentionKnown === true },
    { name: 'logFormat', type: 'string', doc: 'Log format: `Text` or `JSON`', compute: (c) => c.fn.logging?.logFormat },
    { name: 'logLevel', type: 'string', doc: 'Application log level', compute: (c) => c.fn.logging?.applicationLogLevel },
    { name: 'deploymentAlarmCount', type: 'number', doc: 'CloudWatch alarms of the DeploymentPreference', compute: (c) => c.fn.deploymentPreference?.alarms?.length ?? 0 },
  ],
};

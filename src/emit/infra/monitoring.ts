// Log Analytics + Application Insights with local (key) auth disabled: telemetry is Entra-authenticated per app identity.

import type { BicepFile } from '../bicep/ast.js';
import { bool, num, obj, str, sym } from '../bicep/expr.js';
import { API } from './api-versions.js';
import { locationAndTags, param, resource } from './common.js';

export const MONITORING_MODULE = 'infra/modules/monitoring.bicep';

export function buildMonitoringModule(): BicepFile {
  return {
    path: MONITORING_MODULE,
    header: ['Monitoring: one Log Analytics workspace and one Application Insights component for the estate.', 'Local auth is off, so each app sends telemetry with its managed identity (Monitoring Metrics Publisher).'],
    decls: [
      ...locationAndTags,
      param('logAnalyticsName', 'string', 'Log Analytics workspace name'),
      param('appInsightsName', 'string', 'Application Insights component name'),
      resource('logAnalytics', ['Microsoft.OperationalInsights/workspaces', API.workspaces], {
        name: sym('logAnalyticsName'),
        location: sym('location'),
        tags: sym('tags'),
        properties: obj({
          sku: obj({ name: str('PerGB2018') }),
          retentionInDays: num(30),
          features: obj({ disableLocalAuth: bool(true) }),
        }),
      }),
      resource('appInsights', ['Microsoft.Insights/components', API.components], {
        name: sym('appInsightsName'),
        location: sym('location'),
        tags: sym('tags'),
        kind: str('web'),
        properties: obj({
          Application_Type: str('web'),
          WorkspaceResourceId: sym('logAnalytics', 'id'),
          DisableLocalAuth: bool(true),
        }),
      }),
      { kind: 'output', name: 'appInsightsName', type: 'string', value: sym('appInsights', 'name') },
      { kind: 'output', name: 'connectionString', type: 'string', value: sym('appInsights', 'properties', 'ConnectionString') },
      { kind: 'output', name: 'logAnalyticsId', type: 'string', value: sym('logAnalytics', 'id') },
    ],
  };
}

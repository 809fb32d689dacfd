// API Gateway WebSocket routes: no Functions trigger (Azure Web PubSub or SignalR Service bindings replace them).
// Read from Serverless `websocket` and AWS::ApiGatewayV2::Integration routes of a WEBSOCKET API (api-gateway-http).

import type { TriggerModule } from '../module.js';
import { noRoles } from '../shared/roles.js';
import { httpSwitch } from '../shared/manual.js';
import { none } from '../shared/plan.js';
import { slsLit } from '../shared/serverless-input.js';

export const websocket: TriggerModule<'websocket'> = {
  kind: 'websocket',
  discover: {
    sam: {},
    serverless: {
      websocket: (e) => [{ ...e.base, kind: 'websocket', api: { symbol: 'Ref:WebsocketsApi' }, route: typeof e.spec === 'string' ? e.spec : (slsLit(e.o.route) ?? '$default') }],
    },
    // Routes are read with the HTTP API routes of the same AWS::ApiGatewayV2::Integration (api-gateway-http).
    cloudFormation: {},
    live: { enricher: 'enrich-apigateway.ts' },
  },
  plan: {
    map: (t) => none(t, `API Gateway WebSocket route ${t.route} has no Functions trigger; use Azure Web PubSub or SignalR Service bindings`),
    roles: noRoles,
    display: (t) => t.route,
    http: false,
    drain: false,
    dataStore: false,
    compatible: ['http'],
  },
  convert: {
    node: { manual: 'WebSocket routes need Web PubSub or SignalR Service bindings, wired by hand' },
    python: { manual: 'WebSocket routes need Web PubSub or SignalR Service bindings, wired by hand' },
  },
  emit: { replaces: null, cutover: httpSwitch },
};

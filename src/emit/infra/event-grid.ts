// Event Grid: a system topic on the estate storage account (blob triggers on Flex use the Event Grid source)
// and custom topics that replace EventBridge buses / SNS topics. Subscriptions need the deployed function
// (its blobs_extension key or its resource id), so the postdeploy hook creates them, not this module.

import type { BicepFile, Decl } from '../bicep/ast.js';
import { bool, call, obj, roleDefinition, str, sym } from '../bicep/expr.js';
import { API } from './api-versions.js';
import { locationAndTags, param, resource } from './common.js';
import type { Estate } from './estate.js';
import { compareStrings } from '../../util/json.js';
import { pascal, SymbolTable, topicNamePrefix } from './names.js';
import { replacesDescription } from './replaces.js';
import { ROLE } from './roles.js';

export const EVENT_GRID_MODULE = 'infra/modules/event-grid.bicep';

/** Distinct custom topic names, sorted. */
export function customTopicNames(estate: Estate): string[] {
  return [...new Set([...estate.eventGridTopics.map((t) => t.name), ...estate.publishTopics])].sort(compareStrings);
}

export function buildEventGridModule(estate: Estate): BicepFile {
  const symbols = new SymbolTable(['location', 'tags', 'storageAccountName', 'systemTopicName', 'storage', 'storageTopic', 'resourceToken', 'principalId']);
  const decls: Decl[] = [...locationAndTags, param('resourceToken', 'string', 'Suffix that makes topic names unique')];
  if (estate.blobSubscriptions.length > 0) {
    decls.push(
      param('storageAccountName', 'string', 'The estate storage account whose blob events trigger functions'),
      param('systemTopicName', 'string', 'Event Grid system topic name'),
      resource('storage', ['Microsoft.Storage/storageAccounts', API.storageAccounts], { name: sym('storageAccountName') }, { existing: true }),
      resource('storageTopic', ['Microsoft.EventGrid/systemTopics', API.eventGrid], {
        name: sym('systemTopicName'),
        location: sym('location'),
        tags: sym('tags'),
        identity: obj({ type: str('SystemAssigned') }),
        properties: obj({ source: sym('storage', 'id'), topicType: str('Microsoft.Storage.StorageAccounts') }),
      }),
      { kind: 'output', name: 'systemTopicName', type: 'string', value: sym('storageTopic', 'name') },
    );
  }
  const topics = customTopicNames(estate);
  if (topics.length > 0) {
    decls.push(param('principalId', 'string', 'Object id of the deploying user or pipeline, granted EventGrid Data Sender on each topic to send the runbook\'s test events; empty to skip', str('')));
  }
  const topicUsers = new Set(estate.eventGridTopics.map((t) => `${t.functionName}|${t.name}`));
  for (const name of topics) {
    const s = symbols.take(`topic${pascal(name)}`);
    decls.push(
      resource(
        s,
        ['Microsoft.EventGrid/topics', API.eventGrid],
        {
          name: { k: 'interp', parts: [topicNamePrefix(name), sym('resourceToken')] },
          location: sym('location'),
          tags: sym('tags'),
          identity: obj({ type: str('SystemAssigned') }),
          properties: obj({ inputSchema: str('CloudEventSchemaV1_0'), disableLocalAuth: bool(true), publicNetworkAccess: str('Enabled') }),
        },
        {
          description: estate.eventGridTopics.some((t) => t.name === name)
            ? replacesDescription(estate.apps, (e) => e.trigger.type === 'eventGrid' && topicUsers.has(`${e.name}|${name}`), name, `Replaces the EventBridge bus / SNS topic '${name}'`)
            : `Replaces the EventBridge bus / SNS topic '${name}' the apps publish to (no function subscribes)`,
        },
      ),
      resource(
        symbols.take(`${s}TestSender`),
        ['Microsoft.Authorization/roleAssignments', API.roleAssignments],
        {
          name: call('guid', sym(s, 'id'), sym('principalId'), str(ROLE.eventGridDataSender)),
          properties: obj({
            roleDefinitionId: roleDefinition(ROLE.eventGridDataSender),
            principalId: sym('principalId'),
            description: str('Lets the deployer send the test events of MIGRATION.md step 7'),
          }),
        },
        { scope: sym(s), condition: { k: 'binary', op: '!=', left: sym('principalId'), right: str('') } },
      ),
      { kind: 'output', name: `${s}Id`, type: 'string', value: sym(s, 'id') },
      { kind: 'output', name: `${s}Endpoint`, type: 'string', value: sym(s, 'properties', 'endpoint') },
    );
  }
  return {
    path: EVENT_GRID_MODULE,
    header: ['Event Grid topics. Event subscriptions to functions are created after code deploy by infra/hooks/postdeploy.sh.'],
    decls,
  };
}

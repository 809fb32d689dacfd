// The infrastructure of an estate: one builder per concern, rendered through the one Bicep writer.

import type { Plan } from '../../model/plan.js';
import type { FileTree } from '../../util/file-tree.js';
import { addFile } from '../../util/file-tree.js';
import type { BicepFile } from '../bicep/ast.js';
import { renderBicep } from '../bicep/render.js';
import { renderCheckovConfig } from './checkov-config.js';
import { buildCosmosAccountModule, buildCosmosRolesModule } from './cosmos.js';
import { collectEstate, COSMOS_CREATED, type Estate } from './estate.js';
import { buildEventGridModule, customTopicNames } from './event-grid.js';
import { appValues, type AppModuleNeeds, type AppValues } from './app-values.js';
import { buildFunctionAppModule } from './function-app.js';
import { buildKeyVaultModule } from './key-vault.js';
import { buildMain } from './main.js';
import { buildEventHubsModule, buildServiceBusModule } from './messaging.js';
import { buildMonitoringModule } from './monitoring.js';
import { buildNetworkModule } from './network.js';
import { buildStorageModule } from './storage.js';

export interface Infra {
  estate: Estate;
  files: BicepFile[];
  parameters: string;
  needs: Map<string, AppModuleNeeds>;
}

export function buildInfra(plan: Plan): Infra {
  const estate = collectEstate(plan);
  const topics = customTopicNames(estate);
  const values = new Map<string, AppValues>();
  const needs = new Map<string, AppModuleNeeds>();
  for (const app of estate.apps) {
    const v = appValues(app, { topicsInEstate: topics, defaultCosmosAccount: estate.defaultCosmosAccount, dataPlane: plan.dataPlane });
    values.set(app.name, v);
    needs.set(app.name, v.needs);
  }
  const all = [...needs.values()];
  const hasKeyVault = estate.secrets.length > 0 || all.some((n) => n.keyVault);
  const hasServiceBus = estate.serviceBusQueues.length + estate.serviceBusTopics.length > 0 || all.some((n) => n.serviceBus);
  const hasEventHubs = estate.eventHubs.length > 0 || all.some((n) => n.eventHubs);
  const hasEventGrid = estate.blobSubscriptions.length > 0 || topics.length > 0;
  const hasNetwork = estate.vnets.length > 0;
  const files: BicepFile[] = [buildMonitoringModule(), buildStorageModule(estate)];
  if (hasKeyVault) files.push(buildKeyVaultModule(estate));
  if (hasServiceBus) files.push(buildServiceBusModule(estate));
  if (hasEventHubs) files.push(buildEventHubsModule(estate));
  if (hasEventGrid) files.push(buildEventGridModule(estate));
  if (hasNetwork) files.push(buildNetworkModule(estate));
  if (estate.cosmosAccounts.some((c) => c.name === COSMOS_CREATED)) files.push(buildCosmosAccountModule(estate));
  if (all.some((n) => n.cosmosRoles.length > 0)) files.push(buildCosmosRolesModule());
  files.push(buildFunctionAppModule({ keyVault: all.some((n) => n.keyVault), serviceBus: all.some((n) => n.serviceBus), eventHubs: all.some((n) => n.eventHubs), eventGridTopics: topics.length > 0 }));
  const main = buildMain({ estate, values, hasKeyVault, hasServiceBus, hasEventHubs, hasEventGrid, hasNetwork });
  return { estate, files: [main.file, ...files], parameters: main.parameters, needs };
}

export function addInfraFiles(tree: FileTree, infra: Infra): void {
  for (const f of infra.files) addFile(tree, f.path, renderBicep(f));
  addFile(tree, 'infra/main.parameters.json', infra.parameters);
  addFile(tree, 'infra/.checkov.yaml', renderCheckovConfig());
}

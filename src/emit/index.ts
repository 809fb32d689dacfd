// The estate emitter: infrastructure (Bicep), the azd layout, the deployment workflow and the Day-0 manual,
// as one FileTree that `convert` merges with the app projects under apps/<app>/.

import type { ConversionReport } from '../model/conversion.js';
import type { Plan } from '../model/plan.js';
import type { FileTree } from '../util/file-tree.js';
import { addInfraFiles, buildInfra } from './infra/index.js';

export function emitEstate(plan: Plan, report: ConversionReport): FileTree {
  const tree: FileTree = new Map();
  const infra = buildInfra(plan);
  addInfraFiles(tree, infra);
  void report;
  return tree;
}

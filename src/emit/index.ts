// The estate emitter: infrastructure (Bicep), the azd layout, the deployment workflow and the Day-0 manual,
// as one FileTree that `convert` merges with the app projects under apps/<app>/.

import path from 'node:path';
import type { ConversionReport } from '../model/conversion.js';
import type { Plan } from '../model/plan.js';
import { MigrateError } from '../util/errors.js';
import { addFile, type FileTree } from '../util/file-tree.js';
import { NODE_PACKAGE_SCRIPT, POSTDEPLOY_SCRIPT, renderAzureYaml, usesNodePackaging } from './azd/azure-yaml.js';
import { loadTemplate } from './templates.js';
import { needsPostdeployHook, renderPostdeployHook } from './azd/postdeploy-hook.js';
import { renderWorkflow, WORKFLOW_PATH } from './azd/workflow.js';
import { GITIGNORE_PATH, renderGitignore } from './azd/gitignore.js';
import { addInfraFiles, buildInfra } from './infra/index.js';
import { renderManual } from './manual/manual.js';
import { KEYLESS_TEMPLATE, renderKeylessTemplate } from './aws/keyless-federation.js';
import { deploymentTargets } from './deploy-targets.js';

export interface EmitOptions {
  /** azd project name (lowercase letters, digits, hyphens); defaults to one derived from the plan's source. */
  projectName?: string;
  /** HTTP route prefix the generated host.json uses (`api/` is the Functions default; `''` when routePrefix is empty). */
  routePrefix?: string;
}

/** A valid azd name from the plan's source: the template's folder or file name, else `lambda-estate`. */
export function defaultProjectName(plan: Plan): string {
  const first = plan.source.paths?.[0];
  let base = 'lambda-estate';
  if (first) {
    // Template paths are relative to the source root: `.` names the root itself, so join before taking names.
    const joined = path.posix.join((plan.source.root ?? '').replace(/\\/g, '/'), first.replace(/\\/g, '/'));
    const parts = joined.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
    const file = parts[parts.length - 1] ?? '';
    const stem = file.replace(/\.(ya?ml|json|template)$/i, '');
    base = (['template', 'serverless', 'samconfig', ''].includes(stem.toLowerCase()) ? parts[parts.length - 2] ?? base : stem) || base;
  } else if (plan.source.account) base = `aws-${plan.source.account}`;
  const clean = base.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return clean.length >= 2 ? clean : 'lambda-estate';
}

export function emitEstate(plan: Plan, report: ConversionReport, options: EmitOptions = {}): FileTree {
  if (plan.apps.length === 0) {
    throw new MigrateError('plan.invalid', 'the plan has no function apps to generate', { hint: 'run migrate plan on an inventory with at least one function' });
  }
  const tree: FileTree = new Map();
  const name = options.projectName ?? defaultProjectName(plan);
  // Apps with no converted function are not provisioned or deployed; the manual lists them (deploy-targets.ts).
  const targets = deploymentTargets(plan, report);
  const infra = buildInfra(targets.plan);
  addInfraFiles(tree, infra);
  const hook = needsPostdeployHook(infra.estate);
  if (hook) addFile(tree, POSTDEPLOY_SCRIPT, renderPostdeployHook(infra.estate));
  addFile(tree, 'azure.yaml', renderAzureYaml(name, infra.estate.apps, hook));
  if (infra.estate.apps.some(usesNodePackaging)) addFile(tree, NODE_PACKAGE_SCRIPT, loadTemplate('azd/package-node-app.mjs'));
  const supplied = infra.estate.apps.flatMap((a) => infra.needs.get(a.name)!.supplied);
  addFile(tree, WORKFLOW_PATH, renderWorkflow(infra.estate.apps, supplied));
  addFile(tree, GITIGNORE_PATH, renderGitignore());
  const keyless = renderKeylessTemplate(plan);
  if (keyless) addFile(tree, KEYLESS_TEMPLATE, keyless);
  addFile(tree, 'MIGRATION.md', renderManual(plan, report, infra, { estateName: name, routePrefix: options.routePrefix ?? 'api/', held: targets.held }));
  return tree;
}

// The Azure REST API models as the azure-mgmt-* Python packages publish them (read by dump_models.py), for checking
// generated Bicep resource bodies without a Bicep compiler or a subscription.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type ModelType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'any'
  | { model: string }
  | { object: Record<string, ModelProperty> }
  | { array: ModelType }
  | { map: ModelType }
  | { enum: string[] };

export interface ModelProperty {
  type: ModelType;
  required: boolean;
  readOnly: boolean;
}

export interface ArmModels {
  /** Resource type → root model and the package (name version) it comes from. */
  types: Record<string, { model: string; package: string }>;
  models: Record<string, Record<string, ModelProperty>>;
}

const HERE = import.meta.dirname;
const ROOT = path.resolve(HERE, '../../..');
let cached: ArmModels | undefined;

/** Dumps the models of every resource type in resource-types.json (about 2 s, once per process). */
export function loadArmModels(): ArmModels {
  if (cached) return cached;
  const python = path.join(ROOT, '.venv/py/bin/python');
  const r = spawnSync(python, [path.join(HERE, 'dump_models.py')], {
    input: readFileSync(path.join(HERE, 'resource-types.json')),
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`dump_models.py failed: ${r.stderr?.toString() ?? r.error?.message}`);
  cached = JSON.parse(r.stdout.toString()) as ArmModels;
  return cached;
}

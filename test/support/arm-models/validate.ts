// Checks Bicep resource bodies against the REST API models: property names (a misspelt or unknown property is
// dropped or rejected by Resource Manager), read-only properties set, required properties missing, enum values and
// literal types. Values only known at deployment are not judged.

import type { BicepResource, BicepValue } from './bicep-values.js';
import type { ArmModels, ModelProperty, ModelType } from './models.js';

/** Keys of a resource body that are Bicep's, not the REST body's. */
const BICEP_KEYS = new Set(['name', 'parent', 'scope', 'dependsOn']);

export interface ModelProblem {
  line: number;
  path: string;
  message: string;
}

export function validateResource(resource: BicepResource, models: ArmModels): ModelProblem[] {
  const root = models.types[resource.type];
  if (!root) return [{ line: resource.line, path: resource.symbol, message: `no REST model is mapped for ${resource.type}` }];
  if (resource.existing) return [];
  const problems: ModelProblem[] = [];
  const body = resource.body.kind === 'array' ? resource.body.items[0] : resource.body;
  if (!body) return problems;
  checkValue(body, { model: root.model }, resource.symbol, models, problems, BICEP_KEYS);
  return problems;
}

function propsOf(type: ModelType, models: ArmModels): Record<string, ModelProperty> | undefined {
  if (typeof type !== 'object') return undefined;
  if ('model' in type) return models.models[type.model];
  if ('object' in type) return type.object;
  return undefined;
}

function checkValue(value: BicepValue, type: ModelType, at: string, models: ArmModels, problems: ModelProblem[], ignore?: Set<string>): void {
  if (value.kind === 'expr' || value.kind === 'null' || type === 'any') return;
  const props = propsOf(type, models);
  if (props) {
    if (value.kind !== 'object') return void problems.push({ line: value.line, path: at, message: `expected an object, found a ${value.kind}` });
    for (const [key, v] of value.props) {
      if (ignore?.has(key)) continue;
      const spelt = key in props ? key : Object.keys(props).find((k) => k.toLowerCase() === key.toLowerCase());
      const prop = spelt === undefined ? undefined : props[spelt];
      if (spelt !== undefined && spelt !== key) problems.push({ line: v.line, path: `${at}.${key}`, message: `'${key}' is spelt '${spelt}' in the model` });
      if (!prop) {
        problems.push({ line: v.line, path: `${at}.${key}`, message: `unknown property '${key}' (known: ${Object.keys(props).filter((k) => !props[k]?.readOnly).sort().join(', ')})` });
        continue;
      }
      if (prop.readOnly) problems.push({ line: v.line, path: `${at}.${key}`, message: `'${key}' is read-only` });
      checkValue(v, prop.type, `${at}.${key}`, models, problems);
    }
    for (const [key, prop] of Object.entries(props)) {
      if (prop.required && !prop.readOnly && !value.props.has(key) && !ignore?.has(key)) {
        problems.push({ line: value.line, path: at, message: `required property '${key}' is missing` });
      }
    }
    return;
  }
  if (typeof type === 'object' && 'array' in type) {
    if (value.kind !== 'array') return void problems.push({ line: value.line, path: at, message: `expected an array, found a ${value.kind}` });
    value.items.forEach((item, i) => checkValue(item, type.array, `${at}[${i}]`, models, problems));
    return;
  }
  if (typeof type === 'object' && 'map' in type) {
    if (value.kind !== 'object') return void problems.push({ line: value.line, path: at, message: `expected an object, found a ${value.kind}` });
    for (const [key, v] of value.props) checkValue(v, type.map, `${at}.${key}`, models, problems);
    return;
  }
  if (typeof type === 'object' && 'enum' in type) {
    if (value.kind !== 'string') return void problems.push({ line: value.line, path: at, message: `expected one of ${type.enum.join(', ')}, found a ${value.kind}` });
    if (!type.enum.some((e) => e.toLowerCase() === value.value.toLowerCase())) {
      problems.push({ line: value.line, path: at, message: `'${value.value}' is not one of ${type.enum.join(', ')}` });
    }
    return;
  }
  if (typeof type === 'string' && value.kind !== type) {
    problems.push({ line: value.line, path: at, message: `expected a ${type}, found a ${value.kind}` });
  }
}

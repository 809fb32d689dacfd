// .migraterc.yaml: rule directories, disabled rules (each with a reason), grouping and cost assumptions.
// Discovered in the working directory when --config is not given.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { MAX_SOURCE_BYTES, readInputFile } from '../util/contain.js';
import { MigrateError } from '../util/errors.js';
import { boundedToJs } from '../util/yaml-bounded.js';

export interface MigrateConfig {
  /** Path of the config file relative to the cwd (posix), recorded as `by` of disabled rules. */
  file?: string;
  /** Directory holding the config, for resolving relative rule directories. */
  dir?: string;
  disable: { id: string; reason: string }[];
  rules: string[];
  groupBy?: string;
  cost: { invocationsPerMonthPerFunction?: number; averageDurationMs?: number };
  /** Data-plane resources kept in AWS: `<service>` or `<service>:<resource>` (like `--keep-in-aws`). */
  keepInAws: string[];
}

export const CONFIG_FILE = '.migraterc.yaml';

export async function loadConfig(cwd: string, explicit?: string): Promise<MigrateConfig> {
  const file = path.resolve(cwd, explicit ?? CONFIG_FILE);
  const display = path.relative(cwd, file).split(path.sep).join('/') || CONFIG_FILE;
  if (!explicit && !existsSync(file)) return { disable: [], rules: [], cost: {}, keepInAws: [] };
  const text = await readInputFile(file, display, MAX_SOURCE_BYTES);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  const fail = (msg: string, offset?: number): never => {
    const p = offset !== undefined ? lc.linePos(offset) : undefined;
    throw new MigrateError('input.parse', msg, { file: display, line: p?.line, column: p?.col, hint: 'see docs/planning.md, .migraterc.yaml' });
  };
  if (doc.errors.length) fail(`invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`, doc.errors[0]!.pos[0]);
  const raw = (boundedToJs(doc, lc, display, 'input.parse') ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw)) fail('the config must be a mapping');
  const allowed = new Set(['disable', 'rules', 'groupBy', 'cost', 'keepInAws']);
  for (const k of Object.keys(raw)) if (!allowed.has(k)) fail(`unknown key '${k}' (expected disable, rules, groupBy, cost, keepInAws)`);
  const disable = (raw.disable ?? []) as unknown[];
  if (!Array.isArray(disable)) fail('disable must be a list of {id, reason}');
  const out: MigrateConfig = { file: display, dir: path.dirname(file), disable: [], rules: [], cost: {}, keepInAws: [] };
  disable.forEach((d, i) => {
    const node = doc.getIn(['disable', i], true) as { range?: [number, number, number] } | undefined;
    const e = d as { id?: unknown; reason?: unknown };
    if (typeof e?.id !== 'string' || typeof e?.reason !== 'string' || !e.reason.trim()) fail('each disable entry needs an id and a non-empty reason', node?.range?.[0]);
    out.disable.push({ id: e.id as string, reason: e.reason as string });
  });
  if (raw.rules !== undefined) {
    if (!Array.isArray(raw.rules) || raw.rules.some((r) => typeof r !== 'string')) fail('rules must be a list of directories');
    out.rules = (raw.rules as string[]).map((r) => path.resolve(out.dir!, r));
  }
  if (raw.keepInAws !== undefined) {
    const k = raw.keepInAws;
    if (!Array.isArray(k) || k.some((x) => typeof x !== 'string' || !/^[a-z0-9]+(:.+)?$/i.test(x))) {
      fail('keepInAws must be a list of <service> or <service>:<resource>', (doc.get('keepInAws', true) as { range?: [number, number, number] } | undefined)?.range?.[0]);
    }
    out.keepInAws = k as string[];
  }
  if (raw.groupBy !== undefined) {
    if (typeof raw.groupBy !== 'string') fail('groupBy must be a string');
    out.groupBy = raw.groupBy as string;
  }
  if (raw.cost !== undefined) {
    const c = raw.cost as Record<string, unknown>;
    for (const [k, v] of Object.entries(c ?? {})) {
      if (k !== 'invocationsPerMonthPerFunction' && k !== 'averageDurationMs') fail(`unknown cost key '${k}' (expected invocationsPerMonthPerFunction, averageDurationMs)`);
      if (typeof v !== 'number' || v < 0) fail(`cost.${k} must be a non-negative number`);
      out.cost[k as keyof MigrateConfig['cost']] = v as number;
    }
  }
  return out;
}

// Plan edits `convert` cannot honour are rejected up front with the JSON path of the offending field (exit 2).

import path from 'node:path';
import type { Plan } from '../model/plan.js';
import { MigrateError } from '../util/errors.js';
import { compatibleTriggers } from '../triggers/registry.js';
import { validatePlanNames } from './validate-names.js';

const APP_NAME = /^[a-z0-9-]{2,40}$/;
const ENTRY_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,127}$/;

function fail(where: string, message: string, hint?: string): never {
  throw new MigrateError('plan.invalid', `${where}: ${message}`, { hint });
}

/** A plan path (handler file, codeDir) must stay inside plan.source.root. */
export function insideRoot(where: string, p: string): string {
  const normalized = path.posix.normalize(p.replace(/\\/g, '/'));
  if (normalized === '..' || normalized.startsWith('../') || path.posix.isAbsolute(normalized) || /^[a-zA-Z]:/.test(normalized)) {
    fail(where, `${JSON.stringify(p)} points outside plan.source.root`, 'handler files and code directories are relative to the source root');
  }
  return normalized === '.' ? '' : normalized.replace(/\/$/, '');
}

/** What a handler file of a converted language may be called (a plan pointing at /etc/passwd is refused). */
const SOURCE_EXTENSIONS: Partial<Record<string, RegExp>> = { nodejs: /\.(m|c)?[jt]sx?$/, python: /\.py$/ };

export function validatePlanForConvert(plan: Plan): void {
  validatePlanNames(plan);
  const root = plan.source.root;
  if (root !== undefined && (path.posix.isAbsolute(root.replace(/\\/g, '/')) || /^[a-zA-Z]:/.test(root))) {
    fail('source.root', `${JSON.stringify(root)} is absolute; migrate writes it relative to the plan file`);
  }
  const appNames = new Set<string>();
  const lambdaIds = new Map<string, string>();
  plan.apps.forEach((app, a) => {
    const at = `apps[${a}]`;
    if (!APP_NAME.test(app.name)) fail(`${at}.name`, `app name ${JSON.stringify(app.name)} must be 2-40 characters of [a-z0-9-]`);
    if (appNames.has(app.name)) fail(`${at}.name`, `app name ${JSON.stringify(app.name)} is used twice`);
    appNames.add(app.name);
    const languages = new Set(app.functions.map((f) => f.language));
    // An app of unconvertible runtimes (all manual) may mix them; a Node app must be Node only.
    if (languages.size > 1 && languages.has('nodejs')) {
      fail(`${at}.functions`, `app ${app.name} mixes ${[...languages].sort().join(' and ')} functions; one Azure function app has one language runtime`, 'move the functions to separate apps');
    }
    const entryNames = new Map<string, string>();
    app.functions.forEach((fn, f) => {
      const fat = `${at}.functions[${f}]`;
      const prev = lambdaIds.get(fn.lambdaId);
      if (prev !== undefined) fail(`${fat}.lambdaId`, `Lambda ${JSON.stringify(fn.lambdaId)} is already planned at ${prev}`);
      lambdaIds.set(fn.lambdaId, fat);
      if (fn.handler) {
        insideRoot(`${fat}.handler.file`, fn.handler.file);
        const ext = SOURCE_EXTENSIONS[fn.language];
        if (ext && !ext.test(fn.handler.file)) fail(`${fat}.handler.file`, `${JSON.stringify(fn.handler.file)} is not a ${fn.language} source file`, 'a handler file is a source file of its language');
      }
      if (fn.codeDir !== undefined) insideRoot(`${fat}.codeDir`, fn.codeDir);
      for (const [i, dir] of (fn.layerDirs ?? []).entries()) insideRoot(`${fat}.layerDirs[${i}]`, dir);
      fn.entries.forEach((entry, e) => {
        const eat = `${fat}.entries[${e}]`;
        if (!ENTRY_NAME.test(entry.name)) fail(`${eat}.name`, `function name ${JSON.stringify(entry.name)} must start with a letter and use only letters, digits, - and _`);
        const lower = entry.name.toLowerCase();
        if (entryNames.has(lower)) fail(`${eat}.name`, `function name ${JSON.stringify(entry.name)} is already used at ${entryNames.get(lower)} (names are case-insensitive in an app)`);
        entryNames.set(lower, eat);
        const allowed = compatibleTriggers(entry.lambdaEvent);
        if (allowed && entry.trigger.type !== 'none' && !allowed.includes(entry.trigger.type)) {
          fail(`${eat}.trigger.type`, `a ${entry.lambdaEvent} event cannot be served by an Azure ${entry.trigger.type} trigger`, `use one of: ${allowed.join(', ')}`);
        }
      });
    });
  });
}

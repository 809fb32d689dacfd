// A Lambda runtime id (`nodejs20.x`, `python3.12`, `provided.al2023`) → language, version and deprecation.
// Deprecation dates from aws-source.md §3 (phase 1, "deprecated"), as of the research date.

import type { RuntimeInfo } from '../../model/inventory.js';

const DEPRECATED = new Set([
  'nodejs', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x', 'nodejs16.x', 'nodejs18.x', 'nodejs20.x',
  'python2.7', 'python3.6', 'python3.7', 'python3.8', 'python3.9',
  'java8', 'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1', 'dotnet5.0', 'dotnet6', 'dotnet7',
  'ruby2.5', 'ruby2.7', 'ruby3.2', 'go1.x', 'provided',
]);

export function runtimeInfo(id: string | undefined): RuntimeInfo {
  if (!id) return { language: 'unknown' };
  const info = (language: RuntimeInfo['language'], version?: string): RuntimeInfo => {
    const r: RuntimeInfo = { id, language };
    if (version) r.version = version;
    if (DEPRECATED.has(id)) r.deprecated = true;
    return r;
  };
  let m: RegExpExecArray | null;
  if ((m = /^nodejs(\d+)/.exec(id))) return info('nodejs', m[1]);
  if ((m = /^python(\d+\.\d+)/.exec(id))) return info('python', m[1]);
  if ((m = /^java(\d+)/.exec(id))) return info('java', m[1]);
  if ((m = /^dotnet(?:core)?(\d+(?:\.\d+)?)/.exec(id))) return info('dotnet', m[1]);
  if ((m = /^ruby(\d+\.\d+)/.exec(id))) return info('ruby', m[1]);
  if (id === 'go1.x') return info('go', '1');
  if (id.startsWith('provided')) return info('custom');
  return info('unknown');
}

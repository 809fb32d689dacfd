// Lambda runtime id → language, version and deprecation, from the lifecycle table in the shared AWS reference
// (cfn-lint LmbdRuntimeLifecycle.json, built from the Lambda runtimes page).

import type { Language, RuntimeInfo } from '../../model/inventory.js';

/**
 * The date the lifecycle table below was last reviewed. `deprecated` means "deprecated on or before this date",
 * so the inventory does not change with the wall clock; update the table and this date together.
 */
export const LIFECYCLE_AS_OF = '2026-11-23';

/** Deprecation dates (phase 0 of the AWS lifecycle). Runtimes not listed are current or newer than the table. */
const DEPRECATION: Record<string, string> = {
  'nodejs24.x': '2028-04-30',
  'nodejs22.x': '2027-04-30',
  'nodejs20.x': '2026-04-30',
  'nodejs18.x': '2025-09-01',
  'nodejs16.x': '2024-06-12',
  'nodejs14.x': '2023-12-04',
  'nodejs12.x': '2023-03-31',
  'nodejs10.x': '2021-07-30',
  'nodejs8.10': '2020-03-06',
  'nodejs6.10': '2019-08-12',
  'nodejs4.3': '2020-03-05',
  nodejs: '2016-10-31',
  'python3.14': '2029-06-30',
  'python3.13': '2029-06-30',
  'python3.12': '2028-10-31',
  'python3.11': '2026-06-30',
  'python3.10': '2026-06-30',
  'python3.9': '2025-12-15',
  'python3.8': '2024-10-14',
  'python3.7': '2023-12-04',
  'python3.6': '2022-07-18',
  'python2.7': '2021-07-15',
  java25: '2029-06-30',
  java21: '2029-06-30',
  java17: '2026-06-30',
  java11: '2026-06-30',
  'java8.al2': '2026-06-30',
  java8: '2024-01-08',
  dotnet8: '2026-11-10',
  dotnet6: '2024-12-20',
  'dotnetcore3.1': '2023-04-03',
  'dotnetcore2.1': '2022-01-05',
  'ruby3.4': '2028-03-31',
  'ruby3.3': '2027-03-31',
  'ruby3.2': '2026-03-31',
  'ruby2.7': '2023-12-07',
  'ruby2.5': '2022-07-30',
  'provided.al2023': '2029-06-30',
  'provided.al2': '2026-06-30',
  provided: '2024-01-08',
  'go1.x': '2024-01-08',
};

const FAMILIES: [RegExp, Language, (m: RegExpExecArray) => string | undefined][] = [
  [/^nodejs(\d+)(?:\.x|\.\d+)$/, 'nodejs', (m) => m[1]],
  [/^nodejs$/, 'nodejs', () => '0.10'],
  [/^python(\d\.\d{1,2})$/, 'python', (m) => m[1]],
  [/^java(\d+)(?:\.al2)?$/, 'java', (m) => m[1]],
  [/^dotnet(\d+)$/, 'dotnet', (m) => m[1]],
  [/^dotnetcore(\d\.\d)$/, 'dotnet', (m) => m[1]],
  [/^ruby(\d\.\d)$/, 'ruby', (m) => m[1]],
  [/^go1\.x$/, 'go', () => '1'],
  [/^provided(?:\.al2|\.al2023)?$/, 'custom', () => undefined],
];

/** Map a runtime id; `known` is false for ids that match no runtime family (e.g. the typo `provided.al2023023`). */
export function mapRuntime(id: string | undefined): { info: RuntimeInfo; known: boolean } {
  if (id === undefined) return { info: { language: 'unknown' }, known: true };
  for (const [re, language, version] of FAMILIES) {
    const m = re.exec(id);
    if (!m) continue;
    const info: RuntimeInfo = { id, language };
    const v = version(m);
    if (v !== undefined) info.version = v;
    const date = DEPRECATION[id];
    if (date !== undefined && date <= LIFECYCLE_AS_OF) info.deprecated = true;
    return { info, known: true };
  }
  return { info: { id, language: 'unknown' }, known: false };
}

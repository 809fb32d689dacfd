// Who owns a generated file once it is on disk. Generator-owned files (infrastructure, azd layout, the manual, each
// app's registration entry files, host and local settings, the copied Lambda originals the equivalence tests run)
// are rewritten by every convert: an edit there is drift. Everything else in an app project (handler modules,
// package.json, requirements.txt, tsconfig.json, the README): the user is told to edit it, so a re-run merges the
// generator's changes into the user's version three-way (util/merge-file.ts) instead of overwriting it.

/** Paths inside `apps/<app>/` that stay generator-owned. */
const GENERATED_IN_APP: readonly RegExp[] = [
  /^src\/functions\//,
  /^function_app\.py$/,
  /^migrate_runtime\.py$/,
  /^host\.json$/,
  /^local\.settings\.json$/,
  /^\.funcignore$/,
  /^\.npmrc$/,
  /^test\/lambda-original\//,
  /^tests?\/.*\.equivalence\.test\.[cm]?[jt]s$/,
];

/** True when `rel` (a posix path relative to --out-dir) is merged with the user's edits on re-convert. */
export function isUserOwned(rel: string): boolean {
  const inApp = /^apps\/[^/]+\/(.+)$/.exec(rel);
  return inApp !== null && !GENERATED_IN_APP.some((r) => r.test(inApp[1]!));
}

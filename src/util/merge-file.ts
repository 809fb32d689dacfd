// A three-way merge of one text file, like `git merge-file`: the last generated version (base), the user's version
// on disk and the new generation. Lines changed on one side only are taken from that side; lines both sides changed
// differently become a conflict block with markers. The diff3 algorithm is node-diff3's (loaded on first use).

const BASE_DIR = '.migrate/base';

/** Where the last generated version of `rel` is kept, relative to --out-dir. */
export const basePath = (rel: string): string => `${BASE_DIR}/${rel}`;

const YOURS = 'yours (edited since the last convert)';
const GENERATED = 'migrate convert (new generation)';

/** True while a file still holds the conflict markers a merge wrote into it. */
export const hasConflictMarkers = (text: string): boolean => text.includes(`\n<<<<<<< ${YOURS}\n`) || text.startsWith(`<<<<<<< ${YOURS}\n`);

export interface MergeOutcome {
  text: string;
  conflict: boolean;
}

export async function mergeFile(base: string, yours: string, generated: string): Promise<MergeOutcome> {
  const { merge } = await import('node-diff3');
  const lines = (s: string) => s.split('\n');
  const out = merge(lines(yours), lines(base), lines(generated), { label: { a: YOURS, b: GENERATED } });
  return { text: out.result.join('\n'), conflict: out.conflict };
}

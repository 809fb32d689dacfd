// Property: whatever symbolic links a source or output tree holds (into the root, out of it, dangling, chained),
// a read never returns a file whose real path leaves the source root, and a write either lands entirely inside
// the output root or is refused before anything is written; the tree outside the roots never changes.

import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSourceFile, isInside, readSourceFile } from '../../src/util/contain.js';
import { MigrateError } from '../../src/util/errors.js';
import { writeFileTree } from '../../src/util/file-tree.js';
import { CANARY, Sandbox, snapshot } from './sandbox.js';

const NAMES = ['a', 'b', 'c', 'd'];
const segment = fc.constantFrom(...NAMES);
const relPath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));

/** Where a generated link points: inside the root, outside it (file or directory), nowhere, or an absolute system path. */
const target = fc.oneof(
  relPath.map((p) => ({ kind: 'inside' as const, p })),
  fc.constantFrom('outside', 'outside/secret.txt', 'outside/victim', 'outside/victim/keep.txt').map((p) => ({ kind: 'outside' as const, p })),
  fc.constantFrom('/etc', '/etc/hostname', '/dev/null', '/proc/self').map((p) => ({ kind: 'absolute' as const, p })),
  fc.constant({ kind: 'dangling' as const, p: 'no/such/thing' }),
);

// Links are what containment is about: most generated entries are links, most of them at depth 1.
const shallow = fc.oneof({ weight: 3, arbitrary: segment }, { weight: 1, arbitrary: relPath });
const entry = fc.record({
  at: shallow,
  what: fc.oneof({ weight: 1, arbitrary: fc.constant({ type: 'file' as const }) }, { weight: 1, arbitrary: fc.constant({ type: 'dir' as const }) }, { weight: 4, arbitrary: target.map((t) => ({ type: 'link' as const, t })) }),
});
const layout = fc.array(entry, { maxLength: 10 });

type Entry = { at: string; what: { type: 'file' } | { type: 'dir' } | { type: 'link'; t: { kind: string; p: string } } };

/** Build a layout under `rootRel`; entries that collide with earlier ones are skipped. */
function build(sb: Sandbox, rootRel: string, entries: Entry[]): void {
  for (const e of entries) {
    const rel = `${rootRel}/${e.at}`;
    // Never create through an existing link or file (a link loop would make a recursive mkdir spin).
    const parts = rel.split('/');
    if (parts.some((_, i) => i > 0 && i <= parts.length && isLinkOrFile(sb.p(parts.slice(0, i + 1).join('/'))))) continue;
    try {
      if (e.what.type === 'file') sb.write(rel, `inside ${e.at}\n`);
      else if (e.what.type === 'dir') sb.write(`${rel}/.keep`, '');
      else {
        const t = e.what.t;
        const dest = t.kind === 'inside' ? sb.p(`${rootRel}/${t.p}`) : t.kind === 'outside' ? sb.p(t.p) : t.kind === 'absolute' ? t.p : sb.p(t.p);
        sb.link(rel, dest);
      }
    } catch {
      /* a parent is a file or a link: the layout simply does not have this entry */
    }
  }
}

function isLinkOrFile(p: string): boolean {
  try {
    const st = lstatSync(p);
    return st.isSymbolicLink() || !st.isDirectory();
  } catch {
    return false;
  }
}

const sandboxes: Sandbox[] = [];
afterAll(() => sandboxes.forEach((s) => s.remove()));

describe('containment under random symlink layouts', () => {
  it('reads only regular files whose real path stays in the source root', () => {
    fc.assert(
      fc.property(layout, fc.array(relPath, { minLength: 1, maxLength: 6 }), (entries, probes) => {
        const sb = new Sandbox();
        sandboxes.push(sb);
        build(sb, 'repo', entries);
        const root = sb.p('repo');
        const rootReal = realpathSync(root);
        for (const probe of probes) {
          const abs = path.join(root, probe);
          const check = checkSourceFile(root, abs);
          let real: string | undefined;
          try {
            real = realpathSync(abs);
          } catch {
            real = undefined;
          }
          if (check.ok) {
            expect(real).toBeDefined();
            expect(isInside(rootReal, real!)).toBe(true);
            expect(readSourceFile(root, abs, probe)).not.toContain(CANARY);
          } else if (real !== undefined && !isInside(rootReal, real)) {
            expect(check.refusal).toBe('outside-root');
            expect(() => readSourceFile(root, abs, probe)).toThrow(MigrateError);
          }
        }
      }),
      { numRuns: 80, seed: 2026 },
    );
  });

  it('writes inside the output root or refuses before writing anything', async () => {
    await fc.assert(
      fc.asyncProperty(layout, fc.uniqueArray(relPath, { minLength: 1, maxLength: 6 }), async (entries, files) => {
        const sb = new Sandbox();
        sandboxes.push(sb);
        build(sb, 'out', entries);
        const outside = snapshot(sb.p('outside'));
        const before = snapshot(sb.p('out'));
        // A tree cannot hold both `a` and `a/b`: keep the paths that are not a prefix of another.
        const paths = files.filter((f) => !files.some((g) => g !== f && g.startsWith(`${f}/`)));
        const tree = new Map(paths.map((p) => [p, `generated ${p}\n`]));
        let refused = false;
        try {
          await writeFileTree(tree, sb.p('out'), { force: true });
        } catch (e) {
          expect(e).toBeInstanceOf(MigrateError);
          refused = true;
        }
        expect(snapshot(sb.p('outside'))).toEqual(outside);
        if (refused) {
          expect(snapshot(sb.p('out'))).toEqual(before);
        } else {
          const rootReal = realpathSync(sb.p('out'));
          for (const p of paths) expect(isInside(rootReal, realpathSync(sb.p(`out/${p}`)))).toBe(true);
        }
      }),
      { numRuns: 60, seed: 2027 },
    );
  });
});

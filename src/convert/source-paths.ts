// Where an app's carried-over code lives: the deepest directory its functions' code directories share.

/** The longest common directory prefix of posix paths ('' when they share none). */
export function commonDir(dirs: string[]): string {
  if (dirs.length === 0) return '';
  let parts = dirs[0]!.split('/').filter(Boolean);
  for (const d of dirs.slice(1)) {
    const q = d.split('/').filter(Boolean);
    let i = 0;
    while (i < parts.length && i < q.length && parts[i] === q[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/');
}

/** `p` relative to `base`, where `base` is a directory prefix of `p` (from commonDir). */
export function relativeToBase(base: string, p: string): string {
  return base === '' ? p : p.slice(base.length + 1);
}

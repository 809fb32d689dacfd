// `--function NAME-GLOB`: `*` matches any run of characters, `?` one character; the whole name must match.

export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

export function nameFilter(globs: string[] | undefined): (name: string) => boolean {
  if (!globs || globs.length === 0) return () => true;
  const res = globs.map(globToRegExp);
  return (name) => res.some((re) => re.test(name));
}

// POSIX shell quoting for the generated hook scripts and manual commands: single quotes, `'` as '\''.

export function shq(value: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A `# comment` line: control characters (a newline would end the comment and start a command) become spaces. */
export function shComment(text: string): string {
  return `# ${text.replace(/[\p{Cc}\u2028\u2029]/gu, ' ')}`;
}

/**
 * A value inside a double-quoted shell word (`"$URI/<here>"`): kept as is when nothing in it is special there,
 * else the double quotes are closed around a shq-quoted piece.
 */
export function inDq(value: string): string {
  return /^[^"$`\\!\p{Cc}\u2028\u2029]*$/u.test(value) ? value : `"${shq(value)}"`;
}

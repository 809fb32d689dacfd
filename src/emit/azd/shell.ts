// POSIX shell quoting for the generated hook scripts and manual commands: single quotes, `'` as '\''.

export function shq(value: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// Deterministic JSON: object keys sorted, two-space indent, trailing newline. Every artifact goes through here.

export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeysDeep(v);
    }
    return out;
  }
  return value;
}

export function stableStringify(value: unknown): string {
  return `${JSON.stringify(sortKeysDeep(value), null, 2)}\n`;
}

/** Compare strings by UTF-16 code units, independent of locale (`localeCompare` is not deterministic across ICU builds). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareStrings(key(a), key(b)));
}

/** Line and column (1-based) of a JSON.parse error in `text`, from the position V8 puts in its message, if any. */
export function jsonErrorPosition(error: unknown, text: string): { reason: string; line?: number; column?: number } {
  const message = (error as Error).message ?? String(error);
  const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
  const m = /position (\d+)/.exec(message);
  if (!m) return { reason };
  const before = text.slice(0, Number(m[1]));
  return { reason, line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

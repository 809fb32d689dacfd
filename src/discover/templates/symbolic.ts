// The values intrinsic evaluation produces and how they print: Symbolic (an unknowable value naming what it depends
// on), AWS::NoValue, and the conversions discovery uses to put them in the inventory.

/** An unknowable value. A class (not a plain `{symbol}`) so it cannot be confused with template data. */
export class Symbolic {
  constructor(readonly symbol: string) {}
  toJSON(): { symbol: string } {
    return { symbol: this.symbol };
  }
}

/** `AWS::NoValue`: removes the property or list element that holds it. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** The single intrinsic key of a one-key mapping, if it is one. */
export function intrinsicName(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length !== 1) return undefined;
  const k = keys[0]!;
  return k === 'Ref' || k === 'Condition' || k.startsWith('Fn::') ? k : undefined;
}

/** A printable form of a partially resolved value, used inside symbols. */
export function display(v: unknown): string {
  if (v instanceof Symbolic) return `{${v.symbol}}`;
  if (typeof v === 'string') return v;
  if (v === NO_VALUE) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const keys = Object.keys(v);
    const sym = (v as { symbol?: unknown }).symbol;
    if (keys.length === 1 && typeof sym === 'string') return `{${sym}}`; // an inventory Resolvable
  }
  return JSON.stringify(v, (_k, x: unknown) => (x instanceof Symbolic ? `{${x.symbol}}` : x)) ?? '';
}

export function containsSymbolic(v: unknown): boolean {
  if (v instanceof Symbolic) return true;
  if (Array.isArray(v)) return v.some(containsSymbolic);
  if (v !== null && typeof v === 'object') return Object.values(v).some(containsSymbolic);
  return false;
}

/** Plain JSON for the inventory: Symbolic → {symbol}, NoValue dropped. */
export function toPlain(v: unknown): unknown {
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x === NO_VALUE ? undefined : x))) as unknown);
}

// ARM's uniqueString(): the 13-character token the generated Bicep appends to resource names. Preflight needs the
// exact names `azd provision` will create, so it computes the same token: Microsoft's MurmurHash64 variant over the
// UTF-8 of the arguments joined with '-', the 64-bit result written as 13 base-32 digits (a–z, 2–7), high bits first.

const MASK32 = 0xffffffffn;
const MASK64 = 0xffffffffffffffffn;
const C1 = 0xab0e9789n;
const C2 = 0x239b961bn;

const mul32 = (a: bigint, b: bigint): bigint => (a * b) & MASK32;
const rotl32 = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (32n - r))) & MASK32;
const fmix32 = (h: bigint): bigint => {
  h = mul32(h ^ (h >> 16n), 0x85ebca6bn);
  h = mul32(h ^ (h >> 13n), 0xc2b2ae35n);
  return h ^ (h >> 16n);
};

function readLE(bytes: Uint8Array, start: number, count: number): bigint {
  let v = 0n;
  for (let i = Math.min(count, bytes.length - start) - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[start + i]!);
  return v;
}

function murmur64(bytes: Uint8Array): bigint {
  let h1 = 0n;
  let h2 = 0n;
  let i = 0;
  for (; i + 8 <= bytes.length; i += 8) {
    const k1 = mul32(rotl32(mul32(readLE(bytes, i, 4), C2), 15n), C1);
    const k2 = mul32(rotl32(mul32(readLE(bytes, i + 4, 4), C1), 17n), C2);
    h1 = (mul32(((rotl32(h1 ^ k1, 19n) + h2) & MASK32), 5n) + 0x561ccd1bn) & MASK32;
    h2 = (mul32(((rotl32(h2 ^ k2, 13n) + h1) & MASK32), 5n) + 0x0bcaa747n) & MASK32;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    h1 ^= mul32(rotl32(mul32(readLE(bytes, i, 4), C2), 15n), C1);
    if (rest > 4) h2 ^= mul32(rotl32(mul32(readLE(bytes, i + 4, rest - 4), C1), 17n), C2);
  }
  const len = BigInt(bytes.length);
  h2 = (h2 ^ len) & MASK32;
  h1 = ((h1 ^ len) + h2) & MASK32;
  h2 = (h2 + h1) & MASK32;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h1 = (h1 + h2) & MASK32;
  h2 = (h2 + h1) & MASK32;
  return ((h2 << 32n) | h1) & MASK64;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** uniqueString(a, b, ...) exactly as Bicep/ARM evaluates it (case-sensitive, like ARM). */
export function uniqueString(...values: string[]): string {
  let h = murmur64(new TextEncoder().encode(values.join('-')));
  let out = '';
  for (let i = 0; i < 13; i++) {
    out += ALPHABET[Number((h >> 59n) & 31n)];
    h = (h << 5n) & MASK64;
  }
  return out;
}

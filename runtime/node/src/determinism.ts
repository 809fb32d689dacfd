// The same world for both sides of an equivalence test: while a run is active, the clock is frozen (new Date(),
// Date(), Date.now(), performance.now()) and randomness is seeded (Math.random, crypto.randomUUID/randomBytes/
// randomFillSync/getRandomValues), reset at the start of every run so the original and the converted handler see the
// same values in the same order. Outside a run everything is the real thing. Installed when the harness is imported,
// before the handler modules load, so modules that keep a reference to these functions get the switching ones.

import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';

/** The instant both sides see as "now" (the sample inputs' time). */
export const FROZEN_TIME = Date.parse('2026-01-15T08:30:00.000Z');
const SEED = 'migrate-equivalence';

let active = false;

/** A reproducible byte stream: SHA-256 of the seed and a block counter, restarted for each run. */
class SeededBytes {
  private block = Buffer.alloc(0);
  private offset = 0;
  private counter = 0;
  next(): number {
    if (this.offset >= this.block.length) {
      this.block = crypto.createHash('sha256').update(`${SEED}:${this.counter++}`).digest();
      this.offset = 0;
    }
    return this.block[this.offset++]!;
  }
}

let stream = new SeededBytes();

function seededFill<T extends ArrayBufferView>(view: T): T {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i++) bytes[i] = stream.next();
  return view;
}

/** A double in [0, 1) from 53 bits of the stream, as Math.random returns. */
function seededRandom(): number {
  const b = seededFill(new Uint8Array(7));
  let n = b[0]! & 0x1f;
  for (let i = 1; i < 7; i++) n = n * 256 + b[i]!;
  return n / 2 ** 53;
}

function seededUuid(): `${string}-${string}-${string}-${string}-${string}` {
  const b = seededFill(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const RealDate = Date;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args: unknown[], newTarget: (...a: unknown[]) => unknown) => Reflect.construct(target, active && args.length === 0 ? [FROZEN_TIME] : args, newTarget) as object,
    apply: (target) => (active ? new target(FROZEN_TIME).toString() : target()),
    get: (target, key, receiver: unknown) => (key === 'now' ? () => (active ? FROZEN_TIME : target.now()) : Reflect.get(target, key, receiver) as unknown),
  });
  const perfNow = performance.now.bind(performance);
  const frozenPerf = perfNow();
  performance.now = () => (active ? frozenPerf : perfNow());
  const realRandom = Math.random;
  Math.random = () => (active ? seededRandom() : realRandom());

  const c = crypto as unknown as Record<string, unknown>;
  const realUuid = crypto.randomUUID;
  const realFillSync = crypto.randomFillSync;
  const realBytes = crypto.randomBytes;
  c.randomUUID = (options?: crypto.RandomUUIDOptions) => (active ? seededUuid() : realUuid(options));
  c.randomFillSync = (view: ArrayBufferView, ...rest: number[]) => (active && rest.length === 0 ? seededFill(view) : realFillSync(view as Uint8Array, ...rest));
  c.randomBytes = (size: number, callback?: (err: Error | null, buf: Buffer) => void) => {
    if (!active || callback !== undefined) return callback === undefined ? realBytes(size) : realBytes(size, callback);
    return seededFill(Buffer.alloc(size));
  };
  syncBuiltinESMExports();
  const web = globalThis.crypto as unknown as Record<string, unknown>;
  const webUuid = globalThis.crypto.randomUUID.bind(globalThis.crypto);
  const webFill = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
  web.randomUUID = () => (active ? seededUuid() : webUuid());
  web.getRandomValues = <T extends ArrayBufferView>(view: T) => (active ? seededFill(view) : (webFill(view as unknown as Uint8Array) as unknown as T));
}

install();

/** Run `fn` with the frozen clock and freshly seeded randomness (runs do not nest). */
export async function deterministic<T>(fn: () => Promise<T>): Promise<T> {
  stream = new SeededBytes();
  active = true;
  try {
    return await fn();
  } finally {
    active = false;
  }
}

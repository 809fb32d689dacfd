// Containment: every file read from a source root and every write or delete under an output root goes through
// here. Paths are judged by their real path (symlinks resolved): a link that stays inside its root is fine, one
// whose target leaves the root is refused. Only regular files are opened (never a device, FIFO or socket, and
// nothing under /proc, /sys or /dev), reads are size-bounded, and template reads also time out.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { MigrateError } from './errors.js';

/** Pseudo filesystems: their "files" can block forever or never end. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/** Largest source file (handler, module, Dockerfile, `${file()}`) read. */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;
/** Largest template or rule file read. */
export const MAX_TEMPLATE_BYTES = 128 * 1024 * 1024;

function isPseudoPath(real: string): boolean {
  return PSEUDO_ROOTS.some((p) => real === p || real.startsWith(`${p}/`));
}

/** The real path of a directory that may not exist yet: its deepest existing ancestor resolved, the rest appended. */
function realPathOf(p: string): string {
  const abs = path.resolve(p);
  const missing: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      return path.join(realpathSync(cur), ...missing.reverse());
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return abs;
      missing.push(path.basename(cur));
      cur = parent;
    }
  }
}

/** True when `real` is `rootReal` or below it (both already real paths). */
export function isInside(rootReal: string, real: string): boolean {
  const rel = path.relative(rootReal, real);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

export type Refusal = 'missing' | 'outside-root' | 'not-regular' | 'too-large';

export type Refused = { ok: false; refusal: Refusal; reason: string };
export type SourceCheck = { ok: true; real: string; size: number } | Refused;

const REASONS: Record<Exclude<Refusal, 'missing'>, string> = {
  'outside-root': 'resolves outside the source root',
  'not-regular': 'is not a regular file',
  'too-large': 'is too large',
};

function refuse(refusal: Refusal, reason?: string): Refused {
  return { ok: false, refusal, reason: reason ?? (refusal === 'missing' ? 'does not exist' : REASONS[refusal]) };
}

/** The real path a source root is judged by; a caller checking many files of one root resolves it once. */
export function sourceRootReal(root: string): string {
  return realPathOf(root);
}

/**
 * Whether `abs` may be read as a file of the source tree rooted at `root` (whose real path is `rootReal`, resolved
 * here unless given); never opens it.
 */
export function checkSourceFile(root: string, abs: string, maxBytes = MAX_SOURCE_BYTES, rootReal = realPathOf(root)): SourceCheck {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    return refuse('missing');
  }
  if (!isInside(rootReal, real)) return refuse('outside-root');
  return checkRegular(real, maxBytes);
}

function checkRegular(real: string, maxBytes: number): SourceCheck {
  if (isPseudoPath(real)) return refuse('not-regular', 'is on a pseudo filesystem (/proc, /sys, /dev)');
  let st: Stats | undefined;
  try {
    st = statSync(real, { throwIfNoEntry: false });
  } catch {
    return refuse('missing');
  }
  if (!st) return refuse('missing');
  if (!st.isFile()) return refuse('not-regular', st.isDirectory() ? 'is a directory' : 'is not a regular file');
  if (st.size > maxBytes) return refuse('too-large', `is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
  return { ok: true, real, size: st.size };
}

/**
 * Read a regular file, at most `maxBytes`. Opened non-blocking (a FIFO swapped in after the check cannot hang
 * the open) and re-checked on the descriptor. Throws a MigrateError naming `shown` on any refusal.
 */
export function readRegularFile(real: string, shown: string, maxBytes: number): string {
  const pre = checkRegular(real, maxBytes);
  if (!pre.ok) throw refusalError(pre, shown);
  return readCheckedFile(pre, shown, maxBytes);
}

/**
 * readRegularFile for a file checkSourceFile has just accepted (its result is the proof): the same non-blocking open
 * and check on the descriptor, without stating the path a second time.
 */
export function readCheckedFile(check: { ok: true; real: string }, shown: string, maxBytes: number): string {
  const { real } = check;
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    throw new MigrateError('input.not-found', `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { file: shown });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw refusalError(refuse('not-regular'), shown);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size - total, 0) + 1, 1 << 24) || 65536);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw refusalError(refuse('too-large', `is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`), shown);
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export function refusalError(check: Refused, shown: string): MigrateError {
  const code = check.refusal === 'missing' ? 'input.not-found' : 'input.unsafe-path';
  return new MigrateError(code, `refusing to read a file that ${check.reason}`, { file: shown });
}

/** Read a file of the source tree: contained in `root`, regular, bounded. Throws a MigrateError naming `shown`. */
export function readSourceFile(root: string, abs: string, shown: string, maxBytes = MAX_SOURCE_BYTES): string {
  const check = checkSourceFile(root, abs, maxBytes);
  if (!check.ok) throw refusalError(check, shown);
  return readRegularFile(check.real, shown, maxBytes);
}

/** Like readSourceFile, but undefined instead of an error (callers that warn or skip on their own terms). */
export function tryReadSourceFile(root: string, abs: string, maxBytes = MAX_SOURCE_BYTES): string | undefined {
  try {
    return readSourceFile(root, abs, abs, maxBytes);
  } catch {
    return undefined;
  }
}

/**
 * Read an input file named on the command line (template, rule, plan, inventory, config): no root, but
 * regular files only, bounded in size, and abandoned after `timeoutMs`.
 */
export async function readInputFile(file: string, shown: string, maxBytes = MAX_TEMPLATE_BYTES, timeoutMs = 30_000): Promise<string> {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    throw new MigrateError('input.not-found', 'no such file', { file: shown });
  }
  const pre = checkRegular(real, maxBytes);
  if (!pre.ok) throw refusalError(pre, shown);
  const { open, readFile } = await import('node:fs/promises');
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY).catch((e: NodeJS.ErrnoException) => {
    throw new MigrateError('input.not-found', `cannot read the file (${e.code ?? 'error'})`, { file: shown });
  });
  try {
    if (!(await handle.stat()).isFile()) throw refusalError(refuse('not-regular'), shown);
    const buf = await readFile(handle, { signal: AbortSignal.timeout(timeoutMs) }).catch((e: Error) => {
      if (e.name === 'AbortError' || e.name === 'TimeoutError') throw new MigrateError('input.unsafe-path', `reading took longer than ${timeoutMs / 1000} s; abandoned`, { file: shown });
      throw new MigrateError('input.not-found', `cannot read the file (${(e as NodeJS.ErrnoException).code ?? e.message})`, { file: shown });
    });
    if (buf.length > maxBytes) throw refusalError(refuse('too-large', `is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`), shown);
    return buf.toString('utf8');
  } finally {
    await handle.close();
  }
}

// ---- Output side -------------------------------------------------------------------------------------------

function outputError(message: string, shown: string): MigrateError {
  return new MigrateError('output.unsafe-path', message, { file: shown, hint: 'choose an output location that is a plain directory you own' });
}

/**
 * Check an output root before anything is written: it must be (or become) a directory, not on a pseudo
 * filesystem. Returns its real path.
 */
export function checkOutputRoot(dir: string, shown: string): string {
  const real = realPathOf(dir);
  if (isPseudoPath(real)) throw outputError('refusing to write on a pseudo filesystem (/proc, /sys, /dev)', shown);
  try {
    if (!statSync(real).isDirectory()) throw outputError('the output directory is a file, not a directory', shown);
  } catch (e) {
    if (e instanceof MigrateError) throw e;
    // Not there yet: its existing ancestors must be directories.
    const parent = nearestExisting(real);
    if (!statSync(parent).isDirectory()) throw outputError(`${parent} is a file, not a directory`, shown);
  }
  return real;
}

function nearestExisting(p: string): string {
  let cur = p;
  for (;;) {
    try {
      statSync(cur);
      return cur;
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return cur;
      cur = parent;
    }
  }
}

/**
 * What a batch of containedOutputPath checks under one root learnt about its directories (relative path →
 * `dir`: exists and checked, `missing`: absent, so is everything below it), so that a tree of files checks each
 * directory once. Valid for one batch only: the file system may change afterwards.
 */
export type OutputDirCache = Map<string, 'dir' | 'missing'>;

/**
 * Where `rel` (a clean relative posix path) lands under the output root `rootReal`, checked without writing:
 * every existing directory on the way must resolve inside the root, and an existing final entry must be a
 * regular file (or a link to one) inside the root. Throws output.unsafe-path otherwise. `exists` tells whether
 * the final entry is there.
 */
export function checkedOutputPath(rootReal: string, rel: string, cache?: OutputDirCache): { abs: string; exists: boolean } {
  const parts = rel.split('/');
  let cur = rootReal;
  for (let i = 0; i < parts.length; i++) {
    const next = path.join(cur, parts[i]!);
    const last = i === parts.length - 1;
    const key = last ? undefined : parts.slice(0, i + 1).join('/');
    const known = key === undefined ? undefined : cache?.get(key);
    if (known === 'missing') return { abs: path.join(next, ...parts.slice(i + 1)), exists: false };
    if (known === 'dir') {
      cur = next;
      continue;
    }
    let st: Stats;
    try {
      st = lstatSync(next);
    } catch {
      if (key !== undefined) cache?.set(key, 'missing');
      return { abs: path.join(next, ...parts.slice(i + 1)), exists: false }; // the rest does not exist yet: created inside `cur`
    }
    if (st.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(next);
      } catch {
        throw outputError(`${rel}: ${parts.slice(0, i + 1).join('/')} is a dangling symbolic link`, rel);
      }
      if (!isInside(rootReal, real)) throw outputError(`refusing to write through a symbolic link that leaves the output directory: ${parts.slice(0, i + 1).join('/')}`, rel);
      st = statSync(real);
    }
    if (last ? !st.isFile() : !st.isDirectory()) {
      throw outputError(`refusing to write: ${parts.slice(0, i + 1).join('/')} is ${st.isDirectory() ? 'a directory' : last ? 'not a regular file' : 'not a directory'}`, rel);
    }
    if (key !== undefined) cache?.set(key, 'dir');
    cur = next;
  }
  return { abs: cur, exists: true };
}

/** checkedOutputPath's absolute path alone. */
export function containedOutputPath(rootReal: string, rel: string): string {
  return checkedOutputPath(rootReal, rel).abs;
}

/** Check a single output file named on the command line (inventory.json, plan.json): regular or absent. */
export function checkOutputFile(file: string, shown: string): void {
  const dir = checkOutputRoot(path.dirname(path.resolve(file)), shown);
  containedOutputPath(dir, path.basename(file));
}

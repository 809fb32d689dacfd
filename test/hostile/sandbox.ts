// A throw-away directory per hostile case: `repo/` (the source root), `out/` (the output root), `outside/`
// (a canary tree nothing may read into an output or change) and `work/` (the cwd). Snapshots compare trees.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CANARY = 'CANARY-7f3a91-outside-the-roots';

export class Sandbox {
  readonly root: string;
  constructor() {
    this.root = mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
    for (const d of ['repo', 'out', 'outside/victim', 'work']) mkdirSync(path.join(this.root, d), { recursive: true });
    writeFileSync(this.p('outside/secret.txt'), `${CANARY}\n`);
    writeFileSync(this.p('outside/victim/keep.txt'), `${CANARY} keep\n`);
    writeFileSync(this.p('outside/x.yml'), `value: ${CANARY}\n`);
  }
  p(rel: string): string {
    return path.join(this.root, rel);
  }
  write(rel: string, content: string | Buffer): void {
    mkdirSync(path.dirname(this.p(rel)), { recursive: true });
    writeFileSync(this.p(rel), content);
  }
  /** A symbolic link at `rel` pointing at `target` (absolute, or relative to the sandbox root when it starts with `@`). */
  link(rel: string, target: string): void {
    mkdirSync(path.dirname(this.p(rel)), { recursive: true });
    rmSync(this.p(rel), { force: true });
    symlinkSync(target.startsWith('@') ? this.p(target.slice(1)) : target, this.p(rel));
  }
  unlink(rel: string): void {
    rmSync(this.p(rel), { force: true });
  }
  fifo(rel: string): void {
    mkdirSync(path.dirname(this.p(rel)), { recursive: true });
    execFileSync('mkfifo', [this.p(rel)]);
  }
  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Every entry under `dir`: kind, content hash or link target, never following links. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    const abs = path.join(dir, rel);
    let st;
    try {
      st = lstatSync(abs);
    } catch {
      return;
    }
    if (st.isSymbolicLink()) out[rel] = `link:${readlinkSync(abs)}`;
    else if (st.isDirectory()) {
      out[rel] = 'dir';
      for (const n of readdirSync(abs).sort()) walk(rel ? `${rel}/${n}` : n);
    } else if (st.isFile()) out[rel] = `file:${createHash('sha256').update(readFileSync(abs)).digest('hex')}`;
    else out[rel] = 'special';
  };
  walk('');
  return out;
}

/** Regular files under `dir` (links not followed) whose content holds `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const [rel, kind] of Object.entries(snapshot(dir))) {
    if (!kind.startsWith('file:')) continue;
    if (readFileSync(path.join(dir, rel), 'utf8').includes(needle)) hits.push(rel);
  }
  return hits;
}

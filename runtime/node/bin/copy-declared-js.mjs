#!/usr/bin/env node
// Copies JavaScript modules that have a .d.ts/.d.mts/.d.cts beside them into dist/: tsc uses the declaration and
// emits nothing for them (catalogue.mjs + catalogue.d.mts). Usage: copy-declared-js [projectDir...]
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

const DECL = { '.js': '.d.ts', '.mjs': '.d.mts', '.cjs': '.d.cts' };

function walk(dir, out) {
  if (!existsSync(dir)) return out;
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) {
      if (ent.name !== 'node_modules' && ent.name !== 'dist') walk(p, out);
    } else out.push(p);
  }
  return out;
}

for (const project of process.argv.length > 2 ? process.argv.slice(2) : ['.']) {
  for (const top of ['src', 'test']) {
    for (const file of walk(path.join(project, top), [])) {
      const ext = path.extname(file);
      const decl = DECL[ext];
      if (!decl || !existsSync(file.slice(0, -ext.length) + decl)) continue;
      const target = path.join(project, 'dist', path.relative(project, file));
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(file, target);
    }
  }
}

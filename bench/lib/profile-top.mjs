// Prints the top entries of a V8 CPU profile (node --cpu-prof): self time per function, and the share of the total;
// with --inclusive, the time spent in each function and everything it called (each function once per sample).
// Usage: node bench/lib/profile-top.mjs <file.cpuprofile> [count] [--inclusive]
import { readFileSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const inclusive = args.includes('--inclusive');
const [file, count = '15'] = args.filter((a) => a !== '--inclusive');
const prof = JSON.parse(readFileSync(file, 'utf8'));
const self = new Map();
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = prof.timeDeltas;
let total = 0;
const keyOf = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};
prof.samples.forEach((id, i) => {
  const d = dt[i] ?? 0;
  total += d;
  const keys = new Set();
  for (let n = byId.get(id); n; n = inclusive ? byId.get(parent.get(n.id)) : undefined) keys.add(keyOf(n));
  for (const key of keys) self.set(key, (self.get(key) ?? 0) + d);
});
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(count));
console.log(`total ${Math.round(total / 1000)} ms`);
for (const [k, us] of rows) console.log(`${String(Math.round(us / 1000)).padStart(6)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);

// Prints the top entries of a V8 CPU profile (node --cpu-prof): self time per function, and the share of the total.
// Usage: node bench/lib/profile-top.mjs <file.cpuprofile> [count]
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [file, count = '15'] = process.argv.slice(2);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const self = new Map();
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const dt = prof.timeDeltas;
let total = 0;
prof.samples.forEach((id, i) => {
  const n = byId.get(id);
  const f = n.callFrame;
  const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : '';
  const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
  const d = dt[i] ?? 0;
  self.set(key, (self.get(key) ?? 0) + d);
  total += d;
});
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(count));
console.log(`total ${Math.round(total / 1000)} ms`);
for (const [k, us] of rows) console.log(`${String(Math.round(us / 1000)).padStart(6)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);

// Generates docs/schemas/{inventory,plan}.schema.json from the TypeScript contracts in src/model/.
// `node scripts/gen-schemas.mjs --check` fails when the checked-in schemas are stale (run by the tests).
import { createGenerator } from 'ts-json-schema-generator';
import { readFileSync, writeFileSync } from 'node:fs';

const targets = [
  { type: 'Inventory', path: 'src/model/inventory.ts', out: 'docs/schemas/inventory.schema.json', id: 'inventory' },
  { type: 'Plan', path: 'src/model/plan.ts', out: 'docs/schemas/plan.schema.json', id: 'plan' },
];
const check = process.argv.includes('--check');
let stale = 0;
// One generator (one TypeScript program) for every contract: the model's shared types are parsed once.
const generator = createGenerator({ path: `{${targets.map((t) => t.path).join(',')}}`, tsconfig: 'tsconfig.json', additionalProperties: false, skipTypeCheck: true });
for (const t of targets) {
  const schema = generator.createSchema(t.type);
  schema.$id = `https://lambda-to-functions.dev/schemas/${t.id}.schema.json`;
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  if (check) {
    let current = '';
    try { current = readFileSync(t.out, 'utf8'); } catch {}
    if (current !== text) { console.error(`${t.out} is stale: run node scripts/gen-schemas.mjs`); stale++; }
  } else writeFileSync(t.out, text);
}
process.exit(stale ? 1 : 0);

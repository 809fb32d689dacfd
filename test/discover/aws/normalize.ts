// moto mints fresh ids per run (API ids, target-group suffixes, user-pool ids, DynamoDB stream labels): replace them
// with stable placeholders, then restore the inventory's own ordering, so a golden file can be compared byte for byte.
import type { Inventory } from '../../../src/model/inventory.js';
import { sortBy } from '../../../src/util/json.js';

export function normalizeMotoInventory(inv: Inventory): Inventory {
  let text = JSON.stringify(inv);
  for (const api of inv.apis) text = text.split(api.id).join(`API-${api.name ?? 'unnamed'}`);
  text = text
    .replace(/targetgroup\/([^/"]+)\/[0-9a-f]+/g, 'targetgroup/$1/TG-ID')
    .replace(/(us-[a-z]+-\d)_[0-9a-f]{32}/g, '$1_POOL-ID')
    .replace(/\/stream\/\d{4}-\d\d-\d\dT[0-9:.]+/g, '/stream/STREAM-LABEL');
  const out = JSON.parse(text) as Inventory;
  out.apis = sortBy(out.apis, (a) => a.id);
  for (const f of out.functions) f.triggers = sortBy(f.triggers, (t) => `${t.kind}\u0000${t.id}`);
  return out;
}

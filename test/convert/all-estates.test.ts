// convert must not crash on any fixture estate, whatever the languages: non-Node apps get a README and a warning.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, convertEstate } from './support/convert-estate.js';

const ESTATES = readdirSync(path.join(REPO, 'fixtures/golden')).sort();

describe.each(ESTATES)('convert %s', (estate) => {
  it('produces a project or a manual README for every app, and is deterministic', async () => {
    const one = await convertEstate(estate);
    const two = await convertEstate(estate);
    expect([...two.tree.entries()]).toEqual([...one.tree.entries()]);
    for (const f of one.report.functions) {
      const appFiles = [...one.tree.keys()].filter((k) => k.startsWith(`apps/${f.app}/`));
      expect(appFiles.some((k) => k.endsWith('/host.json') || k.endsWith('/README.md'))).toBe(true);
      if (f.strategy !== 'manual') expect(appFiles).toContain(`apps/${f.app}/host.json`);
    }
  });
});

// convert must not crash on any fixture estate, whatever the languages: non-Node apps get a README and a warning.

import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, convertEstate } from './support/convert-estate.js';

const ESTATES = readdirSync(path.join(REPO, 'fixtures/golden'))
  .filter((e) => existsSync(path.join(REPO, 'fixtures/golden', e, 'inventory.json')))
  .sort();

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

  it('reports every TODO(migrate:…) marker the generators wrote, at its file:line, and no other', async () => {
    const { tree, report } = await convertEstate(estate);
    // The generators return markers as data; this cross-check reads the output only to prove the data is right.
    const written: string[] = [];
    for (const [file, content] of tree) {
      if (file.startsWith('packages/')) continue;
      content.split('\n').forEach((line, i) => {
        const m = /TODO\(migrate:([A-Z]+-[A-Z]\d+)\): (.*)$/.exec(line);
        if (m && !file.includes('/test/lambda-original/')) written.push(`${file}:${i + 1} ${m[1]} ${m[2]}`);
      });
    }
    expect(report.todos.map((t) => `${t.file}:${t.line} ${t.ruleId} ${t.message}`).sort()).toEqual(written.sort());
  });
});

// A look as a person would: plan.md and MIGRATION.md of the sample estate (fixtures/estates/retail-sam) rendered to HTML
// the way GitHub shows them (Markdown, <details>, Mermaid diagrams drawn by Mermaid itself) and photographed in
// headless Chromium. The screenshots land in out/screenshots/ for review; the test checks that every diagram drew
// (an <svg>, no Mermaid error) and that the page is laid out. Debian's `chromium` is needed: without it the test
// is skipped with a message saying how to install it.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sampleReports } from '../support/sample-reports.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'out/screenshots');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
const MERMAID = path.join(ROOT, 'node_modules/mermaid/dist/mermaid.min.js');

if (!CHROMIUM) console.warn('screenshot test skipped: Chromium is not installed (Debian: apt-get install chromium)');

const STYLE = `body{font:15px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:1012px;margin:24px auto;padding:0 16px;color:#1f2328}
table{border-collapse:collapse;display:block;overflow:auto;margin:12px 0}th,td{border:1px solid #d1d9e0;padding:4px 10px;vertical-align:top}
tr:nth-child(2n){background:#f6f8fa}code{background:#eff1f3;padding:1px 4px;border-radius:4px;font-size:85%}
pre{background:#f6f8fa;padding:12px;overflow:auto;border-radius:6px}pre code{background:none;padding:0}h1,h2{border-bottom:1px solid #d1d9e0;padding-bottom:4px}
details summary{cursor:pointer;color:#0969da}`;

async function toHtml(markdownFile: string): Promise<string> {
  const { marked } = await import('marked');
  const md = readFileSync(markdownFile, 'utf8');
  // Mermaid blocks become <pre class="mermaid"> for Mermaid to draw, as GitHub does.
  const renderer = new marked.Renderer();
  const code = renderer.code.bind(renderer);
  renderer.code = (token) => (token.lang === 'mermaid' ? `<pre class="mermaid">${token.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre>` : code(token));
  const body = await marked.parse(md, { renderer, gfm: true });
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style>
<script src="${pathToFileURL(MERMAID).href}"></script></head><body>${body}
<script>mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
mermaid.run({ querySelector: '.mermaid' }).then(() => document.body.setAttribute('data-mermaid', 'done'), (e) => document.body.setAttribute('data-mermaid', 'error: ' + e.message));</script>
</body></html>`;
}

function chromium(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(CHROMIUM!, ['--headless', '--no-sandbox', '--disable-gpu', '--allow-file-access-from-files', '--hide-scrollbars', '--virtual-time-budget=8000', ...args], { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!CHROMIUM)('screenshots of the sample estate reports', async () => {
  const reports = CHROMIUM ? await sampleReports('retail-sam', { convert: true }) : undefined;
  for (const [name, file] of [['plan', 'plan.md'], ['MIGRATION', 'azure/MIGRATION.md']] as const) {
    it(`${file}: every Mermaid diagram draws, and the first screen is photographed`, async () => {
      const ESTATE = reports!.dir;
      mkdirSync(OUT, { recursive: true });
      const html = path.join(OUT, `${name}.html`);
      writeFileSync(html, await toHtml(path.join(ESTATE, file)));
      const dom = chromium(['--dump-dom', pathToFileURL(html).href]);
      expect(dom.status, dom.stderr).toBe(0);
      const diagrams = (readFileSync(path.join(ESTATE, file), 'utf8').match(/^```mermaid$/gm) ?? []).length;
      if (diagrams > 0) {
        expect(dom.stdout).toContain('data-mermaid="done"');
        expect((dom.stdout.match(/<svg[^>]+id="mermaid-/g) ?? []).length).toBe(diagrams);
        expect(dom.stdout).not.toMatch(/Syntax error in text/);
      }
      const png = path.join(OUT, `${name}.png`);
      const shot = chromium([`--screenshot=${png}`, '--window-size=1280,2000', pathToFileURL(html).href]);
      expect(shot.status, shot.stderr).toBe(0);
      expect(readFileSync(png).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(statSync(png).size).toBeGreaterThan(20_000);
    }, 180_000);
  }
});

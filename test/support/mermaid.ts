// Mermaid's own parser in Node: mermaid needs a DOM for its sanitizer, so happy-dom provides one.
// parseMermaid rejects with Mermaid's parse error for an invalid block.

let loaded: Promise<{ parse: (text: string) => Promise<unknown> }> | undefined;

async function load() {
  const { Window } = await import('happy-dom');
  const window = new Window();
  Object.assign(globalThis, { window, document: window.document });
  const mermaid = (await import('mermaid')).default;
  mermaid.initialize({ startOnLoad: false });
  return mermaid;
}

export async function parseMermaid(text: string): Promise<unknown> {
  loaded ??= load();
  return (await loaded).parse(text);
}

/** The ```mermaid blocks of a Markdown document. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

// PyYAML (which cfn-lint, the SAM CLI and `aws cloudformation package` parse templates with) accepts a flow
// collection whose lines, or closing bracket, sit at or left of its parent's indentation:
//
//   Variables: {
//     A: 1
//   }
//
// YAML 1.2 and the `yaml` library do not. Inside a flow collection indentation carries no meaning (line breaks
// fold to spaces, leading white space is dropped), so indenting those lines one column past the line that opened
// the collection changes no value: this does that, keeping every line where it was, and the template is parsed
// again. Only used when the `yaml` library's first error is about flow indentation; an error that remains elsewhere
// is reported at its own line (lines do not move).

/** A flow-indentation error of the `yaml` library (the first error; the rest cascade from it). */
export function isFlowIndentError(e: { code: string; message: string }): boolean {
  if (e.code === 'BAD_INDENT' || e.code === 'MISSING_CHAR') return /^Flow (map|sequence) in block collection must be sufficiently indented/.test(e.message);
  return e.code === 'UNEXPECTED_TOKEN' && /Unexpected flow-(map|seq)-end token/.test(e.message);
}

const BLOCK_SCALAR = /(?:^|[:\s-])\s*[|>][-+0-9]*\s*(?:#.*)?$/;

/** Where a flow collection starts on a block-context line: the column of `{`/`[` at a value position, or -1. */
function flowStart(line: string): number {
  // `key: {`, `- [`, `- key: {`, or the bracket first on the line; quoted keys are allowed before the colon.
  const m = /^(\s*(?:-\s+)*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[][^#]*?)\s*:\s+)?)([{[])/.exec(line);
  return m ? m[1]!.length : -1;
}

/** `text` with every line inside a flow collection indented past the line that opened it. */
export function indentFlowCollections(text: string): string {
  const lines = text.split('\n');
  let depth = 0;
  let openIndent = 0;
  let quote: '"' | "'" | undefined;
  let blockParent: number | undefined; // indentation of the line that opened a block scalar
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!;
    const indent = line.length - line.trimStart().length;
    if (blockParent !== undefined) {
      if (line.trim() === '' || indent > blockParent) continue;
      blockParent = undefined;
    }
    let from = 0;
    if (depth === 0) {
      from = flowStart(line);
      if (from < 0) {
        if (BLOCK_SCALAR.test(line)) blockParent = indent;
        continue;
      }
      openIndent = indent;
    } else if (line.trim() !== '' && indent <= openIndent) {
      line = ' '.repeat(openIndent + 1 - indent) + line;
      lines[n] = line;
      from = openIndent + 1;
    }
    for (let i = from; i < line.length; i++) {
      const c = line[i]!;
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) {
          if (quote === "'" && line[i + 1] === "'") i++;
          else quote = undefined;
        }
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) break; // what follows the collection on this line is block context again
      }
    }
    if (depth < 0) return text; // not something this understands
  }
  return lines.join('\n');
}

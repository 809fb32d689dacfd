// Parses the built-in rule files once at build time into dist/plan/rules/builtin-rules.json (with a stamp of the
// files and the loader), so a plan process reads JSON instead of parsing, validating and checking YAML. The loader
// falls back to the YAML whenever the stamp does not match. Run by `build` after tsc.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { precompileBuiltinRules } = await import(pathToFileURL(path.join(ROOT, 'dist/plan/rules/load-rules.js')).href);
await precompileBuiltinRules();

// An ESM resolve hook that prints every resolved node_modules package to stderr as `import:<name>`.
// Used by bench/cli-startup.mjs to show which packages a command loads.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(r.url);
  if (m) process.stderr.write('import:' + m[1] + '\\n');
  return r;
}`),
);

#!/usr/bin/env node
// The bin: the only place that exits the process. The Node check runs before any other module loads,
// so an old Node gets one clear line instead of a syntax or engine error from a dependency.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `migrate: Node.js 22 or later is required (this is ${process.version}); install Node 22, or run through npm scripts, which use the node@22 devDependency\n`,
  );
  process.exit(2);
}
// No third-party warning reaches the user (e.g. the AWS SDK's NodeVersionSupportWarning, experimental-feature
// notices): Node's default printer is replaced by one that shows them only with --debug.
const debug = process.argv.includes('--debug');
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (debug) process.stderr.write(`migrate: debug: ${w.name}: ${w.message}\n`);
});
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// A reader that closed the pipe early (`migrate … | head`) ends the output, not the process with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}
const { processIO } = await import('./io.js');
const { run } = await import('./run.js');

run(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`migrate: internal error: ${String(e)}\n`);
    process.exitCode = 3;
  },
);

#!/usr/bin/env node
// The bin: the only place that exits the process.
import { processIO } from './io.js';
import { run } from './run.js';

run(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`migrate: internal error: ${String(e)}\n`);
    process.exitCode = 3;
  },
);

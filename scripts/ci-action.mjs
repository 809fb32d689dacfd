// The step action.yml runs: the action's inputs (MIGRATE_* environment variables) → `migrate ci`, in-process.
// Exit 1 (new findings, drift) is reported through $GITHUB_OUTPUT and this step succeeds, so the SARIF upload step
// still runs; the action's last step fails the job. Exit 2 and 3 (bad input, internal error) fail here.
import { argvFromActionInputs } from '../dist/ci/action-inputs.js';
import { processIO } from '../dist/cli/io.js';
import { run } from '../dist/cli/run.js';

const io = processIO();
let code;
try {
  code = await run(argvFromActionInputs(process.env), io);
} catch (e) {
  io.stderr(`migrate: ${e instanceof Error ? e.message : String(e)}\n`);
  code = 2;
}
process.exitCode = code >= 2 ? code : 0;

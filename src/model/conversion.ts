// What `convert` learned while generating projects, handed to the emitters (manual, infra) in the same run.
// Not persisted on its own: the manual and the console summary present it.

import type { ConversionStrategy } from './plan.js';

/** A `TODO(migrate:RULE-ID)` comment a codemod or generator wrote into the output tree (reported by the writer). */
export interface TodoMarker {
  ruleId: string;
  /** Path in the output tree (posix, relative to --out-dir) and 1-based line. */
  file: string;
  line: number;
  message: string;
  app: string;
  /** The Lambda function name it concerns. */
  function?: string;
}

export interface ConvertedFunction {
  app: string;
  lambdaName: string;
  /** Azure function names registered for it (one per trigger). */
  azureFunctions: string[];
  strategy: ConversionStrategy;
  /** Why this strategy: the plan's reason, or why the codemod fell back to an adapter. */
  reason: string;
  /** Handler file in the output tree. */
  file?: string;
  /** Generated equivalence test file in the output tree, when one was generated. */
  testFile?: string;
}

export interface ConversionReport {
  functions: ConvertedFunction[];
  todos: TodoMarker[];
  /** Problems that did not stop the run (an unparseable handler, a missing source file). */
  warnings: { code: string; message: string; file?: string; line?: number }[];
}

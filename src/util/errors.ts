// One error type for everything the user can fix, printed once by the CLI (src/cli/run.ts).
// Thrown deep, carrying the offending file and position and a remediation hint.

export type ErrorCode =
  | 'usage'
  | 'input.not-found'
  | 'input.parse'
  | 'input.schema'
  | 'input.unsupported'
  | 'input.circular'
  | 'input.conflict'
  | 'rules.invalid'
  | 'plan.invalid'
  | 'aws.auth'
  | 'aws.endpoint'
  | 'azure.auth'
  | 'azure.endpoint'
  | 'output.unsafe-path'
  | 'output.conflict';

/** Exit codes of the `migrate` command (DESIGN.md, command-line contract). */
export const EXIT = { ok: 0, findings: 1, input: 2, internal: 3 } as const;

export class MigrateError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;

  constructor(
    code: ErrorCode,
    message: string,
    where: { file?: string; line?: number; column?: number; hint?: string; cause?: unknown } = {},
  ) {
    super(message, where.cause === undefined ? undefined : { cause: where.cause });
    this.name = 'MigrateError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.hint = where.hint;
  }

  /** `file:line:column: message (hint)` on one line. */
  toOneLine(): string {
    let where = '';
    if (this.file) {
      where = this.file;
      if (this.line !== undefined) where += `:${this.line}${this.column !== undefined ? `:${this.column}` : ''}`;
      where += ': ';
    }
    const hint = this.hint ? ` (${this.hint})` : '';
    return `${where}${this.message.replace(/\s*\n\s*/g, ' ')}${hint}`;
  }
}

export function isMigrateError(e: unknown): e is MigrateError {
  return e instanceof MigrateError;
}

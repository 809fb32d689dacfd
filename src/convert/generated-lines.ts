// A generated text file written line by line, recording each TODO(migrate:RULE-ID) marker it writes with its
// 1-based line: the report and the manual take the markers from here instead of scanning the output.

export interface WrittenTodo {
  ruleId: string;
  message: string;
  /** 1-based line in the file. */
  line: number;
}

export class GeneratedLines {
  readonly lines: string[] = [];
  readonly todos: WrittenTodo[] = [];

  /** Append lines; an element holding newlines counts as several lines. */
  push(...lines: string[]): this {
    for (const l of lines) this.lines.push(...l.split('\n'));
    return this;
  }

  /** Append `<indent><comment> TODO(migrate:<ruleId>): <message>` and record it. */
  todo(comment: '//' | '#', ruleId: string, message: string, indent = ''): this {
    this.todos.push({ ruleId, message, line: this.lines.length + 1 });
    this.lines.push(`${indent}${comment} TODO(migrate:${ruleId}): ${message}`);
    return this;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

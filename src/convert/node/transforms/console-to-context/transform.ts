// Inside the handler, console.log/info/warn/error/debug/trace become calls on the handler's context parameter,
// which the generated Lambda-shaped context forwards to InvocationContext (so logs carry the invocation id).
// JavaScript only: a TypeScript handler typed with aws-lambda's Context has no log methods to call.

import ts from '../../ts-compiler.js';
import type { TextEdit, Transform } from '../types.js';

const METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace']);

export const consoleToContext: Transform = {
  name: 'console-to-context',
  description: 'console.* inside the handler → context.* (Azure logs with the invocation id); JavaScript handlers only.',
  mentions: ['console.'],
  apply({ sf, handler, isTypeScript }) {
    const edits: TextEdit[] = [];
    const ctx = handler?.contextParam;
    if (isTypeScript || !ctx || !handler?.fn?.body) return { edits };
    const visit = (node: ts.Node, shadowed: boolean): void => {
      // A nested function that declares its own parameter of the same name hides the handler's context.
      if (ts.isFunctionLike(node) && node !== handler.fn && node.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === ctx)) shadowed = true;
      if (
        !shadowed &&
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ts.isIdentifier(node.expression.expression) &&
        node.expression.expression.text === 'console' &&
        METHODS.has(node.expression.name.text)
      ) {
        const target = node.expression.expression;
        edits.push({ start: target.getStart(sf), end: target.getEnd(), text: ctx });
      }
      node.forEachChild((c) => visit(c, shadowed));
    };
    visit(handler.fn.body, false);
    return { edits };
  },
};

// `context.callbackWaitsForEmptyEventLoop = ...` has no meaning on Azure Functions: the statement is removed.

import ts from '../../ts-compiler.js';
import { mentionsWithin, removeStatement } from '../edit-helpers.js';
import type { TextEdit, Transform } from '../types.js';

export const callbackWaitFlag: Transform = {
  name: 'callback-wait-flag',
  description: 'Removes assignments to context.callbackWaitsForEmptyEventLoop (no Azure equivalent).',
  mentions: ['callbackWaitsForEmptyEventLoop'],
  apply({ sf, text }) {
    const edits: TextEdit[] = [];
    const mentions = mentionsWithin(text, 'callbackWaitsForEmptyEventLoop');
    const visit = (node: ts.Node): void => {
      if (!mentions(node)) return;
      if (
        ts.isExpressionStatement(node) &&
        ts.isBinaryExpression(node.expression) &&
        node.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.expression.left) &&
        node.expression.left.name.text === 'callbackWaitsForEmptyEventLoop'
      ) {
        edits.push(removeStatement(text, node.getStart(sf), node.getEnd()));
        return;
      }
      node.forEachChild(visit);
    };
    visit(sf);
    return { edits };
  },
};

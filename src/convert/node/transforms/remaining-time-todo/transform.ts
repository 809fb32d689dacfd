// getRemainingTimeInMillis() keeps working (it counts down from the Lambda timeout), but Azure's real limit is
// host.json functionTimeout: each use gets a TODO so the user checks the budget logic.

import ts from '../../ts-compiler.js';
import { mentionsWithin, todoAbove } from '../edit-helpers.js';
import { RULE_REMAINING_TIME } from '../rule-ids.js';
import type { TextEdit, Transform } from '../types.js';

function statementStart(node: ts.Node, sf: ts.SourceFile): number {
  let n = node;
  while (n.parent && !ts.isSourceFile(n.parent) && !ts.isBlock(n.parent) && !ts.isCaseClause(n.parent) && !ts.isDefaultClause(n.parent)) n = n.parent;
  return n.getStart(sf);
}

export const remainingTimeTodo: Transform = {
  name: 'remaining-time-todo',
  description: 'Marks getRemainingTimeInMillis() uses: emulated from the Lambda timeout, not the Azure functionTimeout.',
  mentions: ['getRemainingTimeInMillis'],
  apply({ sf, text }) {
    const edits: TextEdit[] = [];
    const seen = new Set<number>();
    const mentions = mentionsWithin(text, 'getRemainingTimeInMillis');
    const visit = (node: ts.Node): void => {
      if (!mentions(node)) return;
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'getRemainingTimeInMillis') {
        const pos = statementStart(node, sf);
        if (!seen.has(pos)) {
          seen.add(pos);
          edits.push(todoAbove(text, pos, RULE_REMAINING_TIME, 'getRemainingTimeInMillis() counts down from the Lambda timeout; Azure enforces host.json functionTimeout.'));
        }
      }
      node.forEachChild(visit);
    };
    visit(sf);
    return { edits };
  },
};

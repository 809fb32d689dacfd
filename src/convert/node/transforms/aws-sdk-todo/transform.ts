// AWS SDK calls stay as they are for now; every SDK import/require and every `new XxxCommand(...)` / v2 client
// call statement is marked with a TODO naming the plan's rule, so the manual and the report can list them.

import ts from '../../ts-compiler.js';
import { todoAbove } from '../edit-helpers.js';
import { RULE_AWS_SDK_USAGE } from '../rule-ids.js';
import { dataPlaneRanges } from '../data-plane.js';
import { isSdkModule } from '../sdk-calls.js';
import type { TextEdit, Transform } from '../types.js';

function statementOf(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && !ts.isSourceFile(n.parent) && !ts.isBlock(n.parent) && !ts.isCaseClause(n.parent) && !ts.isDefaultClause(n.parent) && !ts.isModuleBlock(n.parent)) n = n.parent;
  return n;
}

export const awsSdkTodo: Transform = {
  name: 'aws-sdk-todo',
  description: 'Marks AWS SDK imports and command calls with TODO(migrate:DPN-W002); the calls are kept unchanged.',
  mentions: ['aws-sdk'],
  apply(input) {
    const { sf, text } = input;
    const edits: TextEdit[] = [];
    const marked = new Set<number>();
    const sdkNames = new Set<string>();
    // What the data-plane codemods rewrite or remove is no longer AWS SDK use.
    const moved = dataPlaneRanges(input);
    const mark = (node: ts.Node, message: string) => {
      const at = node.getStart(sf);
      if (moved.some(([s, e]) => at >= s && at < e)) return;
      const st = statementOf(node);
      const pos = st.getStart(sf);
      if (marked.has(pos)) return;
      marked.add(pos);
      edits.push(todoAbove(text, pos, RULE_AWS_SDK_USAGE, message));
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && isSdkModule(node.moduleSpecifier.text) && !node.importClause?.isTypeOnly) {
        const clause = node.importClause;
        if (clause?.name) sdkNames.add(clause.name.text);
        if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) for (const el of clause.namedBindings.elements) sdkNames.add(el.name.text);
        if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings)) sdkNames.add(clause.namedBindings.name.text);
        mark(node, `AWS SDK (${node.moduleSpecifier.text}) kept as is; replace with the Azure SDK equivalent.`);
      } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1) {
        const arg = node.arguments[0]!;
        if (ts.isStringLiteralLike(arg) && isSdkModule(arg.text)) {
          const decl = node.parent;
          if (ts.isVariableDeclaration(decl)) {
            if (ts.isIdentifier(decl.name)) sdkNames.add(decl.name.text);
            else if (ts.isObjectBindingPattern(decl.name)) for (const el of decl.name.elements) if (ts.isIdentifier(el.name)) sdkNames.add(el.name.text);
          }
          mark(node, `AWS SDK (${arg.text}) kept as is; replace with the Azure SDK equivalent.`);
        }
      } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && sdkNames.has(node.expression.text) && /Command$/.test(node.expression.text)) {
        mark(node, `AWS SDK call ${node.expression.text} still targets AWS.`);
      }
      node.forEachChild(visit);
    };
    visit(sf);
    return { edits };
  },
};

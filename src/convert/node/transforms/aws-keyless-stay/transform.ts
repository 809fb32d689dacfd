// Clients whose calls all target resources the plan keeps in AWS get their credentials from the app's managed
// identity by web-identity federation (migrate-runtime/aws-keyless): no AWS keys on Azure. The calls are unchanged.

import ts from '../../ts-compiler.js';
import { RUNTIME_PACKAGE_NAME } from '../../runtime-package.js';
import { lineStartOf, newlineOf } from '../edit-helpers.js';
import { clientCalls } from '../move-clients.js';
import { analyzeSdkCalls } from '../sdk-calls.js';
import type { TextEdit, Transform } from '../types.js';

const PROVIDER = 'awsWebIdentityCredentials';

export const awsKeylessStay: Transform = {
  name: 'aws-keyless-stay',
  description: 'AWS SDK clients of resources kept in AWS get credentials from the managed identity via STS AssumeRoleWithWebIdentity.',
  mentions: ['@aws-sdk/'],
  apply(input) {
    const { sf, text } = input;
    const analysis = analyzeSdkCalls(input);
    const edits: TextEdit[] = [];
    const seen = new Set<ts.NewExpression>();
    for (const client of analysis.clients) {
      const calls = clientCalls(input, client);
      if (calls.length === 0 || !calls.every((c) => c.resource?.decision === 'stay') || seen.has(client.construct)) continue;
      seen.add(client.construct);
      const args = client.construct.arguments ?? [];
      const config = args[0];
      if (config && ts.isObjectLiteralExpression(config)) {
        if (config.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'credentials')) continue;
        const at = config.getStart(sf) + 1;
        edits.push({ start: at, end: at, text: config.properties.length === 0 ? ` credentials: ${PROVIDER}() ` : ` credentials: ${PROVIDER}(),` });
      } else if (config) {
        edits.push({ start: config.getStart(sf), end: config.getEnd(), text: `{ ...${config.getText(sf)}, credentials: ${PROVIDER}() }` });
      } else {
        const close = client.construct.getEnd() - 1;
        if (text[close] !== ')') continue;
        edits.push({ start: close, end: close, text: `{ credentials: ${PROVIDER}() }` });
      }
    }
    if (edits.length > 0) {
      const first = [...analysis.imports].sort((a, b) => a.node.getStart(sf) - b.node.getStart(sf))[0]!;
      const at = lineStartOf(text, first.node.getStart(sf));
      const line = ts.isImportDeclaration(first.node) ? `import { ${PROVIDER} } from '${RUNTIME_PACKAGE_NAME}/aws-keyless';` : `const { ${PROVIDER} } = require('${RUNTIME_PACKAGE_NAME}/aws-keyless');`;
      edits.push({ start: at, end: at, text: line + newlineOf(text) });
    }
    return { edits };
  },
};

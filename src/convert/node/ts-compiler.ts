// The TypeScript compiler bundled in ts-morph (src/types/ts-morph-typescript.d.ts), loaded with require(). An ESM
// `import` of its 9 MB CommonJS bundle first makes Node detect the file's module format and scan it for named
// exports, 0.25–0.4 s per convert process; require() only compiles it. The namespace below carries the compiler's
// types that the codemods name (`ts.Node`, …), so `import ts from './ts-compiler.js'` serves as value and namespace.

import { createRequire } from 'node:module';
import type TS from '@ts-morph/common/dist/typescript.js';

const ts = createRequire(import.meta.url)('@ts-morph/common/dist/typescript.js') as typeof TS;

// A declaration-only namespace (types, no value) merged with the value above; add a type here to name it elsewhere.
// eslint-disable-next-line @typescript-eslint/no-namespace
declare namespace ts {
  export type CallExpression = TS.CallExpression;
  export type Expression = TS.Expression;
  export type FunctionLikeDeclaration = TS.FunctionLikeDeclaration;
  export type Identifier = TS.Identifier;
  export type ImportDeclaration = TS.ImportDeclaration;
  export type NewExpression = TS.NewExpression;
  export type Node = TS.Node;
  export type NodeFlags = TS.NodeFlags;
  export type ObjectLiteralExpression = TS.ObjectLiteralExpression;
  export type ScriptKind = TS.ScriptKind;
  export type ScriptTarget = TS.ScriptTarget;
  export type SourceFile = TS.SourceFile;
  export type SyntaxKind = TS.SyntaxKind;
  export type VariableDeclaration = TS.VariableDeclaration;
  export type VariableStatement = TS.VariableStatement;
}

export default ts;

// The contract every codemod follows: analyze one parsed file and return text edits; the driver applies them once.

import type { ts } from 'ts-morph';
import type { DataResource } from '../../../model/plan.js';

export interface TextEdit {
  start: number;
  end: number;
  text: string;
  /** Set when the inserted text is a `TODO(migrate:RULE-ID)` comment line (the driver reports its final line). */
  todo?: { ruleId: string; message: string };
}

/** Where the Lambda handler is and what it looks like, found once per file by analyze-handler. */
export interface HandlerShape {
  /** How the handler is exported, e.g. `exports.handler`, `export const`, `module.exports = {}`. */
  form: string;
  /** The handler function node, when it is a function literal in this file. */
  fn?: ts.FunctionLikeDeclaration;
  /** Names of the event and context parameters, when they are plain identifiers. */
  eventParam?: string;
  contextParam?: string;
}

export interface TransformInput {
  sf: ts.SourceFile;
  text: string;
  handler?: HandlerShape;
  isTypeScript: boolean;
  /** The plan's data resources the app's functions use (Plan.dataPlane); the data-plane codemods follow their decisions. */
  dataPlane?: readonly DataResource[];
}

export interface TransformResult {
  edits: TextEdit[];
}

export interface Transform {
  name: string;
  /** What the transform does, for docs and the report. */
  description: string;
  /** Cheap text pre-check: files without this substring skip the walk (aws-sdk-js-codemod does the same). */
  mentions: string[];
  apply(input: TransformInput): TransformResult;
}

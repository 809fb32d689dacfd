// The shape of one hostile-input case and the base estate the cases start from.

import type { CliResult } from '../support/cli.js';
import type { Sandbox } from './sandbox.js';

export interface HostileCase {
  /** Unique, short: `family/what`. */
  id: string;
  /** Files, links and FIFOs to create before the run. */
  arrange?: (sb: Sandbox) => void;
  /** The command line; the cwd is `work/`. */
  argv: (sb: Sandbox) => string[];
  /** 2 for bad input (then exactly one stderr line); 0 or 1 for input that is handled (run with --json: no stderr). */
  exit: 0 | 1 | 2;
  /** What the single stderr line must match (exit 2). */
  line?: RegExp;
  /** Further assertions on the result (outputs, warnings). */
  check?: (sb: Sandbox, r: CliResult) => void | Promise<void>;
}

/** A Node SAM function whose handler is src/handler.mjs, with environment `varsYaml` (lines 10 spaces in). */
function nodeFunction(name: string, varsYaml: string): string {
  return `  ${name}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/handler.handler
      Runtime: nodejs22.x
      CodeUri: .
      Environment:
        Variables:
${varsYaml}`;
}

/** A SAM estate with an API + SQS function and an S3-triggered one (so convert writes a postdeploy hook). */
export const BASE_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: prod
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Uploads:
    Type: AWS::S3::Bucket
${nodeFunction('ApiFunction', '          STAGE: !Ref Stage')}
      Events:
        Get:
          Type: Api
          Properties: { Path: /items, Method: get }
        Jobs:
          Type: SQS
          Properties: { Queue: !GetAtt Queue.Arn }
  ThumbFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/thumb.handler
      Runtime: nodejs22.x
      CodeUri: .
      Events:
        Upload:
          Type: S3
          Properties: { Bucket: !Ref Uploads, Events: s3:ObjectCreated:* }
`;

export const HANDLER = `export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ ok: true, n: event?.Records?.length ?? 0 }) });\n`;

export function writeBaseRepo(sb: Sandbox, template = BASE_TEMPLATE): void {
  sb.write('repo/template.yaml', template);
  sb.write('repo/src/handler.mjs', HANDLER);
  sb.write('repo/src/thumb.mjs', HANDLER);
  sb.write('repo/package.json', '{"name":"estate","type":"module"}\n');
}

/** A template with one Node function whose environment is `vars` (YAML mapping lines, 10 spaces in). */
export function templateWithEnv(varsYaml: string, extraParameters = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Host:
    Type: String
  Stage:
    Type: String
    Default: prod
${extraParameters}Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  Unknown: !Equals [!Ref Host, x]
Resources:
${nodeFunction('Fn', varsYaml)}
`;
}

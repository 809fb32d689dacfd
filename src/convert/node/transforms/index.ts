// The codemods, in application order. Adding one = a folder with transform.ts and __fixtures__, plus a line here.
// The data-plane codemods (s3-to-blob … aws-keyless-stay) act only when the plan has data resources for the app;
// aws-sdk-todo marks whatever AWS SDK use they leave.

import { awsSdkTodo } from './aws-sdk-todo/transform.js';
import { callbackWaitFlag } from './callback-wait-flag/transform.js';
import { consoleToContext } from './console-to-context/transform.js';
import { DATA_PLANE_TRANSFORMS } from './data-plane.js';
import { remainingTimeTodo } from './remaining-time-todo/transform.js';
import type { Transform } from './types.js';

export const TRANSFORMS: readonly Transform[] = [...DATA_PLANE_TRANSFORMS, awsSdkTodo, callbackWaitFlag, consoleToContext, remainingTimeTodo];

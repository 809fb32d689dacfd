// The codemods, in application order. Adding one = a folder with transform.ts and __fixtures__, plus a line here.

import { awsSdkTodo } from './aws-sdk-todo/transform.js';
import { callbackWaitFlag } from './callback-wait-flag/transform.js';
import { consoleToContext } from './console-to-context/transform.js';
import { remainingTimeTodo } from './remaining-time-todo/transform.js';
import type { Transform } from './types.js';

export const TRANSFORMS: readonly Transform[] = [awsSdkTodo, callbackWaitFlag, consoleToContext, remainingTimeTodo];

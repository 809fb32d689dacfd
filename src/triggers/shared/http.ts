// The stages every HTTP-like kind shares: the Node and Python HTTP bindings, the front-door cutover.

import type { ConvertStage } from '../module.js';
import { httpSwitch } from './manual.js';
import { passthroughBinding } from './node-binding.js';
import { httpBinding } from './node-http.js';
import { pyHttp } from './python-binding.js';

/** Node and Python bindings of an HTTP kind whose request becomes a gateway event of `format`. */
export function httpConvert(format: (payloadFormat: '1.0' | '2.0' | undefined) => '1.0' | '2.0' | 'alb'): ConvertStage {
  return {
    node: (ctx) => (ctx.entry.trigger.type === 'http' ? httpBinding(ctx, format(ctx.entry.payloadFormat)) : passthroughBinding(ctx)),
    python: pyHttp,
  };
}

export const httpEmit = { replaces: null, cutover: httpSwitch };

// The Python v2 entry a trigger module generates: decorators and a body calling the ORIGINAL handler through the
// migrate_runtime.py adapters. Shared here: the entry's context and the decorated functions several kinds use.

import type { PlannedEntry, PlannedFunction } from '../../model/plan.js';

export interface PyEntryContext {
  fn: PlannedFunction;
  entry: PlannedEntry;
  /** Python identifier of the decorated function. */
  ident: string;
  /** `@app.function_name(...)` decorator. */
  name: string;
  /** The statement loading the Lambda handler into `handler`. */
  load: string;
  /** The LambdaContext expression. */
  lambdaContext: string;
}

export const py = (s: string) => JSON.stringify(s);

/** An HTTP route whose request becomes an API Gateway event (REST = 1.0, everything else 2.0). */
export function pyHttp(c: PyEntryContext): string[] | undefined {
  const t = c.entry.trigger;
  if (t.type !== 'http') return undefined;
  const fmt = c.entry.lambdaEvent === 'api-gateway-rest' || c.entry.payloadFormat === '1.0' ? '1.0' : '2.0';
  const resource = `/${t.route.replace(/^\/+/, '')}`.replace(/\{\*([A-Za-z0-9_]+)\}/g, '{$1+}');
  const build =
    fmt === '1.0' ? `api_gateway_v1_event(req, context, ${py(resource)}, "prod")` : `api_gateway_v2_event(req, context, ${py(`${t.methods[0] ?? 'ANY'} ${resource}`)}, "$default")`;
  const auth = t.authLevel === 'anonymous' ? 'ANONYMOUS' : t.authLevel === 'admin' ? 'ADMIN' : 'FUNCTION';
  return [
    c.name,
    `@app.route(route=${py(t.route)}, methods=${JSON.stringify(t.methods)}, auth_level=func.AuthLevel.${auth})`,
    `def ${c.ident}(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:`,
    c.load,
    `    event = ${build}`,
    `    return http_response(lambda: handler(event, ${c.lambdaContext}), ${py(fmt)})`,
  ];
}

/** A timer whose tick becomes a scheduled EventBridge event. */
export function pyTimer(c: PyEntryContext): string[] | undefined {
  const t = c.entry.trigger;
  if (t.type !== 'timer') return undefined;
  return [
    c.name,
    `@app.timer_trigger(arg_name="timer", schedule=${py(t.schedule)})`,
    `def ${c.ident}(timer: func.TimerRequest, context: func.Context) -> None:`,
    c.load,
    `    handler(scheduled_event(timer, context, ${py(`arn:aws:events:::rule/${c.entry.name}`)}), ${c.lambdaContext})`,
  ];
}

/** An Event Grid event turned into the Lambda event by `build` (a runtime call on `grid_event`). */
export function pyEventGrid(c: PyEntryContext, build: string): string[] | undefined {
  if (c.entry.trigger.type !== 'eventGrid') return undefined;
  return [
    c.name,
    `@app.event_grid_trigger(arg_name="grid_event")`,
    `def ${c.ident}(grid_event: func.EventGridEvent, context: func.Context) -> None:`,
    c.load,
    `    handler(${build}, ${c.lambdaContext})`,
  ];
}

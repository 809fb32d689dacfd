// "The event loop is empty" for one invocation: the Lambda Node.js runtime completes a callback-style handler (and one
// that neither calls back nor returns a promise) when the process has nothing left to do (its `beforeExit`). A test
// process or an Azure worker never gets there, so this tracks what the invocation itself started (timers, immediates,
// sockets, file, DNS and crypto requests), through async_hooks, and reports when none of it is pending any more.
// Handles opened before the invocation (at module load) are not waited for; on Lambda they would hold it until the
// timeout (docs/convert.md).

import { AsyncResource, createHook, executionAsyncId, type AsyncHook } from 'node:async_hooks';

/** async_hooks resource types that keep the event loop alive until they are destroyed (handles and requests). */
const LOOP_KEEPING = new Set([
  'Timeout',
  'Immediate',
  'TickObject',
  'TCPWRAP',
  'TCPCONNECTWRAP',
  'TCPSERVERWRAP',
  'TLSWRAP',
  'PIPEWRAP',
  'PIPECONNECTWRAP',
  'UDPWRAP',
  'UDPSENDWRAP',
  'GETADDRINFOREQWRAP',
  'GETNAMEINFOREQWRAP',
  'QUERYWRAP',
  'FSREQCALLBACK',
  'FSREQPROMISE',
  'FSEVENTWRAP',
  'STATWATCHER',
  'PROCESSWRAP',
  'SHUTDOWNWRAP',
  'WRITEWRAP',
  'ZLIB',
  'MESSAGEPORT',
  'SIGNALWRAP',
  'PBKDF2REQUEST',
  'RANDOMBYTESREQUEST',
  'SCRYPTREQUEST',
  'KEYGENREQUEST',
  'HASHREQUEST',
  'CIPHERREQUEST',
  'SIGNREQUEST',
  'DERIVEBITSREQUEST',
  'RANDOMPRIMEREQUEST',
  'CHECKPRIMEREQUEST',
]);

interface Scope {
  /** Live loop-keeping resources this invocation started, by async id. */
  live: Map<number, object>;
  /** Every async id (promises included) created inside the invocation, so their children are attributed to it. */
  members: Set<number>;
}

const owners = new Map<number, Scope>();
let active = 0;
let hook: AsyncHook | undefined;

function ensureHook(): AsyncHook {
  hook ??= createHook({
    init(id, type, trigger, resource) {
      const scope = owners.get(trigger) ?? owners.get(executionAsyncId());
      if (scope === undefined) return;
      owners.set(id, scope);
      scope.members.add(id);
      if (LOOP_KEEPING.has(type)) scope.live.set(id, resource);
    },
    destroy(id) {
      owners.get(id)?.live.delete(id);
    },
  });
  return hook;
}

/** An unref'd timer or handle, or stdio, does not keep the loop alive. */
function keepsLoopAlive(resource: object): boolean {
  const r = resource as { hasRef?: () => boolean; fd?: unknown };
  if (typeof r.fd === 'number' && r.fd >= 0 && r.fd <= 2) return false;
  return typeof r.hasRef === 'function' ? r.hasRef() : true;
}

export interface InvocationScope {
  /** Run `fn` so that everything it starts belongs to this invocation. */
  run<T>(fn: () => T): T;
  /** Resolves once nothing the invocation started is pending (checked every few milliseconds). */
  drained(): Promise<void>;
  /** Stop tracking (call once the invocation completed). */
  close(): void;
}

const POLL_MS = 2;

export function invocationScope(): InvocationScope {
  const scope: Scope = { live: new Map(), members: new Set() };
  // The watcher is created in the caller's context, the root inside it: the poll never counts as the invocation's work.
  const watcher = new AsyncResource('LambdaInvocationWatch');
  const root = new AsyncResource('LambdaInvocation');
  owners.set(root.asyncId(), scope);
  scope.members.add(root.asyncId());
  if (active++ === 0) ensureHook().enable();
  let closed = false;
  let poll: NodeJS.Timeout | undefined;
  const isDrained = () => [...scope.live.values()].every((r) => !keepsLoopAlive(r));
  return {
    run: (fn) => root.runInAsyncScope(fn),
    drained: () =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (closed || isDrained()) resolve();
          else poll = setTimeout(check, POLL_MS);
        };
        watcher.runInAsyncScope(() => {
          poll = setTimeout(check, 0);
        });
      }),
    close: () => {
      if (closed) return;
      closed = true;
      if (poll !== undefined) clearTimeout(poll);
      for (const id of scope.members) owners.delete(id);
      root.emitDestroy();
      watcher.emitDestroy();
      if (--active === 0) hook?.disable();
    },
  };
}

// Failed I/O during a run: a network error, an unreachable or unresolvable endpoint, an SDK credential/endpoint/
// timeout error. When both sides of an equivalence test fail on I/O the test proves nothing about the code (both
// would fail the same way with any code), so the harness reports it as "not proven" instead of passing it.
// Seen three ways: the error the handler failed with (its cause chain), socket errors emitted while the run was
// active and fetch calls that failed (also those the handler caught), and I/O error signatures in what it logged.

import net from 'node:net';

const IO_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_SOCKET',
  // AWS SDK v2 error codes
  'NetworkingError',
  'UnknownEndpoint',
  'CredentialsError',
  'TimeoutError',
]);

const IO_NAMES = new Set(['DataPlaneNotConfigured', 'CredentialsProviderError', 'TokenProviderError', 'ProviderError', 'TimeoutError', 'RequestTimeout', 'ConnectTimeoutError']);

const IO_TEXT = new RegExp(`\\b(${[...IO_CODES, ...IO_NAMES].join('|')})\\b|Could not load credentials|Region is missing|fetch failed|getaddrinfo`);

/** The I/O failure an error (or anything in its cause chain / aggregate) stands for, if any. */
export function ioFailureOf(error: unknown, depth = 0): string | undefined {
  if (error === null || typeof error !== 'object' || depth > 8) return undefined;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && IO_CODES.has(e.code)) return e.code;
  if (typeof e.name === 'string' && IO_NAMES.has(e.name)) return e.name;
  const inner = [e.cause, ...(Array.isArray(e.errors) ? (e.errors as unknown[]) : [])];
  for (const c of inner) {
    const found = ioFailureOf(c, depth + 1);
    if (found !== undefined) return found;
  }
  if (typeof e.message === 'string' && /^(fetch failed|Could not load credentials|Region is missing)/.test(e.message)) return e.message;
  return undefined;
}

/** An I/O error signature in a log line (a handler that caught the error and logged it). */
export function ioFailureInText(text: string): string | undefined {
  return IO_TEXT.exec(text)?.[0];
}

let recording: string[] | undefined;
let installed = false;

/**
 * Socket errors are observed by wrapping net.Socket's emit (listening for 'error' would change who handles it), and
 * fetch's network errors by wrapping fetch (some, like a blocked port, never open a socket).
 */
function install(): void {
  if (installed) return;
  installed = true;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (...args: Parameters<typeof fetch>) =>
    realFetch(...args).catch((error: unknown) => {
      recording?.push(ioFailureOf(error) ?? 'fetch failed');
      throw error;
    });
  const proto = net.Socket.prototype as unknown as { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const emit = proto.emit;
  proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === 'error' && recording !== undefined) recording.push(ioFailureOf(args[0]) ?? 'socket error');
    return emit.call(this, event, ...args);
  };
}

install();

/** Run `fn`, collecting the socket and fetch errors meanwhile. */
export async function observingSocketErrors<T>(fn: () => Promise<T>): Promise<{ value: T; socketErrors: string[] }> {
  const errors: string[] = [];
  recording = errors;
  try {
    return { value: await fn(), socketErrors: errors };
  } finally {
    recording = undefined;
  }
}

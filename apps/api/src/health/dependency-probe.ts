/**
 * How /health asks a dependency whether it answers, and says why not: the connection was refused
 * (nothing listens there), no answer in time, or another error.
 */
import { connect } from 'node:net';
import type { DependencyCheck } from '@waypoint/contract';

export const PROBE_TIMEOUT_MS = 3_000;

class ProbeTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * Runs `probe` with a deadline. `onTimeout` may explain a timeout better (a client that retries a
 * refused connection until its deadline looks like a timeout from here).
 */
export async function checkDependency(
  probe: () => Promise<unknown>,
  onTimeout?: () => Promise<DependencyCheck | undefined>,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<DependencyCheck> {
  try {
    await withTimeout(probe(), timeoutMs);
    return { ok: true };
  } catch (error) {
    if (error instanceof ProbeTimeout)
      return (await onTimeout?.()) ?? { ok: false, failure: 'timeout', error: error.message };
    return { ok: false, failure: isConnectionRefused(error) ? 'refused' : 'error', error: describe(error) };
  }
}

/** Whether the error (or one it wraps) is ECONNREFUSED. */
export function isConnectionRefused(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, cause, errors, message } = error as {
    code?: unknown;
    cause?: unknown;
    errors?: unknown;
    message?: unknown;
  };
  return (
    code === 'ECONNREFUSED' ||
    (typeof message === 'string' && message.includes('ECONNREFUSED')) ||
    isConnectionRefused(cause, depth + 1) ||
    (Array.isArray(errors) && errors.some((inner) => isConnectionRefused(inner, depth + 1)))
  );
}

/**
 * What a plain TCP connection to `host:port` meets: `open`, `refused`, `timeout`, or the error
 * code (e.g. `ENOTFOUND`). Cheap, and only tried once the real probe has failed.
 */
export function tcpReach(address: string, timeoutMs = 1_000): Promise<string> {
  const at = address.lastIndexOf(':');
  const host = address.slice(0, at);
  const port = Number(address.slice(at + 1));
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: string) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done('timeout'));
    socket.once('connect', () => done('open'));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(isConnectionRefused(error) ? 'refused' : (error.code ?? 'error')),
    );
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // An AggregateError (one attempt per address of a host) has no message of its own.
  return error.message || (error as NodeJS.ErrnoException).code || error.name;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ProbeTimeout(ms)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

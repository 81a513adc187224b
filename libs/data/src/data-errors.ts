/**
 * Telling bad data from a bad day: PostgreSQL refusing the values themselves (a data exception,
 * SQLSTATE class 22, e.g. text it cannot store, a number or time out of range; or a value too large
 * for an index, 54000) will refuse them again on every retry, while a lost connection or a
 * deadlock may not. Webhook deliveries that fail the first way are kept as dead letters.
 */
export function isRefusedData(error: unknown): boolean {
  const code = sqlState(error);
  return code !== null && (code.startsWith('22') || code === '54000');
}

function sqlState(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string' && /^[0-9A-Z]{5}$/.test(own)) return own;
  const driver = (error as { driverError?: { code?: unknown } }).driverError?.code;
  return typeof driver === 'string' && /^[0-9A-Z]{5}$/.test(driver) ? driver : null;
}

/** Node's socket errors that mean the server is not there (or went away), not that the query is wrong. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * SQLSTATEs of a server that cannot serve now: class 08 (connection exception: 08001 cannot
 * connect, 08006 connection failure, …), 57P01–57P03 (admin shutdown, crash shutdown, cannot
 * connect now: starting up or shutting down) and 53300 (too many connections).
 */
function isUnavailableState(code: string): boolean {
  return (
    code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300'
  );
}

/** What pg and pg-pool throw, message only, when a connection ends or cannot be had in time. */
const UNREACHABLE_MESSAGES = [
  /^Connection terminated/, // 'Connection terminated', '… unexpectedly', '… due to connection timeout'
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
];

/**
 * Whether the error says PostgreSQL is down or unreachable (so the request may succeed later),
 * as pg, pg-pool and TypeORM raise it: a socket error (ECONNREFUSED, also inside the
 * AggregateError Node raises when every address of a host refuses), a SQLSTATE of a server that
 * cannot serve, or pg's "Connection terminated" family; TypeORM's QueryFailedError carries the
 * driver's error as `driverError`.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, message, errors, driverError } = error as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
    driverError?: unknown;
  };
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || isUnavailableState(code))) return true;
  if (typeof message === 'string' && UNREACHABLE_MESSAGES.some((pattern) => pattern.test(message)))
    return true;
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  // Not `cause`: a failed fetch to a provider (TypeError 'fetch failed') carries its ECONNREFUSED there.
  return isDatabaseUnavailable(driverError, depth + 1);
}

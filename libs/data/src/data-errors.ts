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

/** CSV (RFC 4180): fields quoted when they hold a comma, quote, CR or LF; lines end with CRLF. */

/**
 * A text beginning with =, +, -, @ (or a tab/CR) is a formula to a spreadsheet: such a field gets a
 * leading `'` (OWASP, CSV injection), unless it is a plain number or phone (`+905321234567`).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_LIKE = /^[+-]?[0-9][0-9 .]*$/;

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  const safe =
    typeof value === 'string' && FORMULA_START.test(text) && !NUMBER_LIKE.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

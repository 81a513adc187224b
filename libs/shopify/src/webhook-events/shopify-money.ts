/**
 * Shopify's Admin REST payloads carry money as decimal strings ("199.00") in the currency named
 * beside them. Canonical events carry numbers; anything that is not plainly a decimal amount is
 * refused rather than guessed at, because a wrong total would silently skew CLTV and segments.
 */
import { ShopifyPayloadError } from './shopify-payload.error';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Reads a required amount; `field` names it in the error (e.g. `total_price`). */
export function parseShopifyMoney(value: unknown, field: string): number {
  // A JSON number is unambiguous too; only strings need the shape check ("1e3", "", "12,50" fail).
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && DECIMAL.test(value)) return Number(value);
  throw new ShopifyPayloadError(
    field,
    `"${field}" must be a decimal amount such as "199.00", got ${JSON.stringify(value) ?? 'nothing'}`,
  );
}

/** Reads an amount Shopify may leave out; absent (undefined or null) reads as null. */
export function parseOptionalShopifyMoney(value: unknown, field: string): number | null {
  return value === undefined || value === null ? null : parseShopifyMoney(value, field);
}

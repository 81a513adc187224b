/** Shopify's webhook signature: base64 HMAC-SHA256 of the raw body, compared in constant time. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function shopifySignature(rawBody: Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

export function isValidShopifySignature(
  rawBody: Buffer,
  secret: string,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(shopifySignature(rawBody, secret), 'base64');
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

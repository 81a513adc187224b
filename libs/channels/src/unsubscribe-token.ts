/**
 * Signed, unguessable unsubscribe tokens: `<customer id>.<HMAC>` in base64url, so the one-click
 * POST needs no login and cannot be forged for another customer.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

function signature(customerId: string, secret: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:email:${customerId}`).digest('base64url');
}

export function signUnsubscribeToken(customerId: string, secret: string): string {
  return `${Buffer.from(customerId).toString('base64url')}.${signature(customerId, secret)}`;
}

/** The customer id the token was signed for, or null when it is malformed or forged. */
export function verifyUnsubscribeToken(token: string, secret: string): string | null {
  const [encodedId, given] = token.split('.');
  if (!encodedId || !given) return null;
  const customerId = Buffer.from(encodedId, 'base64url').toString('utf8');
  const expected = Buffer.from(signature(customerId, secret));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? customerId : null;
}

/** Where a consent change came from, as far as the store connection cares: the store itself, or not. */

/** The source of consent the store reported (Shopify's marketing consent). */
export const STORE_CONSENT_SOURCE = 'shopify';

/**
 * Whether a consent source is the store itself (`shopify`, or `shopify:{shop}` of a checkout's
 * SMS box): such changes are never written back to it, which would only echo.
 */
export function isStoreConsentSource(source: string): boolean {
  return source === STORE_CONSENT_SOURCE || source.startsWith(`${STORE_CONSENT_SOURCE}:`);
}

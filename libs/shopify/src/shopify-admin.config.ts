/**
 * How a store is reached: its domain, token, pinned Admin API version and, for tests or a proxy,
 * another base URL. Also the one place that knows which API version this lib's queries need.
 */
import { ShopifyError } from './shopify.errors';

export interface ShopifyAdminConfig {
  /** `name.myshopify.com` (SHOPIFY_SHOP); a bare `name` means `name.myshopify.com`. */
  shop: string;
  /** A custom app's Admin API access token (SHOPIFY_ADMIN_TOKEN). */
  accessToken: string;
  /** A dated Admin API version such as `2025-10` (SHOPIFY_API_VERSION). */
  apiVersion: string;
  /**
   * Base URL to send to instead of `https://{shop}` (SHOPIFY_API_URL): a local server that speaks
   * the Admin API in tests. The path `/admin/api/{version}/graphql.json` is kept after it.
   */
  apiUrl?: string;
}

/**
 * The oldest Admin API version whose schema has every field and argument this lib sends. Both
 * arrived in 2025-10: `WebhookSubscription.uri`/`WebhookSubscriptionInput.uri` (earlier versions
 * only know the now-deprecated `callbackUrl`/`endpoint`) and the discount inputs' `context`
 * (replacing the deprecated `customerSelection`).
 */
export const MINIMUM_SHOPIFY_API_VERSION = '2025-10';

const DATED_VERSION = /^\d{4}-(01|04|07|10)$/;

/** The shop's `name.myshopify.com` host, from what an admin typed (`name`, a URL, mixed case). */
export function shopDomain(shop: string): string {
  const trimmed = shop.trim().toLowerCase();
  if (!trimmed)
    throw new ShopifyError('shopify_config', 'no Shopify shop is configured (SHOPIFY_SHOP)', false);
  let host: string;
  try {
    host = new URL(/^https?:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    throw new ShopifyError('shopify_config', `"${shop}" is not a Shopify shop domain`, false);
  }
  return host.includes('.') ? host : `${host}.myshopify.com`;
}

/** Refuses versions this lib's queries do not fit, so a misconfiguration fails at start, by name. */
export function checkApiVersion(apiVersion: string): string {
  const version = apiVersion.trim();
  if (version === 'unstable') return version;
  if (!DATED_VERSION.test(version))
    throw new ShopifyError(
      'shopify_config',
      `SHOPIFY_API_VERSION "${apiVersion}" is not a dated Admin API version such as ${MINIMUM_SHOPIFY_API_VERSION}`,
      false,
    );
  if (version < MINIMUM_SHOPIFY_API_VERSION)
    throw new ShopifyError(
      'shopify_config',
      `SHOPIFY_API_VERSION ${version} is older than ${MINIMUM_SHOPIFY_API_VERSION}, the oldest version these queries fit`,
      false,
    );
  return version;
}

/** `url` (the client's `https://{shop}/admin/api/…`) with `base`'s origin and path prefix in front. */
export function rebased(url: string, base: URL): string {
  const shopifyUrl = new URL(url);
  const prefix = base.pathname.replace(/\/+$/, '');
  return new URL(prefix + shopifyUrl.pathname + shopifyUrl.search, base).href;
}

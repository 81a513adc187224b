/**
 * Talking to the shop on an admin's behalf: the credentials check, registering the webhook
 * subscriptions, reading their state, and what a refusal means in the API's words. An admin is
 * waiting on the page, so the check retries little and gives up sooner than the worker does.
 */
import type { StoredStoreWebhook } from '@waypoint/data';
import {
  SealedSecretError,
  ShopifyAdmin,
  ShopifyError,
  shopDomain,
  type ShopifyAdminConfig,
  type ShopifyAdminOptions,
} from '@waypoint/shopify';
import { ApiError } from '../errors/api-error';

export const CHECK_OPTIONS: ShopifyAdminOptions = {
  maxRetries: 1,
  maxThrottleRetries: 3,
  timeoutMs: 15_000,
};

/** A client for one check, or a 422 naming what is wrong with the shop. */
export function checkClient(config: ShopifyAdminConfig, options: ShopifyAdminOptions = {}): ShopifyAdmin {
  try {
    return new ShopifyAdmin(config, { ...CHECK_OPTIONS, ...options });
  } catch (error) {
    throw storeRefusal(error, config.shop);
  }
}

/** `your-store`, a URL or mixed case → `your-store.myshopify.com`, or a 422. */
export function normalisedShop(shop: string): string {
  try {
    return shopDomain(shop);
  } catch (error) {
    throw storeRefusal(error, shop);
  }
}

/**
 * Makes sure each topic is delivered to `callbackUrl` (kept when it already is, created when
 * not). A topic the store refuses is `failed` with its reason; when the store cannot be asked at
 * all (a scope missing, the store gone), every topic is `failed` with that reason, so the
 * connection is still kept and the page says what to fix.
 */
export async function registerWebhooks(
  admin: ShopifyAdmin,
  callbackUrl: string,
  topics: readonly string[],
): Promise<{ webhooks: StoredStoreWebhook[]; created: string[] }> {
  try {
    const statuses = await admin.ensureWebhookSubscriptions(callbackUrl, topics);
    return {
      webhooks: statuses.map((s) => ({
        topic: s.topic,
        state: s.state === 'failed' ? 'failed' : 'registered',
        subscriptionId: s.subscriptionId,
        error: s.error,
      })),
      created: statuses.filter((s) => s.state === 'created').map((s) => s.topic),
    };
  } catch (error) {
    if (!(error instanceof ShopifyError)) throw error;
    return {
      webhooks: topics.map((topic) => ({
        topic,
        state: 'failed',
        subscriptionId: null,
        error: error.message,
      })),
      created: [],
    };
  }
}

/** Which topics are delivered to `callbackUrl` now (`registered`) and which are not (`missing`). */
export async function readWebhooks(
  admin: ShopifyAdmin,
  callbackUrl: string,
  topics: readonly string[],
): Promise<StoredStoreWebhook[]> {
  const existing = await admin.listWebhookSubscriptions(topics);
  return topics.map((topic) => {
    const match = existing.find((s) => s.topic === topic && s.uri === callbackUrl);
    return match
      ? { topic, state: 'registered', subscriptionId: match.id, error: null }
      : { topic, state: 'missing', subscriptionId: null, error: null };
  });
}

/**
 * Why the store could not be checked, as a 422 (the admin has something to fix: the token, the
 * shop, or to try again later), never a 500. Anything that is not the store's answer is rethrown.
 */
export function storeRefusal(error: unknown, shop: string): ApiError {
  if (error instanceof SealedSecretError)
    return ApiError.conflict('store_credentials_unreadable', `${error.message} Connect the store again.`);
  if (!(error instanceof ShopifyError)) throw error;
  const details = { shop, shopifyCode: error.code, httpStatus: error.status ?? null };
  switch (error.code) {
    case 'shopify_auth':
      return ApiError.unprocessable('store_token_refused', `${error.message}.`, details);
    case 'shopify_unavailable':
      return ApiError.unprocessable(
        'store_unreachable',
        `Could not reach the store: ${error.message}. Check the shop domain; if it is right, try again in a moment.`,
        details,
      );
    case 'shopify_config':
      return ApiError.unprocessable('invalid_shop', `${error.message}.`, details);
    default:
      return ApiError.unprocessable(
        'store_refused',
        `The store refused the check: ${error.message}.`,
        details,
      );
  }
}

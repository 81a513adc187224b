/**
 * One store's Admin GraphQL API through Shopify's own client (`@shopify/admin-api-client`), at a
 * pinned API version. This class owns how a request is sent and retried; the operations (shop
 * info, webhooks, discounts, consent, bulk) live in their own modules and are offered here.
 *
 * How a request fails, and what we do:
 * - THROTTLED (a GraphQL error, or HTTP 429): wait what the leaky bucket says,
 *   (requestedQueryCost - currentlyAvailable) / restoreRate seconds (leaky-bucket.ts), then again;
 * - 5xx, a network error or a timeout: exponential backoff, a bounded number of times;
 * - 401/403 or ACCESS_DENIED: ShopifyAuthError naming the shop, never retried;
 * - `userErrors` in a mutation's payload: ShopifyUserError (the operation modules), never retried.
 * The client's own retries stay off so there is one retry policy.
 *
 * The client builds `https://{shop}/admin/api/{version}/graphql.json` and has no base-URL option,
 * so `apiUrl` (SHOPIFY_API_URL) is applied in its `customFetchApi`: same path and headers
 * (`X-Shopify-Access-Token`), another origin.
 */
import { createAdminApiClient, type AdminApiClient } from '@shopify/admin-api-client';
import type { AdminGraphql } from './admin-graphql';
import { streamJsonl, type JsonlLine, type StreamJsonlOptions } from './bulk-jsonl';
import {
  pollBulkOperation,
  readBulkOperation,
  runBulkQuery,
  type BulkOperation,
  type BulkOperationStatus,
  type PollBulkOperationOptions,
  type RunBulkQueryOptions,
} from './bulk-operations';
import {
  createCustomerDiscountCode,
  findCodeDiscount,
  type CustomerDiscountCode,
  type CustomerDiscountCodeInput,
  type ExistingCodeDiscount,
} from './discount-codes';
import { LeakyBucket, throttledWaitMs, type QueryCost } from './leaky-bucket';
import {
  updateEmailMarketingConsent,
  updateSmsMarketingConsent,
  type ConsentUpdate,
  type MarketingConsentState,
} from './marketing-consent';
import { readShopInfo, type ShopInfo } from './shop-info';
import { checkApiVersion, rebased, shopDomain, type ShopifyAdminConfig } from './shopify-admin.config';
import { ShopifyAuthError, ShopifyError } from './shopify.errors';
import {
  ensureWebhookSubscriptions,
  listWebhookSubscriptions,
  type WebhookSubscriptionNode,
  type WebhookTopicStatus,
} from './webhook-subscriptions';

export interface ShopifyAdminLogEntry {
  level: 'info' | 'warn';
  message: string;
  details?: Record<string, unknown>;
}

export interface ShopifyAdminOptions {
  /** Retries after THROTTLED before giving up (each one waits what the bucket says). Default 10. */
  maxThrottleRetries?: number;
  /** Retries after a 5xx, network error or timeout. Default 4. */
  maxRetries?: number;
  /** First backoff after a 5xx/network error, doubled each time (with jitter). Default 500 ms. */
  backoffMs?: number;
  /** Cap of one backoff. Default 10 s. */
  maxBackoffMs?: number;
  /** Shortest wait after THROTTLED (the bucket's figures are rounded). Default 100 ms. */
  minThrottleWaitMs?: number;
  /** Longest wait after THROTTLED. Default 60 s. */
  maxThrottleWaitMs?: number;
  /** One HTTP request's timeout. Default 30 s. */
  timeoutMs?: number;
  /** Where warnings go (an unsupported API version, deprecations, retries). */
  log?: (entry: ShopifyAdminLogEntry) => void;
  /** The fetch requests are made with (tests, proxies); default the global fetch. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

type ClientAnswer<T> = Awaited<ReturnType<AdminApiClient['request']>> & { data?: T };

/** What one answer means for the request loop. */
type Verdict = { kind: 'ok' } | { kind: 'throttled'; waitMs: number } | { kind: 'transient'; reason: string };

export class ShopifyAdmin implements AdminGraphql {
  readonly shop: string;
  readonly apiVersion: string;
  private readonly client: AdminApiClient;
  private readonly bucket = new LeakyBucket();
  private readonly options: Required<Omit<ShopifyAdminOptions, 'log'>> & Pick<ShopifyAdminOptions, 'log'>;
  private currency?: Promise<string>;

  constructor(config: ShopifyAdminConfig, options: ShopifyAdminOptions = {}) {
    this.shop = shopDomain(config.shop);
    this.apiVersion = checkApiVersion(config.apiVersion);
    if (!config.accessToken?.trim())
      throw new ShopifyError('shopify_config', `no Admin API token is configured for ${this.shop}`, false);
    this.options = {
      maxThrottleRetries: options.maxThrottleRetries ?? 10,
      maxRetries: options.maxRetries ?? 4,
      backoffMs: options.backoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 10_000,
      minThrottleWaitMs: options.minThrottleWaitMs ?? 100,
      maxThrottleWaitMs: options.maxThrottleWaitMs ?? 60_000,
      timeoutMs: options.timeoutMs ?? 30_000,
      fetch: options.fetch ?? fetch,
      sleep: options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
      log: options.log,
    };
    const base = config.apiUrl ? new URL(config.apiUrl) : undefined;
    const doFetch = this.options.fetch;
    const timeoutMs = this.options.timeoutMs;
    this.client = createAdminApiClient({
      storeDomain: this.shop,
      apiVersion: this.apiVersion,
      accessToken: config.accessToken.trim(),
      userAgentPrefix: 'Waypoint',
      retries: 0,
      customFetchApi: async (url, init) => {
        try {
          return await doFetch(base ? rebased(url, base) : url, {
            ...init,
            signal: init?.signal ?? AbortSignal.timeout(timeoutMs),
          });
        } catch (error) {
          // The client keeps only `message` ("fetch failed"); the cause says what happened.
          const cause = (error as { cause?: { code?: string; message?: string } }).cause;
          const detail = cause?.code ?? cause?.message;
          throw new Error(detail ? `${(error as Error).message} (${detail})` : (error as Error).message);
        }
      },
      logger: (entry) => {
        if (entry.type === 'Unsupported_Api_Version')
          this.warn(
            `Admin API version ${this.apiVersion} is not among the versions Shopify currently supports`,
            {
              supported: entry.content.supportedApiVersions,
            },
          );
        else if (entry.type === 'HTTP-Response-GraphQL-Deprecation-Notice')
          this.warn('Shopify flagged a deprecated field in a request', {
            notice: entry.content.deprecationNotice,
          });
      },
    });
  }

  /**
   * One GraphQL operation; resolves with its `data`. Honours throttling and retries as described
   * above; every other error (a query the schema rejects) is a ShopifyError.
   */
  async request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    let throttled = 0;
    let failures = 0;
    for (;;) {
      const hold = this.bucket.delayBeforeNext();
      if (hold > 0) await this.options.sleep(Math.min(hold, this.options.maxThrottleWaitMs));
      const answer = (await this.client.request<T>(query, { variables })) as ClientAnswer<T>;
      this.bucket.observe(answer.extensions?.cost as QueryCost | undefined);
      const verdict = await this.judge(answer);
      if (verdict.kind === 'ok') return answer.data as T;
      if (verdict.kind === 'throttled') {
        throttled += 1;
        if (throttled > this.options.maxThrottleRetries)
          throw new ShopifyError(
            'shopify_unavailable',
            `${this.shop} is still throttling after ${this.options.maxThrottleRetries} waits`,
            true,
            429,
          );
        await this.options.sleep(verdict.waitMs);
        continue;
      }
      failures += 1;
      if (failures > this.options.maxRetries)
        throw new ShopifyError(
          'shopify_unavailable',
          `${this.shop} did not answer after ${failures} attempts: ${verdict.reason}`,
          true,
        );
      this.warn(`retrying a Shopify request: ${verdict.reason}`, { attempt: failures });
      await this.options.sleep(this.backoff(failures));
    }
  }

  /** Name, currency, time zone and primary locale: the connection test and the store's defaults. */
  async shopInfo(): Promise<ShopInfo> {
    const info = await readShopInfo(this);
    this.currency = Promise.resolve(info.currencyCode);
    return info;
  }

  ensureWebhookSubscriptions(callbackUrl: string, topics: readonly string[]): Promise<WebhookTopicStatus[]> {
    return ensureWebhookSubscriptions(this, callbackUrl, topics);
  }

  listWebhookSubscriptions(topics?: readonly string[]): Promise<WebhookSubscriptionNode[]> {
    return listWebhookSubscriptions(this, topics);
  }

  createCustomerDiscountCode(input: CustomerDiscountCodeInput): Promise<CustomerDiscountCode> {
    return createCustomerDiscountCode(this, input, () => this.shopCurrency());
  }

  findCodeDiscount(code: string): Promise<ExistingCodeDiscount | null> {
    return findCodeDiscount(this, code);
  }

  updateEmailMarketingConsent(
    customerGid: string,
    state: MarketingConsentState,
    consentUpdatedAt: Date | string,
    optInLevel?: ConsentUpdate['optInLevel'],
  ): Promise<{ customerId: string }> {
    return updateEmailMarketingConsent(this, customerGid, { state, consentUpdatedAt, optInLevel });
  }

  updateSmsMarketingConsent(
    customerGid: string,
    state: MarketingConsentState,
    consentUpdatedAt: Date | string,
    optInLevel?: ConsentUpdate['optInLevel'],
  ): Promise<{ customerId: string }> {
    return updateSmsMarketingConsent(this, customerGid, { state, consentUpdatedAt, optInLevel });
  }

  runBulkQuery(
    query: string,
    options?: RunBulkQueryOptions,
  ): Promise<{ id: string; status: BulkOperationStatus }> {
    return runBulkQuery(this, query, options);
  }

  bulkOperation(id: string): Promise<BulkOperation> {
    return readBulkOperation(this, id);
  }

  pollBulkOperation(id: string, options?: PollBulkOperationOptions): Promise<BulkOperation> {
    return pollBulkOperation(this, id, this.options.sleep, options);
  }

  /** The JSONL at a bulk operation's `url`, streamed (see bulk-jsonl.ts). */
  streamJsonl<T = unknown>(url: string, options: StreamJsonlOptions = {}): AsyncGenerator<JsonlLine<T>> {
    return streamJsonl<T>(url, { fetch: this.options.fetch, sleep: this.options.sleep, ...options });
  }

  private shopCurrency(): Promise<string> {
    this.currency ??= readShopInfo(this).then((info) => info.currencyCode);
    this.currency.catch(() => (this.currency = undefined));
    return this.currency;
  }

  private async judge(answer: ClientAnswer<unknown>): Promise<Verdict> {
    const errors = answer.errors;
    if (!errors) return { kind: 'ok' };
    const status = errors.networkStatusCode;
    const graphQLErrors = errors.graphQLErrors ?? [];
    if (status === 401 || status === 403) {
      const body = await errors.response?.text().catch(() => '');
      throw new ShopifyAuthError(
        this.shop,
        `${shopifyMessage(body) ?? errors.message} (HTTP ${status})`,
        status,
      );
    }
    if (status === 429) {
      const body = await errors.response?.text().catch(() => '');
      const cost = costOf(body);
      this.bucket.observe(cost);
      return {
        kind: 'throttled',
        waitMs: this.throttleWait(cost, errors.response?.headers.get('retry-after')),
      };
    }
    if (graphQLErrors.some((e) => e.extensions?.code === 'THROTTLED'))
      return {
        kind: 'throttled',
        waitMs: this.throttleWait(answer.extensions?.cost as QueryCost | undefined),
      };
    const denied = graphQLErrors.find((e) => e.extensions?.code === 'ACCESS_DENIED');
    if (denied) throw new ShopifyAuthError(this.shop, denied.message);
    if (status === undefined) return { kind: 'transient', reason: errors.message ?? 'network error' };
    if (status >= 500) return { kind: 'transient', reason: `HTTP ${status}` };
    if (graphQLErrors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR'))
      return { kind: 'transient', reason: graphQLErrors.map((e) => e.message).join('; ') };
    if (status === 404)
      throw new ShopifyError(
        'shopify_request',
        `${this.shop} has no Admin API ${this.apiVersion} (HTTP 404): check the shop domain and API version`,
        false,
        404,
      );
    if (graphQLErrors.length)
      throw new ShopifyError(
        'shopify_request',
        `Shopify refused the request: ${graphQLErrors.map((e) => e.message).join('; ')}`,
        false,
        status,
      );
    if (status === 200) return { kind: 'transient', reason: errors.message ?? 'an unreadable answer' };
    const body = await errors.response?.text().catch(() => '');
    throw new ShopifyError(
      'shopify_request',
      `${this.shop} answered HTTP ${status}: ${shopifyMessage(body) ?? errors.message}`,
      false,
      status,
    );
  }

  private throttleWait(cost: QueryCost | undefined, retryAfter?: string | null): number {
    const { minThrottleWaitMs: min, maxThrottleWaitMs: max } = this.options;
    const fromBucket = throttledWaitMs(cost, min, max);
    if (fromBucket !== null) return fromBucket;
    const seconds = Number(retryAfter);
    if (retryAfter && Number.isFinite(seconds)) return Math.min(max, Math.max(min, seconds * 1000));
    return Math.min(max, Math.max(min, 1000));
  }

  private backoff(failures: number): number {
    const exp = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** (failures - 1));
    return Math.round(exp * (0.8 + Math.random() * 0.4));
  }

  private warn(message: string, details?: Record<string, unknown>): void {
    this.options.log?.({ level: 'warn', message, details: { shop: this.shop, ...details } });
  }
}

/** The `errors` text of a Shopify error body (`{"errors":"[API] Invalid API key…"}`), if any. */
function shopifyMessage(body: string | undefined): string | null {
  if (!body) return null;
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    if (typeof parsed.errors === 'string') return parsed.errors;
    if (Array.isArray(parsed.errors))
      return parsed.errors
        .map((e) => (typeof e === 'string' ? e : (e as { message?: string }).message))
        .join('; ');
  } catch {
    // Not JSON (an HTML error page): fall back to the client's message.
  }
  return null;
}

function costOf(body: string | undefined): QueryCost | undefined {
  if (!body) return undefined;
  try {
    return (JSON.parse(body) as { extensions?: { cost?: QueryCost } }).extensions?.cost;
  } catch {
    return undefined;
  }
}
